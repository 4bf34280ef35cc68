"""The served site: rendered files in memory, layered over folders on disk.

`docgen serve` never waits for a full build to reach the disk: pages it
renders go straight into memory, while assets that need no rendering
(theme files, images, a finished build's output) are served from their
folders through `paths.safe_file`. The resolution rules — the ``/latest/``
alias, folder indexes, the ``/x`` → ``/x/`` redirect — live here, apart from
the sockets, so they can be tested directly.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from docgen.serve.paths import UnsafePath, safe_file, url_segments

_EXTRA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".map": "application/json",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
}
_TEXTUAL = ("text/", "application/json", "application/xml", "image/svg+xml", "application/javascript")


def content_type_for(name: str) -> str:
    """The Content-Type header for a file name, with a charset for text.

    The platform's mimetypes table differs between machines (some lack
    webp or woff2), so docgen's own table wins for the types a site uses.
    """
    suffix = Path(name).suffix.lower()
    kind = _EXTRA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind.startswith(_TEXTUAL):
        return f"{kind}; charset=utf-8"
    return kind


@dataclass(frozen=True)
class Found:
    """A file to send: its bytes, or a path on disk to read them from."""

    rel: str
    content_type: str
    body: bytes | None = None
    path: Path | None = None

    def read(self) -> bytes:
        if self.body is not None:
            return self.body
        assert self.path is not None
        return self.path.read_bytes()


@dataclass(frozen=True)
class Redirect:
    """A permanent redirect, used for ``/folder`` → ``/folder/``."""

    location: str


@dataclass(frozen=True)
class Missing:
    """Nothing at this path (or the path was unsafe)."""

    unsafe: bool = False


Lookup = Found | Redirect | Missing


class OutputStore:
    """Files by site-relative path (``v1.9.x/a/index.html``), memory first.

    `mount(prefix, folder)` serves a folder under a URL prefix;
    `ensure` is called with the relative path of every file about to be
    looked up, so an engine can render a page on demand before it is read.
    """

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}
        self._mounts: list[tuple[str, Path]] = []
        self._lock = threading.Lock()
        self.ensure: Callable[[str], None] = lambda rel: None
        self.aliases: dict[str, str] = {}
        self.base_segments: tuple[str, ...] = ()

    def put(self, rel: str, data: bytes) -> None:
        with self._lock:
            self._files[rel] = data

    def remove(self, rel: str) -> None:
        with self._lock:
            self._files.pop(rel, None)

    def get_bytes(self, rel: str) -> bytes | None:
        with self._lock:
            return self._files.get(rel)

    def mount(self, prefix: str, folder: Path) -> None:
        """Serve `folder` under `prefix` (``""`` for the root); later mounts lose to earlier ones."""
        with self._lock:
            self._mounts.append((prefix.strip("/"), folder))

    def clear_mounts(self) -> None:
        with self._lock:
            self._mounts.clear()

    def find(self, rel: str) -> Found | None:
        """The file at `rel`, from memory or from the first mount that has it."""
        self.ensure(rel)
        with self._lock:
            body = self._files.get(rel)
            mounts = list(self._mounts)
        if body is not None:
            return Found(rel, content_type_for(rel), body=body)
        for prefix, folder in mounts:
            inner = _strip_prefix(rel, prefix)
            if inner is None:
                continue
            path = safe_file(folder, inner)
            if path is not None:
                return Found(rel, content_type_for(rel), path=path)
        return None

    def resolve(self, url_path: str) -> Lookup:
        """Apply the serving rules to a raw request path."""
        try:
            requested = url_segments(url_path)
        except (UnsafePath, UnicodeDecodeError):
            return Missing(unsafe=True)
        segments = self._site_segments(requested)
        rel = "/".join(segments)
        wants_folder = not segments or url_path.split("?", 1)[0].endswith("/")
        if wants_folder:
            found = self.find(f"{rel}/index.html" if rel else "index.html")
            return found or Missing()
        found = self.find(rel)
        if found is not None:
            return found
        if self.find(f"{rel}/index.html") is not None:
            return Redirect(_folder_location(requested, url_path))
        return Missing()

    def _site_segments(self, requested: tuple[str, ...]) -> list[str]:
        """Request segments as paths in the site: base path removed, ``latest`` resolved.

        A site configured with ``base_url = "https://x.org/docs/"`` links to
        ``/docs/v1/...``; the same file is also found without the prefix.
        """
        segments = list(requested)
        base = self.base_segments
        if base and tuple(segments[: len(base)]) == base:
            segments = segments[len(base) :]
        if segments and segments[0] in self.aliases:
            segments[0] = self.aliases[segments[0]]
        return segments

    def canonical(self, url_path: str) -> str:
        """The page URL a browser tab shows, as the engine names pages.

        ``/latest/a/``, ``/v1/a/index.html`` and ``/v1/a/`` are one page, so
        live reload matches tabs on this form.
        """
        try:
            segments = self._site_segments(url_segments(url_path))
        except (UnsafePath, UnicodeDecodeError):
            return url_path
        folder = url_path.split("?", 1)[0].endswith("/")
        if segments and segments[-1] == "index.html":
            segments.pop()
            folder = True
        text = "/" + "/".join(segments)
        return text + "/" if folder and segments else text


def _folder_location(segments: tuple[str, ...], url_path: str) -> str:
    """``/a/b`` → ``/a/b/``, rebuilt from the decoded segments.

    Built from segments rather than the raw path so that a request such as
    ``//other.host/x`` can never become an open redirect.
    """
    query = url_path.split("?", 1)[1] if "?" in url_path else ""
    location = "/" + "/".join(quote(segment) for segment in segments) + "/"
    return location + (f"?{query}" if query else "")


def _strip_prefix(rel: str, prefix: str) -> str | None:
    """`rel` relative to a mount prefix, or None when it lies outside it."""
    if not prefix:
        return rel
    if rel == prefix:
        return ""
    if rel.startswith(prefix + "/"):
        return rel[len(prefix) + 1 :]
    return None
