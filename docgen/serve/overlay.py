"""What the error overlay shows: message, file:line:col and a code frame.

The overlay payload is plain JSON built from `Diagnostic`s, the one type
every engine reports, so a build error, an unreadable file and a broken
config all reach the browser the same way they reach the terminal.
"""

from __future__ import annotations

from pathlib import Path

from docgen.diagnostics import Diagnostic, Severity

FRAME_CONTEXT = 2


def code_frame(text: str, line: int, column: int | None, context: int = FRAME_CONTEXT) -> str:
    """Lines around `line` (1-based), numbered, with a caret under `column`."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    first, last = max(1, line - context), min(len(lines), line + context)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        marker = ">" if number == line else " "
        out.append(f"{marker} {number:>{width}} | {lines[number - 1]}")
        if number == line and column:
            out.append(f"  {' ' * width} | {' ' * (column - 1)}^")
    return "\n".join(out)


def read_source(site_root: Path, rel: str | None) -> str | None:
    """The text of a diagnostic's file, decoded leniently (it may be the broken one)."""
    if not rel:
        return None
    path = Path(rel) if Path(rel).is_absolute() else site_root / rel
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def overlay_entry(diagnostic: Diagnostic, site_root: Path) -> dict:
    """One diagnostic as the overlay script expects it."""
    frame = ""
    if diagnostic.line is not None:
        text = read_source(site_root, diagnostic.file)
        if text is not None:
            frame = code_frame(text, diagnostic.line, diagnostic.column)
    return {
        "message": diagnostic.message,
        "position": diagnostic.position,
        "file": diagnostic.file,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "rule": diagnostic.rule,
        "frame": frame,
    }


def overlay_errors(diagnostics: list[Diagnostic], site_root: Path) -> list[dict]:
    """The error-level diagnostics of a render, ready for the overlay (warnings stay in the terminal)."""
    return [overlay_entry(d, site_root) for d in diagnostics if d.severity >= Severity.ERROR]
