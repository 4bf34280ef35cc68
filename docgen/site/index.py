"""The indexed pages and files of one site: lookups by URL, file and version, assets, parsed ASTs.

Everything here is a lookup over what `Site.load` found, so the modules that
resolve links (docgen.site.links), expand partials (docgen.site.partials) and
build menus (docgen.site.nav) can depend on it without depending on the `Site`
that composes them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import docgen.markdoc as markdoc
from docgen.diagnostics import Diagnostic
from docgen.site.assets import AssetTree, ResolvedAsset
from docgen.site.config import SiteConfig
from docgen.site.files import files_unchanging
from docgen.site.pages import Page
from docgen.site.source import SourceText, read_source
from docgen.site.urls import LATEST, page_url, version_prefix
from docgen.site.versions import Version


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

    def release(self, path: Path) -> None:
        """Forget `path`'s text and AST: a build parses each page once, and keeping every page's AST
        made its memory grow with the site (about 1.2 GB at 10,000 pages)."""
        with self._lock:
            self._entries.pop(path, None)

    def source(self, path: Path) -> SourceText:
        """The decoded text of `path` with its problems (invalid UTF-8, NUL), read without parsing."""
        return self._entry(path).source

    def _entry(self, path: Path) -> _Entry:
        with self._lock:
            cached = self._entries.get(path)
        if cached is not None and files_unchanging():
            return cached  # a build: the partial read for an earlier page is still the partial
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        if cached is not None and cached.stamp == stamp:
            return cached
        entry = _Entry(stamp, read_source(path), None)
        with self._lock:
            self._entries[path] = entry
        return entry


@dataclass(frozen=True)
class _PageIndex:
    """Lookups over one set of pages: by URL, by source file, by (version, content path)."""

    by_url: dict[str, Page]
    by_source: dict[Path, Page]
    by_content_path: dict[tuple[str, str], Page]

    @classmethod
    def of(cls, pages: list[Page]) -> _PageIndex:
        return cls(
            by_url={page.url: page for page in pages},
            by_source={page.source: page for page in pages},
            by_content_path={(page.version, page.content_path): page for page in pages},
        )


class SiteIndex:
    """The pages and files of a site, indexed: what links, partials and menus are resolved against.

    `Site` (docgen.site.site) adds link resolution, partials and navigation on
    top; the modules that implement those take a `SiteIndex`, so they depend
    on this module and not on the `Site` that uses them.
    """

    def __init__(self, config: SiteConfig, pages: list[Page], excluded: list[Page], diagnostics: list[Diagnostic]):
        self.config = config
        self.versions: tuple[Version, ...] = config.versions
        self.pages = pages  # in this edition, version order then file order
        self.excluded_pages = excluded  # pages of the other edition (collate: true in oss)
        self.diagnostics = diagnostics  # problems found while loading (front matter, duplicates, menus)
        self._index = _PageIndex.of(pages)
        self._excluded_index = _PageIndex.of(excluded)
        inherits = {version.key: version.inherits for version in config.versions}
        self.partial_tree = AssetTree(config.partials_dir, inherits)
        self.image_tree = AssetTree(config.images_dir, inherits)
        self._parse_cache = ParseCache(config.rel_path, config.delimiters)

    # ----------------------------------------------------------------- versions and pages

    @property
    def default_version(self) -> Version | None:
        return self.config.version(self.config.default_version) if self.config.default_version else None

    def version(self, name_or_key: str) -> Version | None:
        return self.config.version(name_or_key)

    def version_name(self, version: str) -> str:
        """The folder name of `version` given by name or key (as given if unknown)."""
        known = self.config.version(version)
        return known.name if known else version

    def pages_for(self, version: str) -> list[Page]:
        known = self.config.version(version)
        return [page for page in self.pages if known is not None and page.version == known.name]

    def page_for_url(self, url: str) -> Page | None:
        """The page at `url`; accepts ``/v1.9/x``, ``/latest/x``, no trailing slash, ``#frag``."""
        return self._index.by_url.get(self.canonical_url(url))

    def excluded_page_for_url(self, url: str | None) -> Page | None:
        """The other edition's page at `url` (so check can say why a link is broken)."""
        return self._excluded_index.by_url.get(self.canonical_url(url)) if url else None

    def page_for_source(self, path: Path) -> Page | None:
        return self._index.by_source.get(Path(path).resolve())

    def page_for_content_path(self, version: str, content_path: str) -> Page | None:
        """The page from file ``<content>/<version>/<content_path>`` (``x.md`` or ``x/index.md``)."""
        known = self.config.version(version)
        if known is None:
            return None
        path = content_path.strip("/")
        return self._index.by_content_path.get((known.name, path)) or self._index.by_content_path.get(
            (known.name, path.removesuffix(".md") + "/index.md")
        )

    def page_in_version(self, page: Page, version: str) -> Page | None:
        """The same page in another version (for the version switcher), if it exists."""
        known = self.config.version(version)
        return self.page_for_url(version_prefix(known.name) + page.path_in_version) if known else None

    def canonical_url(self, url: str) -> str:
        """``/latest/x#y`` → ``/v1.9.x/x/``; ``/v1.9/x`` → ``/v1.9.x/x/``. Unknown forms are only normalised."""
        path = url.split("#", 1)[0].split("?", 1)[0]
        parts = [part for part in path.split("/") if part]
        if parts and self.config.versioned:
            version = self.default_version if parts[0] == LATEST else self.config.version(parts[0])
            if version is not None:
                return page_url(version.name, parts[1:])
        return "/" + "/".join(parts) + "/" if parts else "/"

    def rel_path(self, path: Path) -> str:
        """`path` relative to the site root, as diagnostics print it."""
        return self.config.rel_path(path)

    # ----------------------------------------------------------------- partials, images and parsed files

    def resolve_partial(self, file: str, version: str) -> ResolvedAsset:
        """``/v1.9/x.md`` in the partials dir (inheritance applies); ``x.md`` in `version`'s folder."""
        known = self.config.version(version)
        return self.partial_tree.resolve(file, known.key if known and known.versioned else None)

    def resolve_image(self, src: str, version: str | None = None) -> ResolvedAsset | None:
        """``/images/v1.9/x.png`` in the images dir, case-sensitively; None if `src` is not under the images URL.

        A path without a version folder (``/images/logo.png``) is looked up as
        written and, failing that, in `version`'s folder (with inheritance),
        the way a versionless partial is.
        """
        prefix = self.config.images_url
        path = src.split("#", 1)[0].split("?", 1)[0]
        if not path.startswith(prefix + "/"):
            return None
        literal = self.image_tree.resolve(path[len(prefix) :])
        known = self.config.version(version) if version and self.config.versioned else None
        if literal.found or literal.version_key is not None or known is None:
            return literal
        in_version = self.image_tree.resolve(path[len(prefix) :], known.key)
        return in_version if in_version.found else literal

    def is_partial_file(self, path: Path) -> bool:
        """Whether `path` is a partial (under the partials folder) rather than a page."""
        return Path(path).is_relative_to(self.config.partials_dir)

    def image_url(self, asset: ResolvedAsset) -> str:
        """The URL of a found image in the output: the images URL plus its path in the images dir."""
        return f"{self.config.images_url}/{asset.rel}"

    def parse_file(self, path: Path) -> Any:
        """The Markdoc AST of a page or partial file, cached while the file is unchanged."""
        return self._parse_cache.parse(path)

    def parse_page(self, page: Page) -> Any:
        return self.parse_file(page.source)

    def release_page(self, page: Page) -> None:
        """Drop the page's parsed AST (`parse_page` parses it again if asked); partials stay cached."""
        self._parse_cache.release(page.source)

    def source_problems(self, path: Path) -> list[Diagnostic]:
        """Invalid UTF-8 and NUL bytes of a partial (or page) file, positioned in it.

        A page's are reported when it is loaded (`Site.diagnostics`); a partial's by whoever
        validates the partial (render, check), once per file, like its Markdoc errors.
        """
        try:
            source = self._parse_cache.source(path)
        except OSError:
            return []  # an unreadable partial is reported where it is included
        return source.diagnostics(self.rel_path(path))
