"""Where a reference is written: the line and column of its target inside a node.

Markdoc gives tags a start position, but a Markdown image or link inside a
paragraph only carries the paragraph's lines, so its node position is the
paragraph's first line, column 1. A finding is only useful if it points at
the text the author must fix, so the target is searched for within the
node's lines — as a Markdown destination (``](src``), then as a quoted
attribute value, then anywhere — and the node's start is the fallback (for
instance when the value came from a partial's ``$variable``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

# How a target is usually written: a Markdown link's `](`, a quoted attribute value, else anywhere.
WRITTEN_AS = ("](", '"', "'", "")

_lines_cache: dict[tuple[str, int], list[str]] = {}
_lines_lock = threading.Lock()


def written_position(path: Path, node: Any, needle: str) -> tuple[int, int] | None:
    """1-based (line, column) of `needle` as written within `node`'s lines of `path`, or None."""
    first, last = node_line_span(node)
    if first is None or not needle:
        return None
    lines = source_lines(path)
    for prefix in WRITTEN_AS:
        for number in range(first, min(last, len(lines) - 1) + 1):
            column = lines[number].find(prefix + needle)
            if column >= 0:
                return number + 1, column + len(prefix) + 1
    return None


def node_line_span(node: Any) -> tuple[int | None, int]:
    """(first, last) 0-based lines a node covers, from its location or token map."""
    location = getattr(node, "location", None) or {}
    lines = getattr(node, "lines", None) or []
    first = (location.get("start") or {}).get("line", lines[0] if lines else None)
    if first is None:
        return None, 0
    last = (location.get("end") or {}).get("line")
    if last is None:
        last = lines[-1] if lines else first
    return first, max(first, last)


def source_lines(path: Path) -> list[str]:
    """The file's lines, read once per file version ([] when unreadable)."""
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return []
    with _lines_lock:
        cached = _lines_cache.get(key)
    if cached is None:
        try:
            cached = path.read_text(encoding="utf-8", errors="replace").split("\n")
        except OSError:
            return []
        with _lines_lock:
            _lines_cache[key] = cached
    return cached
