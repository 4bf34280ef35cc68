"""Navigation: the sidebar tree, reading order, breadcrumbs and previous/next.

The tree comes from ``content/<version>/menu.md`` when there is one — front
matter ``site_menu: [{category: "A / B / C", url: "/a/b"}]``, where the
category path places the entry — or else from the folder tree and page titles.
Entries whose page is absent stay in the data (with ``page=None``) so that
`docgen check` can report them with the menu line.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from docgen.diagnostics import Diagnostic
from docgen.rules import diagnostic
from docgen.site.frontmatter import read_front_matter, yaml_line
from docgen.site.index import SiteIndex
from docgen.site.links import resolve_link
from docgen.site.pages import Page, title_from_name
from docgen.site.source import read_source
from docgen.urlpolicy import RULE, unsafe_url_reason

MENU_FILE = "menu.md"
COLLATE_MENU_FILE = "collate-menu.md"


@dataclass(frozen=True)
class MenuEntry:
    """One ``site_menu`` item as written, and where it leads.

    `href` is the url as written; `url` the resolved site URL (None for an
    entry without one); `page` the target page if it exists in this build;
    `excluded` is True when the page exists but not in this edition.
    """

    category: str
    path: tuple[str, ...]
    href: str | None
    url: str | None
    page: Page | None
    file: str
    line: int | None
    excluded: bool = False
    external: bool = False


@dataclass(eq=False)
class NavNode:
    """A sidebar node. `page` is None for category-only nodes and broken entries."""

    title: str
    url: str | None
    page: Page | None
    children: list[NavNode] = field(default_factory=list)
    parent: NavNode | None = field(default=None, repr=False)
    entry: MenuEntry | None = field(default=None, repr=False)
    key: str = ""  # unique within its Nav, stable across builds of the same menu

    def ancestors(self) -> list[NavNode]:
        """From the root down to (excluding) this node."""
        chain: list[NavNode] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def walk(self) -> Iterator[NavNode]:
        """This node and its descendants, depth first, in display order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False)
