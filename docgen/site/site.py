"""The site model: versions, pages, partials, images and menus of one site.

`Site.load(config)` reads everything a build, a check or a serve loop needs to
know before rendering any page: which pages exist at which URL, which
version each belongs to, what the navigation is. Rendering asks it to resolve
links, partials and images, always with the same rules.
"""

from __future__ import annotations

from docgen.diagnostics import Diagnostic
from docgen.site.config import SiteConfig
from docgen.site.index import SiteIndex
from docgen.site.links import ResolvedLink, resolve_link
from docgen.site.nav import Nav, build_nav
from docgen.site.pages import Page, discover_pages, without_duplicate_urls
from docgen.site.partials import PartialsMapping
from docgen.site.symlinks import outside_link_findings, outside_links


class Site(SiteIndex):
    """Everything known about a site before rendering: the index plus links, partials and navigation."""

    def __init__(self, config: SiteConfig, pages: list[Page], excluded: list[Page], diagnostics: list[Diagnostic]):
        super().__init__(config, pages, excluded, diagnostics)
        self._partials: dict[str, PartialsMapping] = {}
        self._navs: dict[str, Nav] = {}

    @classmethod
    def load(cls, config: SiteConfig) -> Site:
        pages: list[Page] = []
        excluded: list[Page] = []
        links = outside_links(config)
        diagnostics: list[Diagnostic] = outside_link_findings(config, links)
        refused = frozenset(item.link for item in links)
        for version in config.versions:
            found, problems = discover_pages(config, version, refused)
            diagnostics.extend(problems)
            for page in found:
                hidden = config.edition != "collate" and page.collate_only
                (excluded if hidden else pages).append(page)
        site = cls(config, without_duplicate_urls(pages, diagnostics), excluded, diagnostics)
        site.partial_tree.refused = site.image_tree.refused = refused
        for version in config.versions:
            nav = site.navigation(version.name)
            diagnostics.extend(nav.diagnostics)
        return site

    # ----------------------------------------------------------------- links and partials

    def resolve_link(self, href: str, version: str, from_page: Page | None = None) -> ResolvedLink:
        """Where `href`, written on a page of `version`, leads (see docgen.site.links)."""
        return resolve_link(self, href, version, from_page)

    def partials(self, version: str) -> PartialsMapping:
        """The lazy partials Mapping for pages of `version` (Markdoc's ``config["partials"]``)."""
        name = self.version_name(version)
        if name not in self._partials:
            self._partials[name] = PartialsMapping(self, name)
        return self._partials[name]

    # ----------------------------------------------------------------- navigation

    def navigation(self, version: str) -> Nav:
        """The navigation of `version` in the configured edition (built once, then cached)."""
        name = self.version_name(version)
        if name not in self._navs:
            self._navs[name] = build_nav(self, name)
        return self._navs[name]
