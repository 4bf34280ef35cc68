"""The site model: versions, pages, partials, images and menus of one site.

`Site.load(config)` reads everything a build, a check or a serve loop needs to
know before rendering any page: which pages exist at which URL, which
version each belongs to, what the navigation is. Rendering asks it to resolve
links, partials and images, always with the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.diagnostics import Diagnostic, Severity
from docgen.site.assets import AssetTree, ResolvedAsset
from docgen.site.config import SiteConfig
from docgen.site.links import ResolvedLink, resolve_link
from docgen.site.nav import Nav, build_nav
from docgen.site.pages import Page, discover_pages, page_url
from docgen.site.partials import ParseCache, PartialsMapping
from docgen.site.versions import Version


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


class Site:
    """Everything known about a site before rendering."""

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
        self._partials: dict[str, PartialsMapping] = {}
        self._navs: dict[str, Nav] = {}

    @classmethod
    def load(cls, config: SiteConfig) -> Site:
        pages: list[Page] = []
        excluded: list[Page] = []
        diagnostics: list[Diagnostic] = []
        for version in config.versions:
            found, problems = discover_pages(config, version)
            diagnostics.extend(problems)
            for page in found:
                hidden = config.edition != "collate" and page.collate_only
                (excluded if hidden else pages).append(page)
        site = cls(config, _without_duplicate_urls(pages, diagnostics), excluded, diagnostics)
        for version in config.versions:
            nav = site.navigation(version.name)
            diagnostics.extend(nav.diagnostics)
        return site

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
        return self.page_for_url(f"/{known.name}{page.path_in_version}") if known else None

    def canonical_url(self, url: str) -> str:
        """``/latest/x#y`` → ``/v1.9.x/x/``; ``/v1.9/x`` → ``/v1.9.x/x/``. Unknown forms are only normalised."""
        path = url.split("#", 1)[0].split("?", 1)[0]
        parts = [part for part in path.split("/") if part]
        if parts:
            version = self.default_version if parts[0] == "latest" else self.config.version(parts[0])
            if version is not None:
                return page_url(version.name, parts[1:])
        return "/" + "/".join(parts) + "/" if parts else "/"

    def rel_path(self, path: Path) -> str:
        """`path` relative to the site root, as diagnostics print it."""
        return self.config.rel_path(path)

    # ----------------------------------------------------------------- links, partials, images

    def resolve_link(self, href: str, version: str, from_page: Page | None = None) -> ResolvedLink:
        """Where `href`, written on a page of `version`, leads (see docgen.site.links)."""
        return resolve_link(self, href, version, from_page)

    def resolve_partial(self, file: str, version: str) -> ResolvedAsset:
        """``/v1.9/x.md`` in the partials dir (inheritance applies); ``x.md`` in `version`'s folder."""
        known = self.config.version(version)
        return self.partial_tree.resolve(file, known.key if known else None)

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
        known = self.config.version(version) if version else None
        if literal.found or literal.version_key is not None or known is None:
            return literal
        in_version = self.image_tree.resolve(path[len(prefix) :], known.key)
        return in_version if in_version.found else literal

    def image_url(self, asset: ResolvedAsset) -> str:
        """The URL of a found image in the output: the images URL plus its path in the images dir."""
        return f"{self.config.images_url}/{asset.rel}"

    def partials(self, version: str) -> PartialsMapping:
        """The lazy partials Mapping for pages of `version` (Markdoc's ``config["partials"]``)."""
        name = self.version_name(version)
        if name not in self._partials:
            self._partials[name] = PartialsMapping(self, name)
        return self._partials[name]

    def parse_file(self, path: Path) -> Any:
        """The Markdoc AST of a page or partial file, cached while the file is unchanged."""
        return self._parse_cache.parse(path)

    def parse_page(self, page: Page) -> Any:
        return self.parse_file(page.source)

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

    # ----------------------------------------------------------------- navigation

    def navigation(self, version: str) -> Nav:
        """The navigation of `version` in the configured edition (built once, then cached)."""
        name = self.version_name(version)
        if name not in self._navs:
            self._navs[name] = build_nav(self, name)
        return self._navs[name]


def _without_duplicate_urls(pages: list[Page], diagnostics: list[Diagnostic]) -> list[Page]:
    """Keep the first page of each URL; report later ones (rule ``url-duplicate``) naming both files."""
    kept: dict[str, Page] = {}
    for page in pages:
        first = kept.get(page.url)
        if first is None:
            kept[page.url] = page
            continue
        diagnostics.append(
            Diagnostic(
                page.rel_path,
                page.key_lines.get("slug", 1),
                1,
                "url-duplicate",
                Severity.ERROR,
                f"URL {page.url} is also the URL of {first.rel_path}; this page is left out",
                target=first.rel_path,
            )
        )
    return list(kept.values())
