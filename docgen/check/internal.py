"""The internal rules: links, anchors, images, partials, menus, orphans and unused images.

`InternalCheck` walks every page of every edition once (docgen.check.walk),
then judges what the walk collected against the site graph:

- each link is resolved in every edition it shows in, with the same resolver
  the build uses (`Site.resolve_link`), so versionless links, `/latest/`,
  relative links and `collate: true` pages mean exactly what they mean in a
  build of that edition;
- each `#fragment` is looked up among the target page's ids in that edition
  (headings from partials, explicit `{% #id %}` and the build's `-1` suffixes);
- each distinct image file is validated once by docgen.site.images;
- menus, orphans and unused images come from the navigation and the walk.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from docgen.check.cache import CheckCache, ImageVerdict
from docgen.check.external import ExternalLink, is_http_url
from docgen.check.findings import Findings
from docgen.check.walk import ALL_EDITIONS, IMAGE_KIND, PageFacts, PageWalker, Use
from docgen.diagnostics import Severity
from docgen.site import Page, Site
from docgen.site.images import ImageReference, ImageValidator
from docgen.site.locate import Position
from docgen.site.nav import menu_file
from docgen.site.pages import without_duplicate_urls
from docgen.site.redirects import site_redirects
from docgen.site.versions import version_key

# Fragments every browser understands without an element of that id.
IMPLICIT_FRAGMENTS = frozenset({"", "top"})


def edition_sites(site: Site) -> dict[str, Site]:
    """The site as each edition builds it, sharing the loaded pages (nothing is read twice).

    The other edition's view reports its own duplicate URLs (a collate page reusing an
    OSS page's slug collides only in the Collate edition) with the site's own rule.
    """
    every = sorted([*site.pages, *site.excluded_pages], key=lambda page: _discovery_order(site, page))
    views = {site.config.edition: site}
    for edition in sorted(ALL_EDITIONS - {site.config.edition}):
        shown = [page for page in every if edition == "collate" or not page.collate_only]
        shown_ids = {id(page) for page in shown}
        hidden = [page for page in every if id(page) not in shown_ids]
        diagnostics: list = []
        kept = without_duplicate_urls(shown, diagnostics)
        views[edition] = Site(dataclasses.replace(site.config, edition=edition), kept, hidden, diagnostics)
    return views


def _discovery_order(site: Site, page: Page) -> tuple:
    """The order `Site.load` finds pages in (version, then sorted path), which decides who keeps a URL."""
    versions = [version.name for version in site.versions]
    return (versions.index(page.version) if page.version in versions else len(versions), page.rel_path.split("/"))


def graph_signature(views: dict[str, Site]) -> str:
    """What link resolution and menus depend on: each edition's pages with their URLs, and the menu files."""
    digest = hashlib.blake2b(digest_size=16)
    for edition, view in sorted(views.items()):
        for page in view.pages:
            digest.update(f"{edition}|{page.source}|{page.url}|{page.version}\n".encode())
        for page in view.excluded_pages:
            digest.update(f"{edition}|excluded|{page.source}|{page.url}\n".encode())
        for version in view.versions:
            menu = menu_file(view, version.name)
            digest.update(f"{edition}|{version.name}|{menu}\n".encode())
            if menu is not None:
                digest.update(menu.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class LinkOutcome:
    """What the check needs of a `ResolvedLink` (kept in docgen.check.cache between runs)."""

    external: bool
    asset: bool
    page: Page | None
    path: str | None
    fragment: str | None


@dataclass(frozen=True)
class MenuFacts:
    """What the check needs of one edition's navigation of one version."""

    entries: list  # [category, href, url, page or None, file, line] for entries that must lead to a page
    pages: set[int]  # ids of the pages the navigation shows
    diagnostics: list  # Diagnostic rows (file, line, column, rule, severity, message, target) from building it


def page_editions(views: dict[str, Site]) -> dict[int, frozenset[str]]:
    """The editions each page (by id) is built in: the views whose page list holds it (URLs are unique there)."""
    shown: dict[int, set[str]] = {}
    for edition, view in views.items():
        for page in view.pages:
            shown.setdefault(id(page), set()).add(edition)
    return {key: frozenset(editions) for key, editions in shown.items()}


class InternalCheck:
    """One run of the internal rules over a loaded site."""

    def __init__(
        self, site: Site, findings: Findings, *, decode_images: bool = False, cache: CheckCache | None = None
    ) -> None:
        self.site = site
        self.findings = findings
        self.cache = cache or CheckCache.disabled()
        config = site.config
        self.images = ImageValidator(
            config.images, config.images_dir, config.images_url, decode=True if decode_images else None
        )
        self.images.refused = site.image_tree.refused
        self.views = edition_sites(site)
        for view in self.views.values():
            if view is not site:
                findings.extend(view.diagnostics)
        self.walker = PageWalker(site, dict(site.schema.tags), dict(site.schema.nodes), {}, dict(site.schema.functions))
        self.externals: list[ExternalLink] = []
        self.linked: set[int] = set()  # ids of pages some other page links to
        self.used_images: set[str] = set()  # image files (as str: one per reference, cheap)
        self.facts: list[PageFacts] = []
        self.incomplete: set[int] = set()  # ids of pages with a missing partial (their ids are unknown)
        self._verdicts: dict[tuple[str, str], ImageVerdict] = {}
        self._resolved: dict[tuple, LinkOutcome] = {}
        self._by_source = {
            str(page.source): page for view in self.views.values() for page in [*view.pages, *view.excluded_pages]
        }
        self.cache.use_graph(graph_signature(self.views))
        self._menus: dict[tuple[str, str], MenuFacts] = {}
        self._paths: dict[tuple[Path, str], Path] = {}
        self._reasons: dict[tuple, str] = {}

    def run(self) -> None:
        pages = self._pages()
        self.facts = [self._page_facts(page, editions) for page, editions in pages]
        anchors = {id(f.page): f.anchors for f in self.facts}
        self.incomplete = {id(f.page) for f in self.facts if f.missing_partials}
        for facts in self.facts:
            self._note_indirect_links(facts)
            self._report_problems(facts)
            for use in facts.uses:
                if use.kind == IMAGE_KIND:
                    self._check_image(use, facts.page)
                else:
                    self._check_link(use, facts.page, anchors)
        self._check_menus(anchors)
        self._check_redirects()
        self._check_orphans([page for page, _ in pages])
        self._check_unused_images()

    def _page_facts(self, page: Page, editions: frozenset[str]) -> PageFacts:
        """The page's walk, or the stored one while the page and every partial it expands are unchanged."""
        key = f"{page.source}|{','.join(sorted(editions))}"
        stored = self.cache.page_facts(key)
        if stored is not None:
            return PageFacts.from_json(page, stored)
        facts = self.walker.walk(page, editions)
        self.cache.store_page_facts(key, facts.files, facts.to_json())
        return facts

    def _pages(self) -> list[tuple[Page, frozenset[str]]]:
        every: dict[int, Page] = {}
        for view in self.views.values():
            for page in view.pages:
                every.setdefault(id(page), page)
        editions = page_editions(self.views)
        return [(page, editions[key]) for key, page in every.items()]

    def _add(self, rule: str, place: Position, message: str, target: str | None = None) -> None:
        self.findings.add(rule, place.file, place.line, place.column, message, target)

    def _report_problems(self, facts: PageFacts) -> None:
        for problem in facts.problems:
            self._add(problem.rule, problem.place, problem.message, problem.target)

    # ----------------------------------------------------------------- links and anchors

    def _check_link(self, use: Use, page: Page, anchors: dict[int, dict[str, set[str]]]) -> None:
        """Resolve the link in each edition it shows in; report it once, naming the edition if only one fails."""
        if is_http_url(use.target):
            self._external(use)
            return
        broken: dict[str, str] = {}
        no_anchor: dict[str, str] = {}
        for edition in sorted(use.editions):
            resolved = self._resolve_link(edition, use.target, page)
            if resolved.external:  # mailto:, tel:, //host … leave the site; only http(s) is ever asked
                return
            if resolved.asset:  # a link into the images URL space
                self._check_image(dataclasses.replace(use, kind=IMAGE_KIND), page)
                return
            if resolved.page is None:
                broken[edition] = resolved.path or use.target
                continue
            if resolved.page is not page:
                self.linked.add(id(resolved.page))
            fragment = unquote(resolved.fragment or "")
            if fragment not in IMPLICIT_FRAGMENTS and fragment not in anchors.get(id(resolved.page), {}).get(
                edition, ()
            ):
                where = "this page" if resolved.page is page else resolved.page.rel_path
                no_anchor[edition] = where + self._incomplete_note(resolved.page)
        if broken:
            edition, path = next(iter(broken.items()))
            self._add(
                "link-broken",
                use.place,
                f"link {use.target} points to no page: {path}{self._edition_reason(use, broken, path)}",
                use.target,
            )
        elif no_anchor:
            edition, where = next(iter(no_anchor.items()))
            only = f" in the {edition} edition" if set(no_anchor) != set(use.editions) else ""
            fragment = unquote(use.target.partition("#")[2])
            self._add(
                "link-fragment",
                use.place,
                f"link {use.target}: no heading or id '{fragment}' on {where}{only}",
                use.target,
            )

    def _resolve_link(self, edition: str, target: str, page: Page) -> LinkOutcome:
        """`Site.resolve_link` once per distinct link (absolute targets mean the same from every page of a
        version), and not at all while the pages, their URLs and the menus are unchanged since the last run."""
        relative = not target.startswith("/") or target.startswith("//")
        key = (edition, target, page.version, page.source if relative else None)
        outcome = self._resolved.get(key)
        if outcome is None:
            cache_key = "|".join(str(part) for part in key)
            stored = self.cache.link(cache_key)
            if stored is not None:
                external, asset, source, path, fragment = stored
                outcome = LinkOutcome(external, asset, self._by_source.get(source) if source else None, path, fragment)
            else:
                resolved = self.views[edition].resolve_link(target, page.version, page)
                outcome = LinkOutcome(
                    resolved.external, resolved.asset is not None, resolved.page, resolved.path, resolved.fragment
                )
                source = str(resolved.page.source) if resolved.page is not None else None
                self.cache.store_link(
                    cache_key, [outcome.external, outcome.asset, source, outcome.path, outcome.fragment]
                )
            self._resolved[key] = outcome
        return outcome

    def _incomplete_note(self, page: Page) -> str:
        """A hint that the missing id may be in a partial the page includes but the site lacks."""
        return " (which includes a missing partial)" if id(page) in self.incomplete else ""

    def _note_indirect_links(self, facts: PageFacts) -> None:
        """Pages a missing partial would have linked (its `variables`) are not orphans: the intent is written."""
        for target in facts.indirect:
            if target.startswith("/"):
                for view in self.views.values():
                    resolved = view.resolve_link(target, facts.page.version, facts.page)
                    if resolved.page is not None:
                        self.linked.add(id(resolved.page))

    def _edition_reason(self, use: Use, broken: dict[str, str], path: str) -> str:
        """Why a link breaks in one edition: the target is the other edition's page, or only this edition lacks it."""
        edition = next(iter(broken))
        key = (edition, path, set(broken) != set(use.editions))
        if key not in self._reasons:
            other = self.views[edition].excluded_page_for_url(path)
            if other is not None:
                elsewhere = "collate" if other.collate_only else "oss"
                self._reasons[key] = f" in the {edition} edition (that page exists only in the {elsewhere} edition)"
            else:
                self._reasons[key] = f" in the {edition} edition" if key[2] else ""
        return self._reasons[key]

    def _external(self, use: Use) -> None:
        self.externals.append(ExternalLink(use.target, use.place.file, use.place.line, use.place.column))

    # ----------------------------------------------------------------- images

    def _check_image(self, use: Use, page: Page) -> None:
        if is_http_url(use.target):
            self._external(use)
            return
        verdict = self._image_verdict(use, page.version)
        if verdict.used is not None:
            self.used_images.add(verdict.used)
        for rule, level, message, target in verdict.findings:  # one validation per image, positioned at each use
            self.findings.add(
                rule, use.place.file, use.place.line, use.place.column, message, target, default=Severity.parse(level)
            )

    def _image_verdict(self, use: Use, version: str) -> ImageVerdict:
        """Resolve and validate each distinct (target, version) once per run, and not at all while unchanged."""
        key = (use.target, version)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self.cache.image_verdict(use.target, version)
            if verdict is None:
                verdict = self._judge_image(use, version)
                self.cache.store_image_verdict(use.target, version, verdict)
            self._verdicts[key] = verdict
        return verdict

    def _judge_image(self, use: Use, version: str) -> ImageVerdict:
        self.cache.prepare_image_validation()
        asset = self.site.resolve_image(use.target, version)
        used = None if asset is None else asset.path if asset.path is not None else asset.case_mismatch
        reference = ImageReference(use.target, use.place.file, use.place.line, use.place.column)
        findings = [[d.rule, d.severity.label, d.message, d.target] for d in self.images.validate(asset, reference)]
        return ImageVerdict(None if used is None else str(used), findings)

    def _check_unused_images(self) -> None:
        images_dir = self.site.config.images_dir
        for rel in self.cache.image_files(self.site.image_tree.files):
            if os.path.join(images_dir, rel) in self.used_images:
                continue
            path = images_dir / rel
            first = rel.split("/", 1)[0]
            version = self.site.config.version(first) if "/" in rel and version_key(first) else None
            whose = f"no page of {version.name}" if version is not None else "no page"
            self.findings.add("image-unused", self.site.rel_path(path), None, None, f"image is used by {whose}", None)

    # ----------------------------------------------------------------- menus and orphans

    def _menu(self, edition: str, view: Site, version: str) -> MenuFacts:
        """One edition's navigation of `version`, built once (and not at all while pages and menus are unchanged)."""
        key = (edition, version)
        if key in self._menus:
            return self._menus[key]
        stored = self.cache.menu(f"{edition}|{version}")
        if stored is None:
            nav = view.navigation(version)
            shown = {node.page for node in nav.walk() if node.page is not None}
            shown.update(entry.page for entry in nav.entries if entry.page is not None)
            stored = {
                "entries": [
                    [e.category, e.href, e.url, str(e.page.source) if e.page else None, e.file, e.line]
                    for e in nav.entries
                    if e.href is not None and not e.excluded and not e.external
                ],
                "pages": sorted(str(page.source) for page in shown),
                "diagnostics": [
                    [d.file, d.line, d.column, d.rule, d.severity.label, d.message, d.target] for d in nav.diagnostics
                ],
            }
            self.cache.store_menu(f"{edition}|{version}", stored)
        entries = [[*row[:3], self._by_source.get(row[3]) if row[3] else None, *row[4:]] for row in stored["entries"]]
        pages = {id(self._by_source[source]) for source in stored["pages"] if source in self._by_source}
        self._menus[key] = MenuFacts(entries, pages, stored["diagnostics"])
        return self._menus[key]

    def _check_menus(self, anchors: dict[int, dict[str, set[str]]]) -> None:
        """Menu entries (of each edition's menu) that lead to no page, or to no such #fragment on it."""
        for edition, view in self.views.items():
            for version in view.versions:
                menu = self._menu(edition, view, version.name)
                for file, line, column, rule, level, message, target in menu.diagnostics:
                    self.findings.add(rule, file, line, column, message, target, default=Severity.parse(level))
                for category, href, url, page, file, line in menu.entries:
                    self._check_menu_entry(edition, view, category.strip(), href, url, page, file, line, anchors)

    def _check_menu_entry(
        self,
        edition: str,
        view: Site,
        label: str,
        href: str,
        url: str | None,
        page: Page | None,
        file: str,
        line: int | None,
        anchors: dict,
    ) -> None:
        fragment = unquote(href.partition("#")[2])
        if page is not None and (
            fragment in IMPLICIT_FRAGMENTS or fragment in anchors.get(id(page), {}).get(edition, ())
        ):
            return
        place = self.walker.locator.line_place(file, self._menu_path(view, file), line, href)
        if page is None:
            self._add("menu-broken", place, f"menu entry '{label}' points to no page: {url or href}", href)
        else:
            where = page.rel_path + self._incomplete_note(page)
            self._add("link-fragment", place, f"menu entry '{label}': no heading or id '{fragment}' on {where}", href)

    def _menu_path(self, view: Site, file: str) -> Path:
        key = (view.config.site_dir, file)
        if key not in self._paths:
            self._paths[key] = view.config.site_dir / file
        return self._paths[key]

    def _check_redirects(self) -> None:
        """`[redirects]` that collide with a page or lead nowhere: the same findings as the build's."""
        _, problems = site_redirects(self.site)
        self.findings.extend(problems)

    def _check_orphans(self, pages: Iterable[Page]) -> None:
        in_menu: set[int] = set()
        for edition, view in self.views.items():
            for version in view.versions:
                in_menu.update(self._menu(edition, view, version.name).pages)
        for page in pages:
            if id(page) not in in_menu and id(page) not in self.linked:
                self.findings.add(
                    "page-orphan",
                    page.rel_path,
                    None,
                    None,
                    f"page {page.url} is in no menu and no other page links to it",
                    page.url,
                )
