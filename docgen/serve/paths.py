"""Map request paths onto files without ever leaving the served folder.

A development server is still a web server on a machine full of private
files, so every lookup goes through `safe_file`: it decodes the URL once,
refuses anything that could climb out (``..`` segments, encoded slashes or
backslashes, NUL bytes, drive letters) and finally checks the *resolved*
path, which is what catches a symlink that points outside the root.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote

_FORBIDDEN_CHARS = ("\x00", "\\")


class UnsafePath(ValueError):
    """Raised for a request path that tries to reach outside the site."""


def url_segments(url_path: str) -> tuple[str, ...]:
    """Split a raw request path into decoded segments, rejecting traversal.

    Splitting happens *before* decoding so that ``%2f`` cannot smuggle a
    separator into a segment; a decoded segment that still contains a
    separator, a backslash or NUL, or equals ``.``/``..``, is refused.
    """
    path = url_path.split("?", 1)[0].split("#", 1)[0]
    segments: list[str] = []
    for raw in path.split("/"):
        if raw == "":
            continue
        segment = unquote(raw, errors="strict")
        if segment in (".", "..") or "/" in segment or any(c in segment for c in _FORBIDDEN_CHARS):
            raise UnsafePath(url_path)
        if len(segment) >= 2 and segment[1] == ":":
            raise UnsafePath(url_path)
        segments.append(segment)
    return tuple(segments)


def is_inside(root: Path, candidate: Path) -> bool:
    """True when `candidate`, after resolving symlinks, lies within `root`."""
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return resolved.is_relative_to(root.resolve())


def safe_file(root: Path, rel: str) -> Path | None:
    """The regular file at `rel` (a decoded, ``/``-joined path) under `root`, or None.

    None covers both "does not exist" and "exists but resolves outside the
    root" — the caller answers 404 either way, so nothing leaks about files
    outside the site.
    """
    parts = PurePosixPath(rel).parts
    if any(part in ("..", ".") for part in parts) or PurePosixPath(rel).is_absolute():
        return None
    candidate = root.joinpath(*parts)
    if not candidate.is_file() or not is_inside(root, candidate):
        return None
    return candidate
