"""The sidebar: each page shows the top level and its own branch (`BranchSidebar`), and the
pages of one branch share one rendering (`SharedSidebar`).

A version of the OpenMetadata docs has a menu of over a thousand entries;
rendering that tree through Jinja for each of its pages would make the build
quadratic. Instead the template is rendered once per branch with invisible slot markers
where per-page state goes (` open` on a `<details>`, `aria-current` on a link).
The markers are then cut out and their offsets remembered, so a page's sidebar
is a handful of string slices joined around the few insertions it needs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

_MARKER = re.compile("\x00([oc])(\\d+)\x00")
OPEN_TEXT = " open"
CURRENT_TEXT = ' aria-current="page"'


@dataclass
class SidebarItem:
    """View model of one menu entry, as the sidebar template sees it."""

    title: str
    url: str | None
    children: list[SidebarItem] = field(default_factory=list)
    number: int = 0

    @property
    def open_slot(self) -> Markup:
        return Markup(f"\x00o{self.number}\x00")

    @property
    def current_slot(self) -> Markup:
        return Markup(f"\x00c{self.number}\x00")


class SharedSidebar:
    """One rendered sidebar plus the per-URL insertions that mark the current page."""

    def __init__(self, items: Sequence[SidebarItem], render: Callable[[Sequence[SidebarItem]], str]) -> None:
        _number(items)
        self._html, slots = _cut_markers(render(items))
        self._insertions = _insertions_by_url(items, slots)
        self._digest: str | None = None

    def for_page(self, url: str | None) -> PageSidebar:
        """The sidebar of the page at `url`, assembled only when a template writes it."""
        return PageSidebar(self, url)

    def fingerprint(self, url: str | None) -> str:
        """Identifies `html_for(url)` without assembling it: the shared HTML's hash plus the insertions."""
        if self._digest is None:
            self._digest = hashlib.sha256(self._html.encode("utf-8")).hexdigest()
        return f"{self._digest}:{self._insertions.get(url or '', ())!r}"

    def html_for(self, url: str | None) -> Markup:
        """The sidebar with `url` highlighted and its ancestors open; O(size of sidebar)."""
        insertions = self._insertions.get(url or "", ())
        if not insertions:
            return Markup(self._html)
        pieces: list[str] = []
        start = 0
        for offset, text in insertions:
            pieces.append(self._html[start:offset])
            pieces.append(text)
            start = offset
        pieces.append(self._html[start:])
        return Markup("".join(pieces))


class BranchSidebar:
    """The sidebar a docs reader needs on one page: the top level, plus the current page's branch.

    With every page carrying the whole menu, output grows with the square of the
    page count (0.9 MB a page at 10,000 pages). Here a page's sidebar lists the
    top-level entries, and opens only its ancestors (each showing its children,
    so the siblings along the way) and the page itself when it has children.
    Every other section is one link, to its own page or, for a section without
    one, to its first page, where that branch is open: every page stays
    reachable in a few clicks. Pages of one section share one rendered
    `SharedSidebar` (the template runs once per branch, not per page).
    """

    def __init__(self, items: Sequence[SidebarItem], render: Callable[[Sequence[SidebarItem]], str]) -> None:
        self._items = list(items)
        self._render = render
        _number(self._items)
        self._branches = _expanded_by_url(self._items)
        self._shared: dict[frozenset[int], SharedSidebar] = {}

    def _sidebar(self, url: str | None) -> SharedSidebar:
        expanded = self._branches.get(url or "", frozenset())
        shared = self._shared.get(expanded)
        if shared is None:
            shared = self._shared[expanded] = SharedSidebar(_pruned(self._items, expanded), self._render)
        return shared

    def prepare(self) -> None:
        """Render every branch now (before a build forks its workers, so they share the renderings)."""
        for url in [None, *self._branches]:
            self._sidebar(url)

    def for_page(self, url: str | None) -> PageSidebar:
        return self._sidebar(url).for_page(url)

    def fingerprint(self, url: str | None) -> str:
        return self._sidebar(url).fingerprint(url)

    def html_for(self, url: str | None) -> Markup:
        return self._sidebar(url).html_for(url)


