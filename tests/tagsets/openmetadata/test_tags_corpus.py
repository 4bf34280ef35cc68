"""The schemas fit the real corpus: every tag and attribute the OpenMetadata docs use is
known, with the value sets they use, so `docgen check` reports no false findings there —
while the corpus's genuine slips, and typos like them, are still reported."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

import pytest
from shared_data import OPENMETADATA_DIR as CORPUS
from tag_helpers import SCHEMA, findings

from docgen.markdoc import parse, validate
from docgen.tags import markdoc_config

CONTENT = CORPUS / "content"
SCHEMA_RULES = {
    "tag-undefined",
    "attribute-undefined",
    "attribute-value-invalid",
    "attribute-type-invalid",
    "attribute-missing-required",
}
# Authoring slips in the corpus itself (see its README: "known authoring slips are kept").
GENUINE_SLIPS = {
    # `parentTagNme` is a typo of `parentTagName`.
    ("v1.9.x/connectors/pipeline/openlineage/index.md", "attribute-undefined", "extraContent"),
    # A stray second `{% /codeInfo %}`: Markdoc makes it a codeInfo node without its srNumber.
    ("v1.9.x/connectors/database/cassandra/yaml.md", "attribute-missing-required", "codeInfo"),
}

# The tests that read the corpus are marked `shared`: without ../shared they are skipped with the
# reason, and under CI (CI=true) they fail (tests/conftest.py).


def corpus_files() -> list[Path]:
    return sorted(path for path in CONTENT.rglob("*.md") if path.is_file())


@cache
def parsed(path: Path):
    """Each corpus file is parsed once for all tests (validation and rendering do not mutate the AST)."""
    return parse(path.read_text(encoding="utf-8"), file=path.relative_to(CONTENT).as_posix())


@lru_cache(maxsize=1)
def corpus_findings() -> tuple[tuple[str, str, str, str, int], ...]:
    """(file, rule, tag, message, line) for every schema finding in the corpus."""
    config = markdoc_config(None, {}, {}, SCHEMA)
    found = []
    for path in corpus_files():
        rel = path.relative_to(CONTENT).as_posix()
        for error in validate(parsed(path), config):
            if error.id not in SCHEMA_RULES:
                continue
            if error.tag == "partial" and "not found" in error.message:
                continue  # whether a partial file exists is the site's question, not the schema's
            line = (error.location or {}).get("start", {}).get("line", -1) + 1
            found.append((rel, error.id, error.tag or error.type or "", error.message, line))
    return tuple(found)


@pytest.mark.shared
def test_the_corpus_is_large_enough_to_mean_something():
    assert len(corpus_files()) > 400


@pytest.mark.shared
def test_corpus_produces_no_false_schema_findings():
    offenders = [
        f"{file}:{line}: [{rule}] {tag}: {message}"
        for file, rule, tag, message, line in corpus_findings()
        if (file, rule, tag) not in GENUINE_SLIPS
    ]
    assert offenders == [], "schema findings on the real corpus:\n" + "\n".join(offenders)


@pytest.mark.shared
def test_the_corpus_slips_are_still_reported():
    reported = {(file, rule, tag) for file, rule, tag, _message, _line in corpus_findings()}
    assert reported >= GENUINE_SLIPS


@pytest.mark.shared
def test_every_tag_name_in_the_corpus_has_a_schema():
    """A parser-independent cross-check: every `{% name` in the corpus is a known tag."""
    names: Counter[str] = Counter()
    for path in corpus_files():
        for match in re.finditer(r"\{%-?\s*([A-Za-z][\w-]*)(?=[\s/%])(?!\s*=)", path.read_text(encoding="utf-8")):
            names[match.group(1)] += 1
    unknown = sorted(set(names) - set(SCHEMA.tags))
    assert len(names) >= 25, names
    assert unknown == [], f"tags without a schema: {unknown}"


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ('{% note noteTyp="Tip" %}x{% /note %}', "attribute-undefined"),
        ('{% note noteType="Warnig" %}x{% /note %}', "attribute-value-invalid"),
        ('{% image scr="/images/a.png" /%}', "attribute-undefined"),
        ('{% image alt="no source" /%}', "attribute-missing-required"),
        ('{% tilesContainer %}{% tilee title="a" link="/a" /%}{% /tilesContainer %}', "tag-undefined"),
        ('{% codeInfo srNumber="one" %}x{% /codeInfo %}', "attribute-type-invalid"),
        ('{% connectorInfoCard name="A" href="/a" stage="GA" /%}', "attribute-value-invalid"),
        ('{% youtube videoId="abc" start="1h" /%}', "attribute-value-invalid"),
        ('{% youtube videoId="abc" width="800xp" /%}', "attribute-value-invalid"),
        ('{% icon iconName="chek" /%}', "attribute-value-invalid"),
        ('{% extraContent parentTagNme="stepsContainer" %}x{% /extraContent %}', "attribute-undefined"),
        ("```yaml {% srNumbr=1 %}\na: 1\n```", "attribute-undefined"),
    ],
)
def test_typos_are_reported(source, rule):
    assert rule in [error.id for error in findings(source)]


@pytest.mark.shared
def test_corpus_annotations_on_fences_validate():
    source = "```yaml {% srNumber=3 %}\na: 1\n```\n\n```yaml {% isCodeBlock=true %}\nb: 2\n```\n"
    assert [error for error in findings(source) if error.id in SCHEMA_RULES] == []


def corpus_partials() -> dict:
    root = CONTENT / "partials"
    return {
        "/" + path.relative_to(root).as_posix(): parsed(path) for path in sorted(root.rglob("*.md")) if path.is_file()
    }


@pytest.mark.shared
def test_every_corpus_page_renders_in_both_editions():
    """No exception on real content, its slips included; missing partials are reported, not fatal."""
    from docgen.markdoc import render_html, transform
    from docgen.tags.context import StandaloneContext

    partials = corpus_partials()
    pages = [path for path in corpus_files() if "partials" not in path.relative_to(CONTENT).parts]
    rules: Counter[str] = Counter()
    for index, path in enumerate(pages):
        context = StandaloneContext(edition=("oss", "collate")[index % 2], version="v1.9.x")
        html = render_html(transform(parsed(path), markdoc_config(context, {}, partials, SCHEMA)))
        assert html.startswith("<article>"), path
        rules.update(report.rule for report in context.reports)
    assert len(pages) > 300
    # heading-extra-h1: some corpus pages have several `#` headings (shown as h2, reported)
    assert set(rules) <= {"partial-missing", "partial-variable-undefined", "partial-cycle", "heading-extra-h1"}
    assert rules["partial-missing"] > 0  # the corpus is a subset: some partials are absent