class Nav:
    """The navigation of one version (in the configured edition)."""

    version: str
    roots: list[NavNode]
    entries: list[MenuEntry]  # every menu item as written, broken ones included
    source: str | None  # the menu file relative to the site root; None for folder navigation
    diagnostics: list[Diagnostic] = field(default_factory=list)
    order: list[Page] = field(init=False)
    _node_by_page: dict[int, NavNode] = field(init=False, repr=False)
    _position: dict[int, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._node_by_page = {}
        for node in self.walk():
            if node.page is not None:
                self._node_by_page.setdefault(id(node.page), node)
        self.order = [node.page for node in self.walk() if node.page is not None and self._first(node)]
        self._position = {id(page): index for index, page in enumerate(self.order)}

    def _first(self, node: NavNode) -> bool:
        return self._node_by_page.get(id(node.page)) is node

    def walk(self) -> Iterator[NavNode]:
        for root in self.roots:
            yield from root.walk()

    def node_for(self, page: Page) -> NavNode | None:
        """The (first) node showing `page`."""
        return self._node_by_page.get(id(page))

    def breadcrumbs(self, page: Page) -> list[NavNode]:
        """Root-to-page chain of nodes, the page's own node last; [] when not in the nav."""
        node = self.node_for(page)
        return [*node.ancestors(), node] if node is not None else []

    def open_nodes(self, page: Page) -> list[NavNode]:
        """The nodes a sidebar opens for `page`: its ancestors (and itself if it has children)."""
        node = self.node_for(page)
        if node is None:
            return []
        return [*node.ancestors(), *([node] if node.children else [])]

    def previous(self, page: Page) -> Page | None:
        index = self._position.get(id(page))
        return self.order[index - 1] if index else None

    def next(self, page: Page) -> Page | None:
        index = self._position.get(id(page))
        if index is None or index + 1 >= len(self.order):
            return None
        return self.order[index + 1]


def build_nav(site: SiteIndex, version: str) -> Nav:
    """The navigation of `version`: from its menu file when there is one, else from folders."""
    menu = menu_file(site, version)
    if menu is not None:
        return _nav_from_menu(site, version, menu)
    return _nav_from_folders(site, version)


def menu_file(site: SiteIndex, version: str) -> Path | None:
    """``collate-menu.md`` in the Collate edition when present, else ``menu.md``, else None."""
    folder = site.config.version_folder(version)
    names = [COLLATE_MENU_FILE, MENU_FILE] if site.config.edition == "collate" else [MENU_FILE]
    return next((folder / name for name in names if (folder / name).is_file()), None)


def split_category(category: str) -> tuple[str, ...]:
    """``"A /  B/C "`` → ``("A", "B", "C")``: split on ``/``, trim, drop empty parts."""
    return tuple(" ".join(part.split()) for part in category.split("/") if part.strip())


# --------------------------------------------------------------------------- menu navigation


def _nav_from_menu(site: SiteIndex, version: str, menu: Path) -> Nav:
    rel = site.rel_path(menu)
    try:
        source = read_source(menu)
    except OSError as error:
        problem = diagnostic("menu-broken", rel, None, None, f"cannot read menu: {error}")
        return Nav(version=version, roots=[], entries=[], source=rel, diagnostics=[problem])
    front = read_front_matter(source.text, rel)
    diagnostics = source.diagnostics(rel) + list(front.diagnostics)
    entries = _menu_entries(site, version, rel, front.data, front.node, diagnostics)
    roots = _tree_from_entries(entries)
    return Nav(version=version, roots=roots, entries=entries, source=rel, diagnostics=diagnostics)


def _menu_entries(
    site: SiteIndex, version: str, rel: str, data: dict, node: yaml.Node | None, diagnostics: list[Diagnostic]
) -> list[MenuEntry]:
    items = data.get("site_menu")
    if not isinstance(items, list):
        if not diagnostics:
            diagnostics.append(diagnostic("menu-broken", rel, 1, 1, "menu has no 'site_menu' list"))
        return []
    item_nodes = _site_menu_item_nodes(node)
    entries = []
    for index, item in enumerate(items):
        line = yaml_line(item_nodes[index]) if index < len(item_nodes) else None
        entry = _menu_entry(site, version, rel, item, line, diagnostics)
        if entry is not None:
            entries.append(entry)
    return entries


def _site_menu_item_nodes(node: yaml.Node | None) -> list[yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "site_menu" and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    return []


def _menu_entry(
    site: SiteIndex, version: str, rel: str, item: object, line: int | None, diagnostics: list[Diagnostic]
) -> MenuEntry | None:
    category = item.get("category") if isinstance(item, dict) else None
    href = item.get("url") if isinstance(item, dict) else None
    if not isinstance(category, str) or not split_category(category) or not (href is None or isinstance(href, str)):
        diagnostics.append(
            diagnostic(
                "menu-broken",
                rel,
                line,
                1,
                f"menu entry needs a 'category' text and an optional 'url' text; got {item!r}",
            )
        )
        return None
    path = split_category(category)
    if href is not None and _refused_menu_url(site, href, rel, line, diagnostics):
        href = None  # the entry stays, as a title without a link
    if href is None:
        return MenuEntry(category, path, None, None, None, rel, line)
    resolved = resolve_link(site, href, version)
    excluded = resolved.page is None and site.excluded_page_for_url(resolved.path) is not None
    return MenuEntry(
        category,
        path,
        href,
        resolved.url,
        resolved.page,
        rel,
        line,
        excluded=excluded,
        external=resolved.external,
    )


def _refused_menu_url(site: SiteIndex, href: str, rel: str, line: int | None, diagnostics: list[Diagnostic]) -> bool:
    """A menu url outside the URL policy (docgen.urlpolicy) would reach the sidebar of every page: refuse it."""
    reason = unsafe_url_reason(href, site.config.url_schemes)
    if reason is None:
        return False
    diagnostics.append(diagnostic(RULE, rel, line, 1, f"menu url {href!r} is not published: {reason}", href))
    return True


def _tree_from_entries(entries: list[MenuEntry]) -> list[NavNode]:
    """Place entries by category path; missing parents become title-only nodes.

    Entries hidden by the edition are left out of the tree (they stay in
    `entries`). A second entry with an already used path becomes a sibling.
    """
    roots: list[NavNode] = []
    by_path: dict[tuple[str, ...], NavNode] = {}
    counter = itertools.count()
    for entry in entries:
        if entry.excluded:
            continue
        parent = _ensure_path(entry.path[:-1], roots, by_path, counter)
        existing = by_path.get(entry.path)
        if existing is not None and existing.entry is None:
            existing.url, existing.page, existing.entry = entry.url, entry.page, entry
            continue
        node = NavNode(entry.path[-1], entry.url, entry.page, parent=parent, entry=entry, key=f"n{next(counter)}")
        (parent.children if parent is not None else roots).append(node)
        by_path.setdefault(entry.path, node)
    return roots


def _ensure_path(
    path: tuple[str, ...], roots: list[NavNode], by_path: dict[tuple[str, ...], NavNode], counter: Iterator[int]
) -> NavNode | None:
    if not path:
        return None
    if path in by_path:
        return by_path[path]
    parent = _ensure_path(path[:-1], roots, by_path, counter)
    node = NavNode(path[-1], None, None, parent=parent, key=f"n{next(counter)}")
    (parent.children if parent is not None else roots).append(node)
    by_path[path] = node
    return node


# --------------------------------------------------------------------------- folder navigation


def _nav_from_folders(site: SiteIndex, version: str) -> Nav:
    """Folders become sections titled by their ``index.md``; pages sort by title."""
    pages = site.pages_for(version)
    counter = itertools.count()
    root = NavNode("", None, None)
    folders: dict[tuple[str, ...], NavNode] = {(): root}
    for page in sorted(pages, key=lambda p: p.content_path.count("/")):
        parts = tuple(page.content_path.split("/"))
        if parts[-1] == "index.md":
            folder = _folder_node(parts[:-1], folders, counter)
            folder.title, folder.url, folder.page = page.title, page.url, page
        else:
            parent = _folder_node(parts[:-1], folders, counter)
            parent.children.append(NavNode(page.title, page.url, page, parent=parent, key=f"n{next(counter)}"))
    _sort_children(root)
    roots = root.children
    if root.page is not None:  # the version's own index.md leads the sidebar
        roots.insert(0, NavNode(root.title, root.url, root.page, key=f"n{next(counter)}"))
    for node in roots:
        node.parent = None
    return Nav(version=version, roots=roots, entries=[], source=None)


def _folder_node(parts: tuple[str, ...], folders: dict[tuple[str, ...], NavNode], counter: Iterator[int]) -> NavNode:
    if parts in folders:
        return folders[parts]
    parent = _folder_node(parts[:-1], folders, counter)
    node = NavNode(title_from_name(parts[-1]), None, None, parent=parent, key=f"n{next(counter)}")
    parent.children.append(node)
    folders[parts] = node
    return node


def _sort_children(node: NavNode) -> None:
    node.children.sort(key=lambda child: child.title.casefold())
    for child in node.children:
        _sort_children(child)
