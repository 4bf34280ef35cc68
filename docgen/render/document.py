"""Complete HTML documents: a rendered page body placed in the theme.

`SiteRenderer` holds what pages of one build share — the theme and one
`VersionLayout` (sidebar, version homes) per version — so the expensive
parts are made once. Serve keeps one alive between requests and calls
`forget()` when the navigation or the templates change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from docgen import __version__
from docgen.diagnostics import Diagnostic
from docgen.render.layout import VersionLayout, short_title, version_banner, version_choices, version_home
from docgen.render.llms import LLMS_FILE, llms_txt
from docgen.render.markdown import markdown_url
from docgen.render.page import PartialValidation, RenderedPage, render_page
from docgen.render.search import bundle_count, indexed_pages, search_bundle_urls
from docgen.site import Page, Site
from docgen.site.config import FAVICON_TYPES
from docgen.site.context import ImagePublisher
from docgen.site.images import ImageValidator
from docgen.site.redirects import redirect_location, site_redirects
from docgen.site.urls import absolute_url, is_external, page_file, version_prefix
from docgen.theme import Asset, Theme


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide values every template sees as `site`."""

    title: str
    home_url: str
    language: str = "en"


@dataclass(frozen=True)
class SearchBox:
    """What the search box needs: where the Pagefind bundle is and whether there is one.

    `state` is "ready" when the pages are indexed (docgen build) and "unavailable"
    otherwise, so the box can say where search works instead of requesting a missing file.
    """

    bundle: str
    merged: str  # the version's further bundles (space-separated URLs), merged into the first by docgen.js
    state: str


