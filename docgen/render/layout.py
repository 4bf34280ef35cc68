"""Per-version page chrome: the shared sidebar, version switcher, breadcrumbs, prev/next.

Everything here is computed once per version (the sidebar, the version
homes) or is a cheap lookup per page; `page_chrome` hands the page template
plain values so templates stay logic-free and easy to override.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docgen.render.sidebar import BranchSidebar, SidebarItem
from docgen.site import Nav, NavNode, Page, Site
from docgen.site.urls import version_root


@dataclass(frozen=True)
class Link:
    """A title and a URL, as templates need them for crumbs, prev/next and switchers."""

    title: str
    url: str | None


@dataclass(frozen=True)
class VersionChoice:
    """One entry of the version switcher, as seen from one page."""

    name: str
    url: str
    current: bool
    is_default: bool
    same_page: bool


class VersionLayout:
    """What all pages of one version share; built once per version per build."""

    def __init__(self, site: Site, version: str, render_sidebar: Callable[[Sequence[SidebarItem]], str]) -> None:
        self.site = site
        self.version = version
        self.nav: Nav = site.navigation(version)
        self.sidebar = BranchSidebar(sidebar_items(self.nav.roots), render_sidebar)
        self.home_url = version_home(site, version)
        self._by_folder: dict[str, list[Page]] | None = None

    def breadcrumbs(self, page: Page) -> list[Link]:
        """The menu trail; for a page outside the menu, the trail derived from its folder."""
        if self.nav.node_for(page) is not None:
            return self._menu_trail(page)
        return self.folder_breadcrumbs(page)

    def neighbours(self, page: Page) -> tuple[Link | None, Link | None]:
        """Previous and next in reading order, titled by their pages' own titles.

        A page outside the menu has no place in the menu's reading order: its
        neighbours are those of its folder (the folder's page, then the pages
        beside it in URL order).
        """
        if self.nav.node_for(page) is not None:
            return _page_link(self.nav.previous(page)), _page_link(self.nav.next(page))
        return self.folder_neighbours(page)

    def _menu_trail(self, page: Page) -> list[Link]:
        return [Link(node.title, node_url(node)) for node in self.nav.breadcrumbs(page)]

    def folder_breadcrumbs(self, page: Page) -> list[Link]:
        """Menu trail of the nearest enclosing folder page that is in the menu, then the folder
        pages below it, then the page; with no such folder, from the version's home."""
        below: list[Link] = []
        for ancestor in folder_ancestors(self.site, page):
            if self.nav.node_for(ancestor) is not None:
                return [*self._menu_trail(ancestor), *reversed(below), _crumb(page)]
            below.append(_crumb(ancestor))
        home = self.site.page_for_url(self.home_url)
        start = [_crumb(home)] if home is not None and home is not page and _crumb(home) not in below else []
        return [*start, *reversed(below), _crumb(page)]

    def folder_neighbours(self, page: Page) -> tuple[Link | None, Link | None]:
        """The folder's reading order: its nearest enclosing page first, then the pages of the folder."""
        parent = next(iter(folder_ancestors(self.site, page)), None)
        siblings = self._folders().get(folder_of(page.url), [])
        sequence = ([parent] if parent is not None else []) + [p for p in siblings if p is not parent]
        if page not in sequence:
            return None, None
        index = sequence.index(page)
        previous = sequence[index - 1] if index > 0 else None
        following = sequence[index + 1] if index + 1 < len(sequence) else None
        if previous is None and following is None:
            home = self.site.page_for_url(self.home_url)
            previous = home if home is not page else None
        return _page_link(previous), _page_link(following)

    def _folders(self) -> dict[str, list[Page]]:
        """Folder URL → the version's pages directly in it, in URL order (made once per version)."""
        if self._by_folder is None:
            folders: dict[str, list[Page]] = {}
            for page in sorted(self.site.pages_for(self.version), key=lambda p: p.url):
                folders.setdefault(folder_of(page.url), []).append(page)
            self._by_folder = folders
        return self._by_folder


