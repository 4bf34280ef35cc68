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
from docgen.site.pages import Page, discover_pages, outside_versions, without_duplicate_urls
from docgen.site.partials import PartialsMapping
from docgen.site.schema import schema_diagnostics, site_schema
from docgen.site.symlinks import outside_link_findings, outside_links
from docgen.tags.sets import Schema


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
        diagnostics: list[Diagnostic] = [
            *schema_diagnostics(config),
            *outside_versions(config),
            *outside_link_findings(config, links),
        ]
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

    @property
    def schema(self) -> Schema:
        """The site's merged Markdoc schema (docgen.site.schema): the same for build, serve and check."""
        return site_schema(self.config)

    def variables(self, page: Page) -> dict:
        """The Markdoc variables of `page`: the config's (its version's table over the global one), and
        ``markdoc.frontmatter`` (the page's front matter, seen by its partials too)."""
        version = self.config.version(page.version)
        aliases = (version.name, version.key, f"v{version.key}") if version is not None else ()
        variables = self.config.schema.variables_for(page.version, aliases)
        markdoc = variables.get("markdoc")
        inherited = markdoc if isinstance(markdoc, dict) else {}
        return {**variables, "markdoc": {**inherited, "frontmatter": dict(page.front_matter)}}

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
