"""Partials as Markdoc sees them: a lazy Mapping from file attribute to parsed AST.

``{% partial file="/v1.9/x.md" /%}`` looks up ``config["partials"]["/v1.9/x.md"]``.
A version's mapping resolves the key in the partials dir (with inheritance),
parses the file on first use and caches the AST per file modification time
(the file is decoded by docgen.site.source, which positions invalid bytes),
so a partial included by seventy pages is parsed once per build, and serve
sees edits without restarting.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from docgen.site.index import SiteIndex


class PartialsMapping(Mapping):
    """The partials one version's pages can include, keyed as authors write them.

    Keys are looked up lazily: ``"/v1.9/x.md"`` (a version folder first, with
    inheritance), or ``"x.md"`` (the page's version). Iteration lists every
    file of the partials dir as ``/<path>``; lookups of other spellings work
    too. A missing file is a KeyError, so ``.get`` gives None as Markdoc expects.
    """

    def __init__(self, site: SiteIndex, version: str):
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
