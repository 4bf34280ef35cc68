"""Positions for findings: the line and column of the text an author must fix.

Markdoc gives tags a start position but inline nodes (a Markdown link inside
a paragraph) only the block's lines. A finding is most useful when it points
at the broken target itself, so the locator searches the node's lines for the
target as written and falls back to the node's start. Successive searches for
the same text in the same file continue after the previous hit, so two
identical broken links in one paragraph get two different columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


# How a target is usually written: a Markdown link's `](`, a quoted attribute value, else anywhere.
_WRITTEN_AS = ("](", '"', "'", "")


@dataclass(frozen=True)
class Place:
    """A 1-based position in a file relative to the site root."""

    file: str
    line: int | None
    column: int | None


class Locator:
    """Finds text in source files (read once each) within a node's line range."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._lines: dict[Path, list[str]] = {}
        self._cursor: dict[tuple[Path, str], tuple[int, int]] = {}

    def lines(self, path: Path) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = path.read_text(encoding="utf-8", errors="replace").split("\n")
            except OSError:
                self._lines[path] = []
        return self._lines[path]

    def place(self, file: str, path: Path, node: Any, needle: str) -> Place:
        """Where `needle` is written within `node`'s lines in `path`, else the node's start."""
        first, last, column = _node_span(node)
        if first is None:
            return Place(file, None, None)
        last = last if last is not None else first
        for prefix in _WRITTEN_AS:  # the target as a link or attribute value, before any bare mention
            found = self.find(path, prefix + needle, first, last)
            if found is not None:
                return Place(file, found[0] + 1, found[1] + len(prefix) + 1)
        return Place(file, first + 1, None if column is None else column + 1)

    def find(self, path: Path, needle: str, first: int, last: int) -> tuple[int, int] | None:
        """0-based (line, column) of `needle` in lines first..last, after the previous hit."""
        lines = self.lines(path)
        key = (path, needle)
        after_line, after_column = self._cursor.get(key, (-1, -1))
        for number in range(first, min(last, len(lines) - 1) + 1):
            start = after_column + 1 if number == after_line else 0
            if number < after_line:
                continue
            column = lines[number].find(needle, start)
            if column >= 0:
                self._cursor[key] = (number, column)
                return number, column
        # a second walk of the same file (another page including the partial) starts over
        if after_line >= 0:
            self._cursor.pop(key)
            return self.find(path, needle, first, last)
        return None

    def line_place(self, file: str, path: Path, line: int | None, needle: str) -> Place:
        """Where `needle` is written on 1-based `line` or the few lines after it (menu entries)."""
        if line is None:
            return Place(file, None, None)
        found = self.find(path, needle, line - 1, line + 2)
        return Place(file, found[0] + 1, found[1] + 1) if found else Place(file, line, 1)


def _node_span(node: Any) -> tuple[int | None, int | None, int | None]:
    """(first line, last line, start column), 0-based, from a node's location or lines."""
    location = getattr(node, "location", None) or {}
    start = location.get("start") or {}
    end = location.get("end") or {}
    lines = getattr(node, "lines", None) or []
    first = start.get("line", lines[0] if lines else None)
    last = end.get("line")
    if last is None and lines:
        last = max(lines[-1] - 1, lines[0]) if len(lines) > 1 else lines[0]
    return first, last, start.get("character")
