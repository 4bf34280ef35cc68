"""Output formats of `docgen check`: one function per format, all fed the same sorted findings.

CI systems read findings in different dialects — a human reads a code frame,
GitHub reads workflow commands, code-scanning reads SARIF, test dashboards
read JUnit — so each format is a pure function from findings to text, and
adding one means adding one entry to `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic


@dataclass(frozen=True)
class FormatContext:
    """What a format may need besides the findings: where sources live, and whether warnings fail."""

    site_dir: Path
    strict: bool = False


Formatter = Callable[[Sequence[Diagnostic], FormatContext], str]


def _formats() -> dict[str, Formatter]:
    from docgen.check.formats.github import format_github
    from docgen.check.formats.junit import format_junit
    from docgen.check.formats.machine import format_json
    from docgen.check.formats.sarif import format_sarif
    from docgen.check.formats.text import format_text

    return {
        "text": format_text,
        "json": format_json,
        "github": format_github,
        "sarif": format_sarif,
        "junit": format_junit,
    }


FORMAT_NAMES = ("text", "json", "github", "sarif", "junit")


def render_findings(name: str, findings: Sequence[Diagnostic], context: FormatContext) -> str:
    """Render findings in the named format (one of FORMAT_NAMES)."""
    return _formats()[name](findings, context)
