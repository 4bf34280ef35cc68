"""The JSON format: the findings and their summary, for scripts and dashboards."""

from __future__ import annotations

import json
from collections.abc import Sequence

from docgen.check.findings import summarize
from docgen.check.formats import FormatContext
from docgen.diagnostics import Diagnostic


def format_json(findings: Sequence[Diagnostic], context: FormatContext) -> str:
    """`{"findings": [{rule, severity, file, line, column, message, target}], "summary": {...}}`."""
    document = {"findings": [d.to_dict() for d in findings], "summary": summarize(findings)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