def _expanded_by_url(items: Sequence[SidebarItem]) -> dict[str, frozenset[int]]:
    """URL → numbers of the entries to show open: the ancestors of every entry with that URL, and the
    entry itself when it has children (the same entries `_insertions_by_url` marks open)."""
    found: dict[str, set[int]] = {}

    def visit(item: SidebarItem, ancestors: list[int]) -> None:
        if item.url:
            found.setdefault(item.url, set()).update(ancestors + ([item.number] if item.children else []))
        for child in item.children:
            visit(child, ancestors + [item.number])

    for top in items:
        visit(top, [])
    return {url: frozenset(numbers) for url, numbers in found.items()}


def _pruned(items: Sequence[SidebarItem], expanded: frozenset[int]) -> list[SidebarItem]:
    """Fresh items (SharedSidebar numbers its own) with the children of closed entries left out."""
    pruned = []
    for item in items:
        if item.number in expanded:
            pruned.append(SidebarItem(item.title, item.url, _pruned(item.children, expanded)))
        else:
            pruned.append(SidebarItem(item.title, item.url or _first_url(item.children)))
    return pruned


def _first_url(items: Sequence[SidebarItem]) -> str | None:
    """The first linked entry below a section without a page of its own (depth first, menu order)."""
    for item in items:
        url = item.url or _first_url(item.children)
        if url:
            return url
    return None


class PageSidebar:
    """One page's sidebar as a template value: Jinja writes it through `__html__`.

    Incremental builds compare `fingerprint` instead of the (large) HTML to
    decide whether a page's document changed.
    """

    def __init__(self, shared: SharedSidebar | BranchSidebar, url: str | None) -> None:
        self._shared = shared
        self._url = url

    def __html__(self) -> str:
        return str(self._shared.html_for(self._url))

    def __str__(self) -> str:
        return self.__html__()

    @property
    def fingerprint(self) -> str:
        return self._shared.fingerprint(self._url)


def _number(items: Iterable[SidebarItem], counter: list[int] | None = None) -> None:
    counter = counter if counter is not None else [0]
    for item in items:
        item.number = counter[0]
        counter[0] += 1
        _number(item.children, counter)


def _cut_markers(html: str) -> tuple[str, dict[tuple[str, int], int]]:
    """Remove the slot markers; return the clean HTML and each marker's offset in it."""
    slots: dict[tuple[str, int], int] = {}
    pieces: list[str] = []
    removed = 0
    last = 0
    for match in _MARKER.finditer(html):
        pieces.append(html[last : match.start()])
        slots[(match.group(1), int(match.group(2)))] = match.start() - removed
        removed += match.end() - match.start()
        last = match.end()
    pieces.append(html[last:])
    return "".join(pieces), slots


def _insertions_by_url(items: Sequence[SidebarItem], slots: dict[tuple[str, int], int]) -> dict[str, tuple]:
    """For every URL in the menu: (offset, text) pairs in offset order.

    The first entry with a URL wins the highlight (menus sometimes list a page
    twice); every ancestor of every entry with that URL is opened.
    """
    found: dict[str, list[tuple[int, str]]] = {}

    def visit(item: SidebarItem, ancestors: list[SidebarItem]) -> None:
        if item.url:
            chosen = found.get(item.url)
            if chosen is None:
                chosen = found[item.url] = []
                if ("c", item.number) in slots:
                    chosen.append((slots[("c", item.number)], CURRENT_TEXT))
            opened = ancestors + ([item] if item.children else [])
            for parent in opened:
                offset = slots.get(("o", parent.number))
                if offset is not None and (offset, OPEN_TEXT) not in chosen:
                    chosen.append((offset, OPEN_TEXT))
        for child in item.children:
            visit(child, ancestors + [item])

    for top in items:
        visit(top, [])
    return {url: tuple(sorted(pairs)) for url, pairs in found.items()}
