"""Where a site keeps what docgen learnt about it between runs.

`<site>/.docgen-cache/` beside the content, unless `$DOCGEN_CACHE_DIR` names
another folder (CI caches, tests that must not write beside shared data), or
the site folder is read-only (a read-only checkout, the shared corpus): then
the per-user cache folder holds it (platformdirs: `$XDG_CACHE_HOME/docgen` or
`~/.cache/docgen` on Linux, `~/Library/Caches/docgen` on macOS, the local app
data folder on Windows), in a folder named after the site's path. Nothing is
ever written into a read-only site.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

#: Environment variable naming a folder for docgen's caches instead of `<site>/.docgen-cache`.
CACHE_DIR_ENV = "DOCGEN_CACHE_DIR"


def site_cache_dir(site_dir: Path, part: str) -> Path:
    """The folder for one kind of cached facts (`part`: "images" for the build's image cache and the
    image facts build and check share, "check" for the check's facts) of the site at `site_dir`.

    Under `$DOCGEN_CACHE_DIR` several sites share the folder, so each gets its own
    subfolder named after its absolute path.
    """
    site_dir = Path(site_dir).resolve()
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).resolve() / part / _site_folder_name(site_dir)
    if _writable(site_dir):
        return site_dir / ".docgen-cache" / part
    return platformdirs.user_cache_path("docgen", appauthor=False) / _site_folder_name(site_dir) / part


def _site_folder_name(site_dir: Path) -> str:
    return f"{site_dir.name}-{hashlib.sha256(str(site_dir).encode()).hexdigest()[:16]}"


def _writable(directory: Path) -> bool:
    """Permission bits, not just access(): root may write anywhere, but a read-only site means 'leave me alone'."""
    try:
        mode = directory.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_IWUSR) and os.access(directory, os.W_OK)


def stable_repr(value: Any) -> str:
    """`repr` with sets in sorted order, the same in every process (dataclass fields as their repr shows them).

    A set's order follows string hashing, which is salted per process
    (PYTHONHASHSEED): keyed on plain `repr`, a config holding a frozenset gave
    every build a new environment key, so nothing was ever reused.
    """
    kind = type(value)
    if kind in _PLAIN:
        return repr(value)
    if kind is list or kind is tuple:
        return "[" + ", ".join([stable_repr(item) for item in value]) + "]"
    if kind is dict:
        return "{" + ", ".join([f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items()]) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable_repr(item) for item in value)) + "}"
    names = _dataclass_fields(kind)  # type: ignore[arg-type]  # types are hashable
    if names is not None:
        return kind.__name__ + "(" + ", ".join([f"{n}={stable_repr(getattr(value, n))}" for n in names]) + ")"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join([stable_repr(item) for item in value]) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join([f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items()]) + "}"
    return repr(value)


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


@cache
def _dataclass_fields(kind: type) -> tuple[str, ...] | None:
    """The names of a dataclass's fields that its repr shows; None for any other type."""
    if not is_dataclass(kind):
        return None
    return tuple(f.name for f in fields(kind) if f.repr)