class SiteRenderer:
    """Renders pages of one site into themed HTML documents."""

    def __init__(
        self,
        site: Site,
        theme: Theme | None = None,
        *,
        image_publisher: ImagePublisher | None = None,
        partial_validation: PartialValidation | None = None,
        image_validator: ImageValidator | None = None,
        search: bool = False,
    ) -> None:
        """`search`: the pages will be indexed (docgen build writes a Pagefind bundle); serve passes nothing."""
        self.site = site
        self.search = search
        self.theme = theme or Theme(site.config.site_dir, site.schema.css)
        self.image_publisher = image_publisher
        self.partial_validation = partial_validation
        self.image_validator = image_validator
        self._layouts: dict[str, VersionLayout] = {}
        self._homes: dict[str, str] | None = None
        self._bundles: dict[str, int] = {}

    # ----------------------------------------------------------------- shared state

    def layout(self, version: str) -> VersionLayout:
        """The version's shared layout, built (and its sidebar rendered) on first use."""
        if version not in self._layouts:
            render = lambda items: self.theme.render("sidebar.html", nav=items)  # noqa: E731
            self._layouts[version] = VersionLayout(self.site, version, render)
        return self._layouts[version]

    def homes(self) -> dict[str, str]:
        """Version name → its home URL, for the versions that have pages."""
        if self._homes is None:
            self._homes = {
                v.name: version_home(self.site, v.name) for v in self.site.versions if self.site.pages_for(v.name)
            }
        return self._homes

    def forget(self) -> None:
        """Drop shared state after the navigation, pages or templates changed (serve)."""
        self._layouts.clear()
        self._homes = None
        self._bundles.clear()

    def site_info(self) -> SiteInfo:
        default = self.site.default_version
        homes = self.homes()
        home = homes.get(default.name) if default is not None else None
        return SiteInfo(title=self.site.config.title, home_url=home or next(iter(homes.values()), "/"))

    # ----------------------------------------------------------------- documents

    def render(self, page: Page) -> tuple[RenderedPage, str]:
        """Render `page` and place it in the page template: (facts, HTML document)."""
        rendered = self.render_body(page)
        return rendered, self.document(rendered)

    def render_body(self, page: Page) -> RenderedPage:
        """The page's body and facts, with this renderer's image publisher and validators."""
        return render_page(
            self.site,
            page,
            image_publisher=self.image_publisher,
            partial_validation=self.partial_validation,
            image_validator=self.image_validator,
            theme=self.theme,
        )

    def document(self, rendered: RenderedPage) -> str:
        return self.assemble(self.document_values(rendered))

    def assemble(self, values: dict[str, Any]) -> str:
        """The HTML document of a page from its `document_values`."""
        return self.theme.render("page.html", **values)

    def document_values(self, rendered: RenderedPage) -> dict[str, Any]:
        """Everything page.html sees for `rendered`; the sidebar is a `PageSidebar`, assembled when written.

        Incremental builds key a page's document on these values (docgen.publish.incremental),
        so whatever is added here reaches the key too.
        """
        page = rendered.page
        layout = self.layout(page.version)
        previous, following = layout.neighbours(page)
        common = self._common(page.version, page)
        return dict(
            **common,
            page=_PageInfo(
                page.title,
                page.description,
                page.url,
                page.noindex,
                self._canonical(page.url),
                short_title=short_title(page.title),
                searchable=not page.noindex,
                image=self.social_image(page),
                markdown=self.site.config.base_path + markdown_url(page.url),
            ),
            version_banner=version_banner(self.site, page, common["versions"]),
            content=Markup(rendered.body),
            title_heading=not rendered.has_h1,
            toc=rendered.toc,
            breadcrumbs=layout.breadcrumbs(page),
            prev=previous,
            next=following,
            sidebar=layout.sidebar.for_page(page.url),
        )

    def not_found(self) -> str:
        """404.html: the default version's chrome around links to every version's home."""
        default = self.site.default_version
        version = (
            default.name if default is not None and default.name in self.homes() else next(iter(self.homes()), None)
        )
        sidebar = self.layout(version).sidebar.html_for(None) if version is not None else Markup("")
        return self.theme.render(
            "404.html",
            **self._common(version, None),
            page=_PageInfo("Page not found", "", "/404.html", True, None, image=self.social_image(None)),
            sidebar=sidebar,
        )

    def markdown(self, rendered: RenderedPage) -> str:
        """The page as clean Markdown (`index.md` beside its `index.html`)."""
        return rendered.markdown

    def redirect(self, target: str) -> str:
        return self.theme.render("redirect.html", target=target)

    def llms_files(self) -> dict[str, str]:
        """`<version>/llms.txt` for every version with pages, and `llms.txt` (the default version's)."""
        # an unversioned site (version "") has one, at the root
        files = {
            version_prefix(version).lstrip("/") + "/" * bool(version) + LLMS_FILE: llms_txt(self.site, version)
            for version in self.homes()
        }
        default = self.site.default_version
        if default is not None and default.name in self.homes():
            files[LLMS_FILE] = files[f"{default.name}/{LLMS_FILE}"]
        return files

    def redirect_files(self) -> tuple[dict[str, str], list[Diagnostic]]:
        """The `[redirects]` pages by output path (``old/path/index.html``) and their findings."""
        redirects, problems = site_redirects(self.site)
        files = {
            page_file(Path(), redirect.source).as_posix(): self.redirect(redirect_location(self.site, redirect))
            for redirect in redirects
        }
        return files, problems

    @cached_property
    def favicon(self) -> Asset:
        """The config's `favicon` file (content-hashed name), else the theme's favicon.svg."""
        return site_favicon(self.site.config.favicon, self.theme)

    def assets(self) -> list[Asset]:
        """Every file under /_docgen/: the theme's and the site's favicon."""
        own = self.favicon
        return [*self.theme.assets, *([own] if own not in self.theme.assets else [])]

    def social_image(self, page: Page | None) -> str:
        """The page's `image:`, else the config's `social_image`; absolute under a base_url."""
        image = (page.image if page is not None else "") or self.site.config.social_image
        if not image or is_external(image):
            return image
        return absolute_url(self.site.config.base_url, image)

    def _common(self, version: str | None, page: Page | None) -> dict:
        return {
            "site": self.site_info(),
            "assets": {
                "css": self.theme.css_url,
                "js": self.theme.js_url,
                "favicon": FaviconLink(self.favicon.url, favicon_type(self.favicon.name)),
            },
            "docgen_version": __version__,
            "versions": version_choices(self.site, page, self.homes()),
            "current_version": version or "",
            "search": SearchBox(
                *_first_and_rest(
                    search_bundle_urls(version or "", self._bundle_count(version or ""), self.site.config.base_path)
                ),
                state="ready" if self.search and version else "unavailable",
            ),
        }

    def _bundle_count(self, version: str) -> int:
        """The search bundles of `version` (docgen.render.search.plan_bundles splits its pages alike)."""
        found = self._bundles.get(version)
        if found is None:
            searchable = len(indexed_pages(self.site.pages_for(version)))
            found = self._bundles[version] = bundle_count(searchable, self.site.config.search.pages_per_bundle)
        return found

    def _canonical(self, url: str) -> str | None:
        base = self.site.config.base_url
        return absolute_url(base, url) if base else None


def _first_and_rest(urls: list[str]) -> tuple[str, str]:
    return urls[0], " ".join(urls[1:])


@dataclass(frozen=True)
class _PageInfo:
    title: str
    description: str
    url: str
    noindex: bool
    canonical: str | None
    short_title: str = ""
    searchable: bool = False  # indexed for site search (not the 404 page, not noindex pages)
    image: str = ""  # the social card image (front matter `image:`, else the config's social_image)
    markdown: str = ""  # the URL of the page's Markdown rendition


@dataclass(frozen=True)
class FaviconLink:
    url: str
    type: str


DEFAULT_FAVICON = "favicon.svg"


def site_favicon(path: Path | None, theme: Theme) -> Asset:
    """The favicon asset: the config's file under a content-hashed name (cached forever like the
    bundles), else the theme's favicon.svg (a site may override it in theme/static/)."""
    if path is not None:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:10]
        return Asset(f"favicon.{digest}{path.suffix.lower()}", data)
    return next(asset for asset in theme.assets if asset.name == DEFAULT_FAVICON)


def favicon_type(name: str) -> str:
    return FAVICON_TYPES.get(Path(name).suffix.lower(), "image/x-icon")
