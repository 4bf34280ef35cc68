"""Finding files by their exact name: case-sensitive lookup on every file system.

The site is usually served from Linux, where ``Image.PNG`` is not ``image.png``,
while authors often work on macOS or Windows where it is. `exact_case_path`
compares directory listings, so the answer is the same everywhere and the file
that only matches when case is ignored can be named. Partials and images
(docgen.site.assets) and image validation (docgen.site.images) look files up
through it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_listing_cache: dict[tuple[str, int], frozenset[str]] = {}
_listing_lock = threading.Lock()


@dataclass
class _Snapshot:
    """What a build has read of the file system: listings and file checks by path, and memos of
    answers derived from files alone (asset look-ups, `snapshot_memo`)."""

    listings: dict[Path, frozenset[str] | None] = field(default_factory=dict)
    files: dict[Path, bool] = field(default_factory=dict)
    memos: dict[str, dict] = field(default_factory=dict)


# While a build runs (`unchanging_files`); None otherwise.
_snapshot: _Snapshot | None = None


@contextmanager
def unchanging_files() -> Iterator[None]:
    """Within this block, answer each directory listing and file check once, from memory.

    A build reads one state of the site: checking a directory's mtime before every
    lookup (a stat per path component, thousands per build) only serves a long-lived
    process such as `docgen serve`, which never enters this block. Forked build
    workers inherit the snapshot.
    """
    global _snapshot
    previous, _snapshot = _snapshot, _Snapshot()
    try:
        yield
    finally:
        _snapshot = previous


def files_unchanging() -> bool:
    """Whether `unchanging_files` is in force (a build): what was read once may be trusted."""
    return _snapshot is not None


def snapshot_memo(name: str) -> dict | None:
    """A dict for answers derived from files alone (asset lookups), kept while `unchanging_files` is
    in force; None outside it, where the answer must be worked out again."""
    snapshot = _snapshot
    if snapshot is None:
        return None
    return snapshot.memos.setdefault(name, {})


def _is_file(path: Path) -> bool:
    snapshot = _snapshot
    if snapshot is None:
        return path.is_file()
    found = snapshot.files.get(path)
    if found is None:
        found = snapshot.files[path] = path.is_file()
    return found


def directory_names(directory: Path) -> frozenset[str] | None:
    """Names in a directory (None if unreadable), cached per directory mtime, or per build inside
    `unchanging_files`; the same object while unchanged."""
    snapshot = _snapshot
    if snapshot is None:
        return _listing_now(directory)
    if directory not in snapshot.listings:
        snapshot.listings[directory] = _listing_now(directory)
    return snapshot.listings[directory]


def _listing_now(directory: Path) -> frozenset[str] | None:
    try:
        mtime = directory.stat().st_mtime_ns
    except OSError:
        return None
    key = (str(directory), mtime)
    with _listing_lock:
        cached = _listing_cache.get(key)
    if cached is None:
        try:
            cached = frozenset(os.listdir(directory))
        except OSError:
            return None
        with _listing_lock:
            _listing_cache[key] = cached
    return cached


def exact_case_path(path: Path, root: Path | None = None) -> Path | None:
    """The existing file `path` names, with each component's on-disk case.

    Returns `path` itself when every component matches exactly, a different
    path when only case differs, and None when no such file exists. Components
    above `root` are taken as given.
    """
    if root is not None and path.is_relative_to(root):
        current, parts = root, path.relative_to(root).parts
    else:
        current, parts = path.parent, (path.name,)
    for part in parts:
        names = directory_names(current)
        if names is None:
            return None
        if part not in names:
            folded = sorted(name for name in names if name.casefold() == part.casefold())
            if not folded:
                return None
            part = folded[0]
        current = current / part
    return current if _is_file(current) else None


def is_refused(path: Path, links: frozenset[Path]) -> bool:
    """Whether `path` is one of the refused symlinks (docgen.site.symlinks) or lies under a refused linked folder."""
    return bool(links) and any(path == link or path.is_relative_to(link) for link in links)
