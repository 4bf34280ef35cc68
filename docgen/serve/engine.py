"""The serve engine: what to render, when, and which tabs to tell.

It owns the scheduling, not the rendering. A `Session` (see session.py)
knows the site and renders one page through docgen.render; the engine keeps
the rendered pages in the `OutputStore`, the dependency graph, the error
state and the queue of pages still to render, and turns a debounced batch of
changed paths into the smallest rebuild:

- a page edit re-renders that page; if its title or URL changed (or a page
  appeared or vanished) the navigation changed, so every page of its
  version becomes stale — the ones open in a tab are rendered at once, the
  rest behind, and any request renders its page first;
- a partial or image edit re-renders the pages that read it (the graph);
- a template, menu or config edit makes everything stale;
- a stylesheet-only edit swaps the stylesheet in open tabs.

Rendering runs on one lock: the GIL makes parallel rendering pointless on
the two cores serve is allowed, and one lock means a request never sees a
half-updated site. Requests (and change batches) go ahead of the
background fill, which steps aside whenever the foreground is waiting; only
one request at a time waits for a render of its page, the others get the
page's last good version at once (see `ensure_output`).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import IO, Protocol

from docgen.diagnostics import Diagnostic, Severity
from docgen.serve.graph import DependencyGraph
from docgen.serve.livereload import GLOBAL, ReloadHub
from docgen.serve.overlay import overlay_errors
from docgen.serve.store import OutputStore


class Change(Enum):
    """What a changed path means for the site, as a `Session` classifies it."""

    IGNORED = "ignored"
    CONFIG = "config"  # the config file: reload everything
    TEMPLATE = "template"  # a theme template: re-render everything
    STYLESHEET = "stylesheet"  # a theme CSS file: swap stylesheets
    ASSET = "asset"  # another theme static file: reload every tab
    MENU = "menu"  # a version's menu: navigation of that version
    PAGE = "page"  # a page source (created, edited or deleted)
    INCLUDED = "included"  # a partial or image: the pages that read it
    STRUCTURE = "structure"  # a folder appeared or vanished under content


@dataclass
class Rendered:
    """One page render: the HTML, what it reported, and the files it read."""

    html: bytes
    diagnostics: list[Diagnostic]
    dependencies: set[Path] = field(default_factory=set)
    markdown: bytes = b""  # the page's Markdown rendition (index.md beside index.html)


MARKDOWN_SUFFIX = "/index.md"
HTML_SUFFIX = "/index.html"


def markdown_output(html_rel: str) -> str:
    """``v1/a/index.html`` → ``v1/a/index.md``: the rendition is answered beside the page (an unversioned
    site's root page ``index.html`` → ``index.md``)."""
    rooted = "/" + html_rel
    return (rooted.removesuffix(HTML_SUFFIX) + MARKDOWN_SUFFIX)[1:] if rooted.endswith(HTML_SUFFIX) else html_rel


def page_output_of(rel: str) -> str:
    """The page output a requested file belongs to: its Markdown rendition belongs to its index.html."""
    rooted = "/" + rel
    return (rooted.removesuffix(MARKDOWN_SUFFIX) + HTML_SUFFIX)[1:] if rooted.endswith(MARKDOWN_SUFFIX) else rel


class PageEdit(Enum):
    """How re-reading one page source changed the site."""

    BODY = "body"  # same title and URL: only this page changes
    TITLE = "title"  # only the title changed: the navigation is renewed, the pages stay
    NAVIGATION = "nav"  # URL changed, page added or removed: the site is reloaded
    FAILED = "failed"  # unreadable: keep the last good version


@dataclass
class PageUpdate:
    kind: PageEdit
    urls: set[str]  # URLs to re-render (old and new URL on a move)
    version: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


class Session(Protocol):
    """The site as serve sees it; implemented on docgen.site + docgen.render."""

    site_root: Path

    def load(self) -> list[Diagnostic]: ...
    def page_urls(self) -> list[str]: ...
    def page_output(self, url: str) -> str: ...
    def page_source(self, url: str) -> Path | None: ...
    def version_urls(self, version: str | None) -> list[str]: ...
    def render(self, url: str, *, chrome_only: bool = False) -> Rendered: ...
    def static_files(self) -> dict[str, bytes]: ...
    def mounts(self) -> list[tuple[str, Path]]: ...
    def aliases(self) -> dict[str, str]: ...
    def base_path(self) -> str: ...
    def watch_roots(self) -> list[Path]: ...
    def classify(self, path: Path) -> tuple[Change, str | None]: ...
    def update_page(self, path: Path) -> PageUpdate: ...
    def theme_changed(self) -> None: ...
    def health(self) -> list[Diagnostic]: ...


class Terminal:
    """Messages for the author's terminal: one line per event, diagnostics compiler-style."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = stream or sys.stderr
        self._lock = threading.Lock()

    def say(self, text: str) -> None:
        with self._lock:
            print(text, file=self._stream, flush=True)

    def diagnostics(self, found: Iterable[Diagnostic]) -> None:
        for diagnostic in found:
            if diagnostic.severity >= Severity.WARNING:
                self.say(str(diagnostic))


class ServeEngine:
    """Keeps the store in step with the sources; see the module docstring."""

    def __init__(self, session: Session, store: OutputStore, hub: ReloadHub, terminal: Terminal | None = None) -> None:
        self.session = session
        self.store = store
        self.hub = hub
        self.terminal = terminal or Terminal()
        self.graph = DependencyGraph()
        self.ready = threading.Event()
        self._render_lock = threading.Lock()
        self._state_lock = threading.RLock()
        self._foreground = 0
        self._render_waiters = 0  # requests waiting for (or holding) the renderer for their page
        self._wanted: set[str] = set()  # stale pages served in their last good version: render them next
        self._stale: set[str] = set()
        self._chrome_only: set[str] = set()  # stale only in their navigation, not in their body
        self._good: dict[str, bytes] = {}
        self._good_errors: dict[str, frozenset[tuple[str, str]]] = {}
        self._output_to_url: dict[str, str] = {}
        self._wake_fill = threading.Event()
        self._healthy = True
        self._announced = False
        self._first_pass_pages_with_errors = 0
        self._started = time.perf_counter()
        self._stopped = threading.Event()
        self._filler = threading.Thread(target=self._fill_loop, name="docgen-fill", daemon=True)
        store.ensure = self.ensure_output

    # ---- start and stop -------------------------------------------------

    def start(self) -> None:
        """Load the site and start filling the store behind the server."""
        self._reload_site(announce=False)
        self.ready.set()
        self._filler.start()

    def stop(self) -> None:
        self._stopped.set()
        self._wake_fill.set()

    def pending(self) -> int:
        """How many pages still wait for their (re)render."""
        with self._state_lock:
            return len(self._stale)

    def wait_until_built(self, timeout: float | None = None) -> bool:
        """Block until no page is stale (used by tests and the benchmark)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._state_lock:
                if not self._stale and self.ready.is_set():
                    return True
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(0.01)

    # ---- requests --------------------------------------------------------

    def ensure_output(self, rel: str) -> None:
        """Called before the store reads `rel`: render that page now if it is stale.

        A request that arrives while the site is still loading waits for the
        load and then goes ahead of the background fill.

        Renders run one at a time, so when a rebuild has left many pages
        stale and many requests arrive at once (a crowd of clients, an edit
        storm), each would wait for all the renders queued before it. So only
        one request at a time waits for the renderer: while one does, a
        request for another stale page that has a last good version gets that
        version at once, and the page moves to the front of the background
        fill, which reloads its tabs when it is rendered. One author's
        request, with nobody else waiting, always gets the fresh page.
        """
        rel = page_output_of(rel)
        with self._ahead_of_fill():
            url = self._output_to_url.get(rel)
            if url is None and not self.ready.is_set() and rel.endswith(".html"):
                self.ready.wait(timeout=60)
                url = self._output_to_url.get(rel)
            if url is None:
                return
            with self._state_lock:
                if url not in self._stale:
                    return
                serve_last_good = self._render_waiters > 0 and url in self._good
                if serve_last_good:
                    self._wanted.add(url)
                else:
                    self._render_waiters += 1
            if serve_last_good:
                self._wake_fill.set()
                return
            try:
                self._render_foreground([url])
            finally:
                with self._state_lock:
                    self._render_waiters -= 1

    @contextmanager
    def _ahead_of_fill(self) -> Iterator[None]:
        """While inside, the background fill does not start another page."""
        with self._state_lock:
            self._foreground += 1
        try:
            yield
        finally:
            with self._state_lock:
                self._foreground -= 1

    # ---- changes ---------------------------------------------------------

    def apply_changes(self, paths: list[Path]) -> None:
        """Handle one debounced batch; never raises (the server must stay up)."""
        started = time.perf_counter()
        try:
            touched = self._apply(paths)
        except Exception as error:
            self._report_global(
                [
                    Diagnostic(
                        None,
                        None,
                        None,
                        "serve/internal",
                        Severity.ERROR,
                        f"rebuild failed: {type(error).__name__}: {error}",
                    )
                ]
            )
            return
        if touched:
            elapsed = (time.perf_counter() - started) * 1000
            self.terminal.say(f"docgen: rebuilt {touched} in {elapsed:.0f} ms")

    def _apply(self, paths: list[Path]) -> str:
        kinds: dict[Change, list[tuple[Path, str | None]]] = {}
        for path in paths:
            kind, version = self.session.classify(path)
            kinds.setdefault(kind, []).append((path, version))
        if Change.TEMPLATE in kinds:
            self.session.theme_changed()
        if not self._healthy or kinds.keys() & {Change.CONFIG, Change.STRUCTURE, Change.TEMPLATE}:
            return self._rebuild_everything()  # the reload re-checks (and reports) the site's health
        if not self._site_healthy():
            return ""
        messages = []
        if Change.MENU in kinds:  # pages edited in the same batch are handled below, in full
            self._reload_site(announce=False, chrome_only=True)
            menus = {version for _, version in kinds[Change.MENU]}
            messages.append(self._rebuild_versions(menus, chrome_only=True))
        if Change.STYLESHEET in kinds or Change.ASSET in kinds:
            messages.append(self._refresh_assets(css_only=Change.ASSET not in kinds))
        if Change.PAGE in kinds:
            messages.append(self._update_pages([path for path, _ in kinds[Change.PAGE]]))
        if Change.INCLUDED in kinds:
            messages.append(self._rebuild_readers([path for path, _ in kinds[Change.INCLUDED]]))
        return ", ".join(message for message in messages if message)

    def _site_healthy(self) -> bool:
        """Check the site as a whole (content folder present, config readable)."""
        problems = self.session.health()
        self._report_global(problems)
        self._healthy = not problems
        return self._healthy

    def _rebuild_everything(self) -> str:
        self._reload_site(announce=True)
        if not self._healthy:
            return ""
        urls = self.session.page_urls()
        self._render_open_then_rest(set(urls))
        return f"all {len(urls)} pages"

    def _rebuild_versions(self, versions: set[str | None], *, chrome_only: bool = False) -> str:
        if not self._healthy:
            return ""
        urls: set[str] = set()
        for version in versions:
            urls.update(self.session.version_urls(version))
        self._render_open_then_rest(urls, chrome_only=chrome_only)
        return f"navigation of {', '.join(sorted(v or 'all' for v in versions))} ({len(urls)} pages)"

    def _refresh_assets(self, *, css_only: bool) -> str:
        self.session.theme_changed()
        self._refresh_static()
        if css_only:
            self.hub.swap_css()
            return "stylesheet"
        self.hub.reload(None)
        return "theme assets"

    def _update_pages(self, paths: list[Path]) -> str:
        body_urls: set[str] = set()
        nav_versions: set[str | None] = set()
        title_versions: set[str | None] = set()
        for path in paths:
            with self._render_lock:  # a body edit updates the Page a render may be reading
                update = self.session.update_page(path)
            if update.kind is PageEdit.FAILED:
                self._show_page_errors(update.urls, update.diagnostics)
                continue
            self.terminal.diagnostics(update.diagnostics)
            if update.kind is PageEdit.NAVIGATION:
                nav_versions.add(update.version)
            elif update.kind is PageEdit.TITLE:
                title_versions.add(update.version)
            body_urls.update(update.urls)
        if nav_versions:
            self._reload_site(announce=False)
            return self._rebuild_versions(nav_versions | title_versions)
        if title_versions:
            self._refresh_static()  # the 404 page shows the navigation too
            self._render_open_then_rest(body_urls)  # their own bodies may have changed too
            return self._rebuild_versions(title_versions, chrome_only=True)
        self._render_open_then_rest(body_urls)
        return _count(body_urls, "page")

    def _rebuild_readers(self, paths: list[Path]) -> str:
        readers = self.graph.dependents(paths)
        urls = {url for url in self.session.page_urls() if self.session.page_source(url) in readers}
        self._render_open_then_rest(urls)
        return _count(urls, "page") + " using " + ", ".join(sorted(p.name for p in paths))

    # ---- rendering -------------------------------------------------------

    def _reload_site(self, *, announce: bool, chrome_only: bool = False) -> None:
        """(Re)load the whole site; every page becomes stale, last good HTML kept.

        `chrome_only` when only the navigation can have changed (a menu
        edit): pages are then re-themed around their last body, not re-rendered.
        """
        with self._render_lock:
            try:
                problems = self.session.load()
            except Exception as error:
                site_wide = self.session.health() or [
                    Diagnostic(
                        None,
                        None,
                        None,
                        "serve/load",
                        Severity.ERROR,
                        f"cannot load the site: {type(error).__name__}: {error}",
                    )
                ]
                self._report_global(site_wide)
                self._healthy = False
                return
            self.terminal.diagnostics(problems)
            site_wide = self.session.health()
            self._report_global(site_wide)
            self._healthy = not site_wide
            self.store.aliases = self.session.aliases()
            self.store.base_segments = tuple(part for part in self.session.base_path().split("/") if part)
            self.store.clear_mounts()
            for prefix, folder in self.session.mounts():
                self.store.mount(prefix, folder)
            self._refresh_static_locked()
            urls = self.session.page_urls()
            with self._state_lock:
                before = self._output_to_url
                self._output_to_url = {self.session.page_output(url): url for url in urls}
                self._stale = set(urls)
                self._chrome_only = set(urls) if chrome_only else set()
            self._forget_vanished(before)
        self._wake_fill.set()
        if announce:
            self.terminal.say(f"docgen: reloaded the site ({len(urls)} pages)")

    def _refresh_static(self) -> None:
        with self._render_lock:
            self._refresh_static_locked()

    def _refresh_static_locked(self) -> None:
        for rel, data in self.session.static_files().items():
            self.store.put(rel, data)

    def _forget_vanished(self, before: dict[str, str]) -> None:
        """Drop the output of pages that no longer exist (deleted or moved) and reload their tabs."""
        gone = {rel: url for rel, url in before.items() if rel not in self._output_to_url}
        for rel, url in gone.items():
            self.store.remove(rel)
            self.store.remove(markdown_output(rel))
            self._good.pop(url, None)
            self._good_errors.pop(url, None)
            self.hub.set_errors(url, [])
        if gone:
            self.hub.reload(set(gone.values()))

    def _render_open_then_rest(self, urls: set[str], *, chrome_only: bool = False) -> None:
        """Mark `urls` stale; render the ones open in a tab now and reload those tabs."""
        with self._state_lock:
            if chrome_only:
                self._chrome_only |= urls - self._stale  # never downgrade a page already stale in full
            else:
                self._chrome_only -= urls
            self._stale |= urls
        open_now = sorted(urls & self.hub.urls())
        self._render_foreground(open_now)
        self._wake_fill.set()

    def _render_foreground(self, urls: list[str]) -> None:
        """Render `urls` ahead of the background fill, then signal their tabs."""
        if not urls:
            return
        with self._ahead_of_fill():
            changed: set[str] = set()
            with self._render_lock:
                for url in urls:
                    if self._render_one(url):
                        changed.add(url)
            if changed:
                self.hub.reload(changed)

    def _render_one(self, url: str) -> bool:
        """Render one page into the store; True when the served HTML changed (or first appeared).

        A render that adds errors the last good version did not have keeps
        the last good HTML and only shows the overlay. A page that was broken
        from the start is shown as rendered, with its overlay, so that a page
        with an old authoring slip still updates as it is edited.
        """
        with self._state_lock:
            chrome_only = url in self._chrome_only
            self._chrome_only.discard(url)
        try:
            return self._store_render(url, chrome_only)
        finally:
            with self._state_lock:
                self._stale.discard(url)

    def _store_render(self, url: str, chrome_only: bool) -> bool:
        try:
            rendered = self.session.render(url, chrome_only=chrome_only)
        except Exception as error:
            rendered = Rendered(
                b"",
                [
                    Diagnostic(
                        _rel_or_none(self.session, url),
                        None,
                        None,
                        "serve/render",
                        Severity.ERROR,
                        f"{type(error).__name__}: {error}",
                    )
                ],
            )
        errors = overlay_errors(rendered.diagnostics, self.session.site_root)
        error_keys = frozenset((e["rule"], e["message"]) for e in errors)
        source = self.session.page_source(url)
        if source is not None and rendered.dependencies:
            self.graph.set_dependencies(source, rendered.dependencies)
        previous = self._good.get(url)
        new_errors = not error_keys <= self._good_errors.get(url, frozenset())
        if previous is not None and (not rendered.html or new_errors):
            self.terminal.diagnostics(rendered.diagnostics)
            self.hub.set_errors(url, errors)
            return False
        if previous is not None:
            self.terminal.diagnostics(rendered.diagnostics)
        elif errors:
            self._first_pass_pages_with_errors += 1
        html = rendered.html or _error_page(url, rendered.diagnostics)
        self._good[url] = html
        self._good_errors[url] = error_keys
        self.store.put(self.session.page_output(url), html)
        if rendered.markdown:
            self.store.put(markdown_output(self.session.page_output(url)), rendered.markdown)
        self.hub.set_errors(url, errors)
        return previous != html  # a first render counts: a tab may be showing this URL's 404

    def _fill_loop(self) -> None:
        """Render stale pages in the background, open tabs first, yielding to requests."""
        while not self._stopped.is_set():
            url = self._next_stale()
            if url is None:
                self._wake_fill.wait(timeout=1.0)
                self._wake_fill.clear()
                continue
            if self._foreground:
                time.sleep(0.005)
                continue
            with self._render_lock:
                with self._state_lock:
                    still_stale = url in self._stale
                changed = self._render_one(url) if still_stale else False
            if changed:
                self.hub.reload({url})
            self._announce_when_complete()

    def _announce_when_complete(self) -> None:
        """One summary line when the first full render is done (its diagnostics are `docgen check`'s job)."""
        with self._state_lock:
            if self._stale or self._announced:
                return
            self._announced = True
        seconds = time.perf_counter() - self._started
        troubled = self._first_pass_pages_with_errors
        note = (
            f" ({troubled} with build errors, shown in their error overlay; `docgen check` lists them)"
            if troubled
            else ""
        )
        self.terminal.say(f"docgen: all {len(self._good)} pages rendered in {seconds:.1f} s{note}")

    def _next_stale(self) -> str | None:
        with self._state_lock:
            if not self._stale:
                return None
            open_tabs = self._stale & self.hub.urls()
            if open_tabs:
                return min(open_tabs)
            self._wanted &= self._stale
            return min(self._wanted) if self._wanted else next(iter(self._stale))

    # ---- errors ----------------------------------------------------------

    def _show_page_errors(self, urls: set[str], diagnostics: list[Diagnostic]) -> None:
        self.terminal.diagnostics(diagnostics)
        errors = overlay_errors(diagnostics, self.session.site_root)
        for url in urls:
            self.hub.set_errors(url, errors)

    def _report_global(self, problems: list[Diagnostic]) -> None:
        """Site-wide problems (content folder gone, config broken) go on every tab."""
        self.terminal.diagnostics(problems)
        self.hub.set_errors(GLOBAL, overlay_errors(problems, self.session.site_root))


def _count(urls: set[str], noun: str) -> str:
    return f"{len(urls)} {noun}{'' if len(urls) == 1 else 's'}"


def _rel_or_none(session: Session, url: str) -> str | None:
    source = session.page_source(url)
    if source is None:
        return None
    try:
        return source.relative_to(session.site_root).as_posix()
    except ValueError:
        return str(source)


def _error_page(url: str, diagnostics: list[Diagnostic]) -> bytes:
    """A minimal page for a URL that has never rendered: the overlay explains the rest."""
    from html import escape

    items = "".join(f"<li><code>{escape(str(d))}</code></li>" for d in diagnostics)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Build error: {escape(url)}</title></head>"
        f"<body><h1>This page failed to build</h1><ul>{items}</ul></body></html>"
    ).encode()
