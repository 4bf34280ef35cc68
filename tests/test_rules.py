"""docgen.rules: one registry of rule ids and default levels, used by every engine and by the config."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen.markdoc
from docgen.check import check_site
from docgen.check.findings import Findings
from docgen.cli import main
from docgen.diagnostics import Diagnostic, Severity
from docgen.publish import SilentReporter, build_site
from docgen.rules import (
    BUILD,
    CHECK,
    MARKDOC_PREFIX,
    RULES,
    SERVE,
    RuleLevels,
    UnknownRule,
    check_rule_level,
    default_severity,
    format_rules,
)
from docgen.site import ConfigError, Site, load_config

REPO = Path(__file__).resolve().parents[1]
DOCGEN = REPO / "docgen"
# Calls that name a rule id as a string argument: findings made by hand, by the registry, by a context.
REPORTING_CALLS = {"Diagnostic", "diagnostic", "report", "add", "_add", "Problem", "reference.diagnostic"}
RULE_ID = re.compile(r"^(?:[a-z]+/)?[a-z]+(?:-[a-z]+)+$|^serve/[a-z]+$")


def _site(root: Path, *, config: str = "", pages: dict[str, str] | None = None) -> Path:
    pages = pages or {"index.md": "---\ntitle: Home\n---\n\n# Home\n\nHello.\n"}
    for name, text in pages.items():
        path = root / "content" / "v1" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "docgen.toml").write_text(config, encoding="utf-8")
    return root


def _build(root: Path, tmp_path: Path) -> list[Diagnostic]:
    site = Site.load(load_config(root))
    result = build_site(site, tmp_path / "out", jobs=1, reporter=SilentReporter(), cache_dir=tmp_path / "cache")
    return result.diagnostics


# --------------------------------------------------------------------------- the registry


def test_rules_have_stable_ids_and_one_default_level():
    assert RULES["link-broken"].severity is Severity.ERROR
    assert RULES["page-orphan"].severity is Severity.WARNING
    assert RULES["external-redirect"].severity is Severity.INFO
    assert RULES["page-invalid"].severity is Severity.ERROR
    assert RULES["render-failed"].owner == (BUILD, SERVE)
    assert RULES["image-process-failed"].owner == (BUILD,)
    # Markdoc's findings keep the level Markdoc gave them; an id nobody registered keeps its reporter's
    assert RULES["markdoc/attribute-undefined"].severity is None
    assert default_severity("markdoc/attribute-undefined", Severity.WARNING) is Severity.WARNING
    assert default_severity("some-site-rule", Severity.INFO) is Severity.INFO
    # a registered level wins over the reporter's
    assert default_severity("page-invalid", Severity.WARNING) is Severity.ERROR


def test_every_rule_has_an_owner_and_a_description():
    for rule in RULES.values():
        assert rule.owner and set(rule.owner) <= {BUILD, CHECK, SERVE}, rule.id
        assert rule.description.endswith("."), rule.id


def _reported_rule_ids() -> dict[str, str]:
    """Rule ids written as string literals where docgen makes a finding, with the place."""
    found: dict[str, str] = {}
    for path in sorted(DOCGEN.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func).rsplit(".", 1)[-1]
            if name not in REPORTING_CALLS:
                continue
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                is_text = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                if is_text and RULE_ID.match(argument.value):
                    found.setdefault(argument.value, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_every_rule_id_docgen_reports_is_registered():
    reported = _reported_rule_ids()
    assert {"page-invalid", "render-failed", "image-process-failed", "menu-broken", "serve/config"} <= set(reported)
    unregistered = {rule: where for rule, where in reported.items() if rule not in RULES}
    assert not unregistered, f"rule ids reported but not in docgen/rules.py: {unregistered}"


def _markdoc_ids_in_source() -> set[str]:
    """Validation ids docgen.markdoc and docgen.tags write (`"id": "x"` and `validation_error("x", …)`)."""
    ids: set[str] = set()
    for folder in (DOCGEN / "markdoc", DOCGEN / "tags"):
        for path in folder.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            ids.update(re.findall(r'"id": "([a-z-]+)"', text))
            ids.update(re.findall(r'validation_error\(\s*"([a-z-]+)"', text))
    return ids


def test_every_markdoc_validation_id_is_registered():
    ids = _markdoc_ids_in_source()
    assert {"tag-undefined", "attribute-undefined", "nesting-too-deep"} <= ids
    missing = sorted(error_id for error_id in ids if MARKDOC_PREFIX + error_id not in RULES)
    assert not missing, f"Markdoc ids missing from docgen/rules.py: {missing}"


# --------------------------------------------------------------------------- the `[check] rules` table


@pytest.mark.parametrize(
    ("key", "level", "message"),
    [
        ("link-brokn", "off", "unknown rule; did you mean 'link-broken'?"),
        ("tag-undefined", "off", "did you mean 'markdoc/tag-undefined'?"),
        ("markdoc/tag-undefind", "off", "did you mean 'markdoc/tag-undefined'?"),
        ("no-such-thing", "off", "unknown rule (`docgen rules` lists them)"),
        ("serve/config", "off", "cannot be configured"),
        ("render-failed", "loud", "must be one of error, warning, info, off; got 'loud'"),
    ],
)
def test_the_config_refuses_what_the_registry_does_not_know(tmp_path, key, level, message):
    root = _site(tmp_path / "site", config=f'[check]\nrules = {{ "{key}" = "{level}" }}\n')
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert caught.value.key == f'check.rules."{key}"'
    assert message in str(caught.value)


def test_every_configurable_rule_is_accepted_at_every_level():
    for rule in RULES.values():
        if rule.configurable:
            for level in ("error", "WARNING", "info", "off"):
                assert check_rule_level(rule.id, level) == level.lower()
    with pytest.raises(UnknownRule):
        RuleLevels.from_table({"link-brokn": "off"})


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_build_check_and_serve_refuse_the_same_unknown_key(tmp_path, command):
    root = _site(tmp_path / "site", config='[check]\nrules = { "page-orphn" = "off" }\n')
    extra = ["--out", str(tmp_path / "out")] if command == "build" else ["--port", "0"] if command == "serve" else []
    result = CliRunner().invoke(main, [command, str(root), *extra])
    assert result.exit_code == 2, result.output
    assert "key 'check.rules.\"page-orphn\"': unknown rule; did you mean 'page-orphan'?" in result.output


def test_levels_replace_defaults_and_switch_rules_off():
    findings = Findings(RuleLevels.from_table({"page-orphan": "error", "image-unused": "off"}))
    findings.add("page-orphan", "a.md", 1, 1, "orphan")
    findings.add("image-unused", "b.png", None, None, "unused")
    findings.add("link-broken", "a.md", 2, 1, "broken")
    found = findings.sorted()
    assert [(d.rule, d.severity) for d in found] == [("page-orphan", Severity.ERROR), ("link-broken", Severity.ERROR)]


def test_findings_are_deduplicated_and_sorted():
    findings = Findings()
    findings.add("link-broken", "b.md", 1, 1, "x")
    findings.add("link-broken", "a.md", 5, 2, "y")
    findings.add("link-broken", "a.md", 5, 2, "y")
    assert [(d.file, d.line) for d in findings.sorted()] == [("a.md", 5), ("b.md", 1)]


# --------------------------------------------------------------------------- one level in every engine


def test_page_invalid_is_an_error_in_build_and_check_alike(tmp_path):
    page = "---\ntitle: Enterprise\nCollate: true\n---\n\n# Enterprise\n"
    root = _site(tmp_path / "site", pages={"index.md": "# Home\n", "enterprise.md": page})
    built = [(d.file, d.line, d.severity) for d in _build(root, tmp_path) if d.rule == "page-invalid"]
    checked = [
        (d.file, d.line, d.severity) for d in check_site(Site.load(load_config(root))) if d.rule == "page-invalid"
    ]
    assert built == checked == [("content/v1/enterprise.md", 3, Severity.ERROR)]


def test_builds_own_render_failed_rule_can_be_configured(tmp_path, monkeypatch):
    root = _site(tmp_path / "site", config='[check]\nrules = { "render-failed" = "warning" }\n')

    def crash(tree):
        raise RuntimeError("a bug in a tag")

    monkeypatch.setattr(docgen.markdoc, "render_html", crash)
    found = [(d.rule, d.severity) for d in _build(root, tmp_path)]
    assert found == [("render-failed", Severity.WARNING)]


def test_variable_undefined_is_reported_on_pages_and_left_to_the_include_in_partials(tmp_path):
    pages = {"index.md": '# Home\n\nHello {% $nobody %}.\n\n{% partial file="/v1/bit.md" variables={a: 1} /%}\n'}
    root = _site(tmp_path / "site", pages=pages)
    (root / "partials" / "v1").mkdir(parents=True)
    (root / "partials" / "v1" / "bit.md").write_text("A {% $a %}, B {% $b %}.\n", encoding="utf-8")
    expected = {
        ("content/v1/index.md", 3, "markdoc/variable-undefined"),
        ("partials/v1/bit.md", 1, "partial-variable-undefined"),
    }

    def rules(found: list[Diagnostic]) -> set[tuple[str | None, int | None, str]]:
        return {(d.file, d.line, d.rule) for d in found if "variable" in d.rule}

    assert rules(_build(root, tmp_path)) == rules(check_site(Site.load(load_config(root)))) == expected


# --------------------------------------------------------------------------- listing


def test_docgen_rules_lists_every_rule_with_level_owner_and_description():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["rule", "level", "reported", "by", "description"]
    for rule in RULES.values():
        line = next(line for line in lines if line.split()[0] == rule.id)
        assert rule.level in line and ", ".join(rule.owner) in line and rule.description in line


def test_docs_rules_page_is_generated_from_the_registry():
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == format_rules("markdown"), (
        "docs/rules.md is stale: run `docgen rules --format markdown > docs/rules.md`"
    )
