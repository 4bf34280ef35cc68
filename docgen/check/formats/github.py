"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from docgen.check.formats import FormatContext
from docgen.diagnostics import Diagnostic, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (%, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: the message escapes plus ':' and ',' which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Sequence[Diagnostic], context: FormatContext) -> str:
    """One `::error file=…,line=…,col=…,title=…::message` line per finding."""
    lines = []
    for d in findings:
        props = []
        if d.file:
            props.append(f"file={escape_property(d.file)}")
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={escape_property(d.rule)}")
        lines.append(f"::{COMMAND[d.severity]} {','.join(props)}::{escape_data(d.message)}")
    return "".join(line + "\n" for line in lines)
