"""Partials as Markdoc sees them: a lazy Mapping from file attribute to parsed AST.

``{% partial file="/v1.9/x.md" /%}`` looks up ``config["partials"]["/v1.9/x.md"]``.
A version's mapping resolves the key in the partials dir (with inheritance),
parses the file on first use and caches the AST per file modification time
(the file is decoded by docgen.site.source, which positions invalid bytes),
so a partial included by seventy pages is parsed once per build, and serve
sees edits without restarting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import docgen.markdoc as markdoc
from docgen.site.source import SourceText, read_source

if TYPE_CHECKING:
    from docgen.site.site import Site


class _Entry(NamedTuple):
    stamp: tuple[int, int]
    source: SourceText
    ast: Any  # None until parsed


class ParseCache:
    """Decoded and parsed Markdoc documents by file, valid while the file's mtime and size are unchanged."""

    def __init__(self, rel_path: Callable[[Path], str], delimiters: tuple[str, str]):
        self._rel = rel_path  # how the AST's location["file"] names the file
        self._delimiters = delimiters
        self._entries: dict[Path, _Entry] = {}
        self._lock = threading.Lock()

    def parse(self, path: Path) -> Any:
        """The AST of `path`; its nodes' ``location["file"]`` is the path relative to the site root."""
        entry = self._entry(path)
        if entry.ast is not None:
            return entry.ast
        ast = markdoc.parse(entry.source.text, file=self._rel(path), delimiters=self._delimiters)
        with self._lock:
            if self._entries.get(path) is entry:
                self._entries[path] = entry._replace(ast=ast)
        return ast

    def source(self, path: Path) -> SourceText:
        """The decoded text of `path` with its problems (invalid UTF-8, NUL), read without parsing."""
        return self._entry(path).source

    def _entry(self, path: Path) -> _Entry:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._entries.get(path)
        if cached is not None and cached.stamp == stamp:
            return cached
        entry = _Entry(stamp, read_source(path), None)
        with self._lock:
            self._entries[path] = entry
        return entry


class PartialsMapping(Mapping):
    """The partials one version's pages can include, keyed as authors write them.

    Keys are looked up lazily: ``"/v1.9/x.md"`` (a version folder first, with
    inheritance), or ``"x.md"`` (the page's version). Iteration lists every
    file of the partials dir as ``/<path>``; lookups of other spellings work
    too. A missing file is a KeyError, so ``.get`` gives None as Markdoc expects.
    """

    def __init__(self, site: Site, version: str):
        self._site = site
        self._version = version

    def path_of(self, key: str) -> Path | None:
        if not isinstance(key, str):
            return None
        return self._site.resolve_partial(key, self._version).path

    def __getitem__(self, key: str) -> Any:
        return self.parse(key, self.path_of(key))

    def parse(self, key: str, path: Path | None) -> Any:
        """The AST of the already resolved `path` of `key`; KeyError when there is no file."""
        if path is None:
            raise KeyError(key)
        return self._site.parse_file(path)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.path_of(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter("/" + rel for rel in self._site.partial_tree.files())

    def __len__(self) -> int:
        return len(self._site.partial_tree.files())

    def __bool__(self) -> bool:
        # `config.get("partials") or {}` must not walk the partials dir on every include.
        return True


class RecordingPartials(Mapping):
    """A per-page view of a PartialsMapping that remembers which keys the page asked for.

    Build copies nothing for partials, but serve rebuilds the pages that
    include an edited partial, and check reports missing ones: both read
    these records from the page's context.
    """

    def __init__(self, partials: PartialsMapping, record: Any):
        self._partials = partials
        self._record = record  # callable(key, path or None)

    def __getitem__(self, key: str) -> Any:
        path = self._partials.path_of(key)
        self._record(key, path)
        return self._partials.parse(key, path)

    def __contains__(self, key: object) -> bool:
        path = self._partials.path_of(key) if isinstance(key, str) else None
        if isinstance(key, str):
            self._record(key, path)
        return path is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._partials)

    def __len__(self) -> int:
        return len(self._partials)

    def __bool__(self) -> bool:
        return True
