"""A site that brings its own schema (tests/site/schema_site): declarative tags with templates, a Python
tag, a node override, a function, its heading-id function, config variables (nested, per version) and
`$markdoc.frontmatter` headings — then the same site broken one way at a time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.check import check_site
from docgen.cli import main
from docgen.publish import build_site
from docgen.site import ConfigError, Site, load_config

FIXTURE = Path(__file__).resolve().parent / "schema_site"


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture (the broken-schema tests edit it)."""
    target = tmp_path / "site"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def findings(site_dir: Path) -> list[tuple[str, str | None, int | None, str]]:
    site = Site.load(load_config(site_dir))
    return [(d.rule, d.file, d.line, d.message) for d in check_site(site)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def article(html: str) -> str:
    """The page body: what the theme's `<article class="dg-content" …>` holds."""
    return re.split(r'<article class="dg-content"[^>]*>', html, maxsplit=1)[1].split("</article>", 1)[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("schema-site-out")
    result = build_site(Site.load(load_config(FIXTURE)), out, jobs=1, cache_dir=out.parent / "cache")
    return out, result


def test_builds_with_zero_diagnostics(built):
    _out, result = built
    assert [str(d) for d in result.diagnostics] == []


def test_check_finds_nothing_and_claims_ids_with_the_sites_slugify():
    # `#profiler-&-data-quality` exists only with the site's slugify (the default drops '&')
    assert findings(FIXTURE) == []


def test_declarative_tags_render_their_templates_with_escaped_attributes(built):
    out, _result = built
    body = article((out / "v2" / "index.html").read_text(encoding="utf-8"))
    assert (
        '<aside class="callout callout-warning"><p class="callout-title">Careful &lt;now&gt;</p>'
        '<p>Back up first, see <a href="#profiler-&amp;-data-quality">profiler</a>.</p></aside>'
    ) in body
    assert '<aside class="callout callout-note"><p>A note with the default type.</p></aside>' in body
    assert '<div class="side-by-side"><p>Left side.</p><p>Right side.</p></div>' in body
    assert '<a class="video" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Video</a>' in body
    assert "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy.</p>" in body


def test_python_tag_node_override_function_and_slugify(built):
    out, _result = built
    body = article((out / "v2" / "index.html").read_text(encoding="utf-8"))
    assert '<div class="example" data-lang="yaml"><p>Example body.</p></div>' in body
    assert (
        '<figure class="fence"><figcaption>config.yaml</figcaption><pre data-language="yaml">key: value\n</pre>' in body
    )
    assert "LOUD" in body
    assert '<h2 id="profiler-&amp;-data-quality">' in body


def test_variables_nested_per_version_and_front_matter(built):
    out, _result = built
    v2 = article((out / "v2" / "index.html").read_text(encoding="utf-8"))
    v1 = article((out / "v1" / "index.html").read_text(encoding="utf-8"))
    start = article((out / "v2" / "guide" / "start" / "index.html").read_text(encoding="utf-8"))
    assert "Lumen 2.0" in v2 and "https://support.example.org/" in v2
    assert "Lumen 1.0 is the old release." in v1  # [versions."v1".variables] over [variables]
    assert re.search(r'<h1 id="home">Home<', v2) and re.search(r'<h1 id="old-home">Old Home<', v1)
    assert re.search(r'<h1 id="getting-started">Getting Started<', start)
    assert "Written for the page &quot;Home&quot;." in v2  # a partial sees its includer's front matter


def test_tags_command_lists_each_tag_with_attributes_and_origin():
    result = CliRunner().invoke(main, ["tags", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.startswith("  ")}
    assert re.search(
        r"callout\s+docgen\.toml:\d+\s+type: String = \"note\" \(note\|warning\), title: String", lines["callout"]
    )
    assert re.search(r"example\s+schema\.py:\d+\s+lang: String", lines["example"])
    assert re.search(r"fence\s+schema\.py:\d+", lines["fence"])
    assert re.search(r"upper\s+schema\.py:\d+", lines["upper"])
    assert re.search(r"partial\s+core", lines["partial"]) and re.search(r"if\s+markdoc", lines["if"])
    assert "(self-closing)" in lines["youtube"] and "id*: String" in lines["youtube"]


def test_tags_command_names_tag_sets():
    repo = FIXTURE.parents[2]
    result = CliRunner().invoke(main, ["tags", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"defined_in": "tag set openmetadata"' in result.output


# --------------------------------------------------------------------- a broken schema, one way at a time


def test_unknown_attribute_type_with_did_you_mean(site_dir):
    edit(
        site_dir / "docgen.toml",
        '[tags.callout.attributes.title]\ntype = "String"',
        '[tags.callout.attributes.title]\ntype = "Strng"',
    )
    found = [f for f in findings(site_dir) if f[0] == "schema-invalid"]
    assert len(found) == 1
    _rule, file, line, message = found[0]
    assert file == "docgen.toml" and line == _line(site_dir / "docgen.toml", 'type = "Strng"')
    assert "tags.callout.attributes.title.type: unknown attribute type 'Strng'; did you mean 'String'?" in message
    # the tag is left out: its uses are undefined tags, where they are written
    assert any(f[0] == "markdoc/tag-undefined" and "callout" in f[3] for f in findings(site_dir))


def test_missing_template(site_dir):
    (site_dir / "theme" / "templates" / "tags" / "youtube.html").unlink()
    found = [f for f in findings(site_dir) if f[0] == "schema-invalid"]
    assert [(f[1], f[2]) for f in found] == [
        ("docgen.toml", _line(site_dir / "docgen.toml", 'template = "tags/youtube.html"'))
    ]
    assert "template 'tags/youtube.html' not found in theme/templates/" in found[0][3]


def test_bad_key_in_a_tag_table_gets_did_you_mean(site_dir):
    edit(site_dir / "docgen.toml", "self_closing = true", "selfclosing = true")
    found = [f for f in findings(site_dir) if f[0] == "schema-invalid"]
    assert len(found) == 1
    assert found[0][2] == _line(site_dir / "docgen.toml", "selfclosing = true")
    assert "tags.youtube.selfclosing: unknown key; did you mean 'self_closing'?" in found[0][3]


def test_a_tag_defined_twice(site_dir):
    edit(
        site_dir / "schema.py",
        'TAGS = {\n    "example": {',
        'TAGS = {\n    "callout": {"render": "div"},\n    "example": {',
    )
    found = [f for f in findings(site_dir) if f[0] == "schema-invalid"]
    assert len(found) == 1
    assert found[0][1] == "schema.py" and found[0][2] == _line(site_dir / "schema.py", '"callout": {"render"')
    assert re.search(r"tag 'callout' is defined twice: in docgen\.toml:\d+ and in schema\.py:\d+", found[0][3])


def test_a_site_tag_over_a_tag_set_tag_is_an_info_note(site_dir):
    edit(site_dir / "docgen.toml", 'schema = ["schema.py"]', 'schema = ["schema.py"]\ntag_sets = ["openmetadata"]')
    found = [f for f in findings(site_dir) if f[0] == "schema-override"]
    assert [f[3] for f in found] == [
        "the site's tag 'youtube' (docgen.toml:"
        + str(_line(site_dir / "docgen.toml", "[tags.youtube]"))
        + ") replaces the one from tag set openmetadata"
    ]
    site = Site.load(load_config(site_dir))
    assert [d.severity.label for d in site.diagnostics if d.rule == "schema-override"] == ["info"]


def test_module_that_fails_to_import_is_a_config_error_with_file_and_line(site_dir):
    edit(
        site_dir / "schema.py",
        "def upper(parameters, config):",
        "raise ValueError('boom')\n\n\ndef upper(parameters, config):",
    )
    with pytest.raises(ConfigError) as raised:
        Site.load(load_config(site_dir))
    line = _line(site_dir / "schema.py", "raise ValueError")
    assert f"schema module schema.py:{line} failed to import: ValueError: boom" in str(raised.value)
    result = CliRunner().invoke(main, ["build", str(site_dir), "--out", str(site_dir.parent / "out")])
    assert result.exit_code == 2
    assert f"schema.py:{line} failed to import: ValueError: boom" in result.output
    assert "Traceback" not in result.output


def test_syntax_error_and_missing_module_and_unknown_tag_set(site_dir):
    edit(site_dir / "schema.py", "import re\n", "import re\ndef (:\n")
    with pytest.raises(ConfigError, match=r"schema module schema\.py:4 failed to import: SyntaxError"):
        Site.load(load_config(site_dir))
    (site_dir / "schema.py").unlink()
    with pytest.raises(ConfigError, match=r"schema module 'schema\.py' not found"):
        Site.load(load_config(site_dir))
    edit(site_dir / "docgen.toml", 'schema = ["schema.py"]', 'tag_sets = ["nope"]')
    result = CliRunner().invoke(main, ["check", str(site_dir)])
    assert result.exit_code == 2 and "unknown tag set 'nope'" in result.output


def test_default_slugify_without_the_sites_breaks_the_ampersand_link(site_dir):
    edit(site_dir / "schema.py", "def slugify(text):", "def kept_slugify(text):")
    found = findings(site_dir)
    assert {(f[0], f[1]) for f in found} == {
        ("link-fragment", "content/v2/index.md"),
        ("link-fragment", "content/v2/guide/start.md"),
    }


def test_template_that_fails_to_render_is_reported_at_the_tag(site_dir, tmp_path):
    (site_dir / "theme" / "templates" / "tags" / "kbd.html").write_text("{{ keys | nosuchfilter }}\n", encoding="utf-8")
    result = build_site(Site.load(load_config(site_dir)), tmp_path / "out", jobs=1, cache_dir=tmp_path / "cache")
    found = [(d.rule, d.file, d.line) for d in result.diagnostics]
    assert ("template-failed", "content/v2/index.md", _line(site_dir / "content/v2/index.md", "{% kbd")) in found


def _line(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")
