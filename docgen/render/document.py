"""Complete HTML documents: a rendered page body placed in the theme.

`SiteRenderer` holds what pages of one build share — the theme and one
`VersionLayout` (sidebar, version homes) per version — so the expensive
parts are made once. Serve keeps one alive between requests and calls
`forget()` when the navigation or the templates change.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from docgen import __version__
from docgen.render.layout import VersionLayout, short_title, version_banner, version_choices, version_home
from docgen.render.page import PartialValidation, RenderedPage, render_page
from docgen.render.search import search_bundle_url
from docgen.site import Page, Site
from docgen.site.context import ImagePublisher
from docgen.site.images import ImageValidator
from docgen.site.urls import absolute_url
from docgen.theme import Theme


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
        self.theme = theme or Theme(site.config.site_dir)
        self.image_publisher = image_publisher
        self.partial_validation = partial_validation
        self.image_validator = image_validator
        self._layouts: dict[str, VersionLayout] = {}
        self._homes: dict[str, str] | None = None

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

    def site_info(self) -> SiteInfo:
        default = self.site.default_version
        homes = self.homes()
        home = homes.get(default.name) if default is not None else None
        return SiteInfo(title=self.site.config.title, home_url=home or next(iter(homes.values()), "/"))

    # ----------------------------------------------------------------- documents

    def render(self, page: Page) -> tuple[RenderedPage, str]:
        """Render `page` and place it in the page template: (facts, HTML document)."""
        rendered = render_page(
            self.site,
            page,
            image_publisher=self.image_publisher,
            partial_validation=self.partial_validation,
            image_validator=self.image_validator,
        )
        return rendered, self.document(rendered)

    def document(self, rendered: RenderedPage) -> str:
        page = rendered.page
        layout = self.layout(page.version)
        previous, following = layout.neighbours(page)
        common = self._common(page.version, page)
        return self.theme.render(
            "page.html",
            **common,
            page=_PageInfo(
                page.title,
                page.description,
                page.url,
                page.noindex,
                self._canonical(page.url),
                short_title=short_title(page.title),
                searchable=not page.noindex,
            ),
            version_banner=version_banner(self.site, page, common["versions"]),
            content=Markup(rendered.body),
            toc=rendered.toc,
            breadcrumbs=layout.breadcrumbs(page),
            prev=previous,
            next=following,
            sidebar=layout.sidebar.html_for(page.url),
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
            page=_PageInfo("Page not found", "", "/404.html", True, None),
            sidebar=sidebar,
        )

    def redirect(self, target: str) -> str:
        return self.theme.render("redirect.html", target=target)

    def _common(self, version: str | None, page: Page | None) -> dict:
        return {
            "site": self.site_info(),
            "assets": {"css": self.theme.css_url, "js": self.theme.js_url},
            "docgen_version": __version__,
            "versions": version_choices(self.site, page, self.homes()),
            "current_version": version or "",
            "search": SearchBox(
                bundle=search_bundle_url(version or "", self.site.config.base_path),
                state="ready" if self.search and version else "unavailable",
            ),
        }

    def _canonical(self, url: str) -> str | None:
        base = self.site.config.base_url
        return absolute_url(base, url) if base else None


@dataclass(frozen=True)
class _PageInfo:
    title: str
    description: str
    url: str
    noindex: bool
    canonical: str | None
    short_title: str = ""
    searchable: bool = False  # indexed for site search (not the 404 page, not noindex pages)
