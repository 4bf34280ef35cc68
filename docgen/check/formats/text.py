"""The text format: what a person reads in a terminal or a CI log.

Each finding shows `file:line:col`, its level, message and rule, then a small
code frame with a caret under the column, so the fault is visible without
opening the file; a summary by rule closes the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from docgen.check.findings import summarize
from docgen.check.formats import FormatContext
from docgen.diagnostics import Diagnostic

CONTEXT_LINES = 1


@lru_cache(maxsize=256)
def _source_lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def code_frame(root: Path, d: Diagnostic) -> list[str]:
    """The finding's line (its file relative to `root`) with a line of context either side and a caret."""
    if not d.file or d.line is None:
        return []
    lines = _source_lines((root / d.file).resolve())
    if not 1 <= d.line <= len(lines):
        return []
    first, last = max(1, d.line - CONTEXT_LINES), min(len(lines), d.line + CONTEXT_LINES)
    width = len(str(last))
    frame = []
    for number in range(first, last + 1):
        marker = ">" if number == d.line else " "
        frame.append(f"  {marker} {number:>{width}} | {lines[number - 1]}")
        if number == d.line and d.column is not None:
            text = lines[number - 1][: max(0, d.column - 1)]
            padding = "".join("\t" if ch == "\t" else " " for ch in text)
            frame.append(f"    {' ' * width} | {padding}^")
    return frame


def format_text(findings: Sequence[Diagnostic], context: FormatContext) -> str:
    """Findings with code frames, then counts by rule and a one-line verdict."""
    out: list[str] = []
    for d in findings:
        out.append(str(d) + (f" (target: {d.target})" if d.target else ""))
        out.extend(code_frame(context.root, d))
        out.append("")
    summary = summarize(findings)
    if summary["by_rule"]:
        width = max(len(rule) for rule in summary["by_rule"])
        out.append("Findings by rule:")
        for rule, count in summary["by_rule"].items():
            out.append(f"  {rule:<{width}}  {count}")
    out.append(
        f"{summary['total']} finding(s): {summary['errors']} error(s), {summary['warnings']} warning(s), "
        f"{summary['info']} info, in {summary['files']} file(s)"
    )
    return "\n".join(out) + "\n"
