"""Where a reference is written: the line and column of its target inside a node.

Markdoc gives tags a start position, but a Markdown image or link inside a
paragraph only carries the paragraph's lines, so its node position is the
paragraph's first line. A finding is only useful if it points at the text the
author must fix, so the target is searched for within the node's lines — as a
Markdown destination (``](src``), then as a quoted attribute value, then
anywhere — and the node's start is the fallback. One `Locator` serves the
build (one per page render) and the check (one per walk): successive searches
for the same text in the same file continue after the previous hit, so two
identical references in one paragraph get two different columns in both.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.site.source import read_source

# How a target is usually written: a Markdown link's `](`, a quoted attribute value, else anywhere.
WRITTEN_AS = ("](", '"', "'", "")

# The lines of the files read most recently (partials recur page after page); bounded, because a
# build reads every page once and keeping them all grew each worker's memory with the site.
_lines_cache: OrderedDict[tuple[str, int], list[str]] = OrderedDict()
LINES_CACHED_FILES = 128
_lines_lock = threading.Lock()


@dataclass(frozen=True)
class Position:
    """Where a reference was written: file relative to the site root, 1-based line and column."""

    file: str
    line: int | None
    column: int | None


class Locator:
    """Finds text in source files (read once each) within a node's line range."""

    def __init__(self) -> None:
        self._lines: dict[Path, list[str]] = {}
        self._cursor: dict[tuple[Path, str], tuple[int, int]] = {}

    def lines(self, path: Path) -> list[str]:
        """The file's lines; looked up once per locator, so a walk sees one version of each file."""
        found = self._lines.get(path)
        if found is None:
            found = self._lines[path] = source_lines(path)
        return found

    def place(self, file: str, path: Path, node: Any, needle: str) -> Position:
        """Where `needle` is written within `node`'s lines in `path`, else the node's start."""
        found = self.written(path, node, needle)
        if found is not None:
            return Position(file, *found)
        first, _, column = node_span(node)
        if first is None:
            return Position(file, None, None)
        return Position(file, first + 1, None if column is None else column + 1)

    def written(self, path: Path, node: Any, needle: str) -> tuple[int, int] | None:
        """1-based (line, column) of `needle` as written within `node`'s lines of `path`, or None."""
        first, last, _ = node_span(node)
        if first is None or not needle:
            return None
        for prefix in WRITTEN_AS:  # the target as a link or attribute value, before any bare mention
            found = self.find(path, prefix + needle, first, last)
            if found is not None:
                return found[0] + 1, found[1] + len(prefix) + 1
        return None

    def find(self, path: Path, needle: str, first: int, last: int) -> tuple[int, int] | None:
        """0-based (line, column) of `needle` in lines first..last, after the previous hit."""
        lines = self.lines(path)
        key = (path, needle)
        after_line, after_column = self._cursor.get(key, (-1, -1))
        for number in range(max(first, after_line), min(last, len(lines) - 1) + 1):
            start = after_column + 1 if number == after_line else 0
            column = lines[number].find(needle, start)
            if column >= 0:
                self._cursor[key] = (number, column)
                return number, column
        # a second walk of the same file (another page including the partial) starts over
        if after_line >= 0:
            self._cursor.pop(key)
            return self.find(path, needle, first, last)
        return None

    def line_place(self, file: str, path: Path, line: int | None, needle: str) -> Position:
        """Where `needle` is written on 1-based `line` or the few lines after it (menu entries)."""
        if line is None:
            return Position(file, None, None)
        found = self.find(path, needle, line - 1, line + 2)
        return Position(file, found[0] + 1, found[1] + 1) if found else Position(file, line, 1)


def node_span(node: Any) -> tuple[int | None, int, int | None]:
    """(first line, last line, start column), 0-based, from a node's location or token map."""
    location = getattr(node, "location", None) or {}
    start = location.get("start") or {}
    end = location.get("end") or {}
    lines = getattr(node, "lines", None) or []
    first = start.get("line", lines[0] if lines else None)
    if first is None:
        return None, 0, None
    last = end.get("line")
    if last is None and lines:
        last = max(lines[-1] - 1, lines[0]) if len(lines) > 1 else lines[0]
    return first, max(first, last if last is not None else first), start.get("character")


def source_lines(path: Path) -> list[str]:
    """The file's lines, read once per file version and shared across threads ([] when unreadable)."""
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return []
    with _lines_lock:
        cached = _lines_cache.get(key)
        if cached is not None:
            _lines_cache.move_to_end(key)
    if cached is None:
        try:
            cached = read_source(path).text.split("\n")
        except OSError:
            return []
        with _lines_lock:
            _lines_cache[key] = cached
            while len(_lines_cache) > LINES_CACHED_FILES:
                _lines_cache.popitem(last=False)
    return cached