def folder_of(url: str) -> str:
    """The folder URL a page URL sits in: ``/v1/a/b/`` → ``/v1/a/``; the root's is ``/``."""
    parts = [part for part in url.split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts[:-1])


def folder_ancestors(site: Site, page: Page) -> list[Page]:
    """The pages of the folders enclosing `page`, nearest first, down to its version's root page."""
    found = []
    url = folder_of(page.url)
    while url != "/":
        ancestor = site.page_for_url(url)
        if ancestor is not None and ancestor is not page and ancestor.version == page.version:
            found.append(ancestor)
        url = folder_of(url)
    return found


def _crumb(page: Page) -> Link:
    return Link(short_title(page.title), page.url)


def _page_link(page: Page | None) -> Link | None:
    """Prev/next are titled by the pages' own titles, unlike menu labels, which may be just "Kubernetes"."""
    if page is None:
        return None
    return Link(short_title(page.title), page.url)


def short_title(title: str) -> str:
    """Page titles often carry an SEO suffix ("Okta SSO | OpenMetadata …"); the part before it
    reads well out of context (prev/next links, search results)."""
    return title.split(" | ", 1)[0].strip() or title


def version_home(site: Site, version: str) -> str:
    """The version's index page, else the first page of its navigation, else its first page."""
    known = site.version(version)
    name = known.name if known else version
    home = site.page_for_url(version_root(name))
    if home is not None:
        return home.url
    order = site.navigation(name).order
    if order:
        return order[0].url
    pages = site.pages_for(name)
    return pages[0].url if pages else version_root(name)


def version_choices(site: Site, page: Page | None, homes: dict[str, str]) -> list[VersionChoice]:
    """The switcher keeps the reader on the same page when that page exists in the other version."""
    if not site.config.versioned:
        return []  # an unversioned site has no switcher
    default = site.default_version.name if site.default_version else None
    choices = []
    for version in sorted(site.versions, key=lambda v: v.order, reverse=True):
        if version.name not in homes:
            continue
        twin = site.page_in_version(page, version.name) if page is not None else None
        choices.append(
            VersionChoice(
                name=version.name,
                url=twin.url if twin is not None else homes[version.name],
                current=page is not None and page.version == version.name,
                is_default=version.name == default,
                same_page=twin is not None,
            )
        )
    return choices


@dataclass(frozen=True)
class VersionBanner:
    """The notice on pages of a version other than the default, pointing at the default one."""

    current: str
    default: str
    url: str
    same_page: bool
    newer: bool


def version_banner(site: Site, page: Page, choices: Sequence[VersionChoice]) -> VersionBanner | None:
    """None on pages of the default version (or when the site names none); else where to read on.

    `choices` are the switcher's entries for `page`, which already know whether the page exists
    in the default version and where its twin (or the version's home) is.
    """
    default = site.default_version
    current = site.version(page.version)
    target = next((choice for choice in choices if choice.is_default), None)
    if default is None or current is None or target is None or current.name == default.name:
        return None
    return VersionBanner(
        current=current.name,
        default=default.name,
        url=target.url,
        same_page=target.same_page,
        newer=current.order > default.order,
    )


def node_url(node: NavNode) -> str | None:
    """Nodes link to their page; a menu entry whose page is absent is not linked."""
    if node.page is not None:
        return node.page.url
    if node.entry is not None and node.entry.external:
        return node.url
    return None


def sidebar_items(nodes: Sequence[NavNode]) -> list[SidebarItem]:
    """NavNodes → view model, leaving out branches that lead to no page at all.

    The OpenMetadata menu lists the whole real site; a build of a subset would
    otherwise show hundreds of dead entries.
    """
    items = []
    for node in nodes:
        children = sidebar_items(node.children)
        url = node_url(node)
        if url is None and not children:
            continue
        items.append(SidebarItem(node.title, url, children))
    return items
