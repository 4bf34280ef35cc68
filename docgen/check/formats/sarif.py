"""SARIF 2.1.0: the format code-scanning services (GitHub, Azure DevOps) ingest.

Files are given relative to the `%SRCROOT%` base, the folder `docgen check`
ran in (the repository root in CI), whose absolute location the log leaves
out: code scanning resolves it against its own checkout, and the log carries
no folder of the machine that made it. Rules are described once in the
driver and results point at them by id and index.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import quote

from docgen import __version__
from docgen.check.formats import FormatContext
from docgen.diagnostics import Diagnostic, Severity
from docgen.rules import RULES, default_severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
BASE_ID = "%SRCROOT%"


def _rule_descriptors(findings: Sequence[Diagnostic]) -> tuple[list[dict], dict[str, int]]:
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    for d in findings:
        if d.rule in index:
            continue
        rule = RULES.get(d.rule)
        index[d.rule] = len(descriptors)
        descriptors.append(
            {
                "id": d.rule,
                "shortDescription": {"text": rule.description if rule else f"Reported by docgen: {d.rule}."},
                "defaultConfiguration": {"level": LEVEL[default_severity(d.rule, d.severity)]},
            }
        )
    return descriptors, index


def _location(file: str, d: Diagnostic) -> dict:
    physical: dict = {"artifactLocation": {"uri": quote(file), "uriBaseId": BASE_ID}}
    if d.line is not None and d.line >= 1:
        region = {"startLine": d.line}
        if d.column is not None and d.column >= 1:
            region["startColumn"] = d.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(d: Diagnostic, rule_index: int) -> dict:
    result: dict = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
    }
    if d.file:
        result["locations"] = [_location(d.file, d)]
    if d.target:
        result["properties"] = {"target": d.target}
    return result


def sarif_log(findings: Sequence[Diagnostic], context: FormatContext) -> dict:
    """The SARIF log as a dict (the tests validate it against the 2.1.0 schema)."""
    descriptors, index = _rule_descriptors(findings)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "docgen check",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/docgen/",
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {
                    BASE_ID: {"description": {"text": "The folder docgen check ran in (the repository root in CI)."}}
                },
                "results": [_result(d, index[d.rule]) for d in findings],
            }
        ],
    }


def format_sarif(findings: Sequence[Diagnostic], context: FormatContext) -> str:
    return json.dumps(sarif_log(findings, context), indent=2, ensure_ascii=False) + "\n"
