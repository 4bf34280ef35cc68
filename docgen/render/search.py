"""Site search: a Pagefind index of the rendered pages, searched in the reader's browser with no server.

Pagefind (the engine Starlight uses) indexes finished HTML and writes a static
bundle: `pagefind.js`, a WebAssembly search core, and the index split into
small compressed fragments, so a query downloads only the parts it needs.
The theme marks what to index, so this module needs no knowledge of the page
layout:

- `data-pagefind-body` on the article: only the page's own content is indexed
  (not the sidebar, header, TOC or footer), and pages without it (redirects,
  the 404 page, `noindex` pages) are left out;
- `<meta data-pagefind-filter="version[content]">`: every page carries its
  version as a filter (for tools that merge indexes);
- `<meta data-pagefind-meta="title[content]">`: the result title is the page
  title even when the content has no `<h1>`;
- headings keep their ids, which Pagefind turns into sub-results that link
  straight to the section.

Each version gets its own bundle, `/_docgen/search/<version>/`: a reader's
query downloads only its version's index (the page list Pagefind fetches first
grows with the pages it covers), results can only come from that version, and
the output is reproducible — Pagefind writes the values of a filter in hash-map
order, so one bundle filtered by version differed from build to build.

Shared by `docgen build` (indexes the pages it wrote, before the /latest/
copies and redirects exist) and, when it wants one, `docgen serve` (write the
rendered pages into a folder, then the same call): Pagefind reads the files
itself, in parallel, and derives each result URL from the file's path
(`v1.9/guide/index.html` → `/v1.9/guide/`).

The indexer is the Pagefind executable of the `pagefind[bin]` package, run to
completion once per version. Not its Python service API: that API answers
"written" before the bundle is on disk and then terminates the indexer, so on
a busy machine `pagefind-entry.json` came out empty (2 runs in 45); it also
waits ~0.1 s for every reply, which made sending pages one by one slow.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.site import Page
from docgen.site.urls import version_prefix

# What Pagefind says when the matched pages hold no indexable text (it exits with status 1).
NOTHING_TO_INDEX = "Pagefind was not able to build an index"
# Ample for tens of thousands of pages (Pagefind indexes ~1,000 pages a second).
INDEX_TIMEOUT = 1800
# Where the bundle lives in a site, beside the theme's assets; the theme script loads `<this>/pagefind.js`.
SEARCH_PATH = "_docgen/search"
# The further bundles of a version split by `[search] pages_per_bundle` (docgen.site.config.SearchSettings).
SEARCH_PARTS_PATH = "_docgen/search-parts"
# Where a part's pages are linked for the indexer while it runs (inside the staging folder; removed after).
SEARCH_INPUT_PATH = "_docgen/.search-input"
# Inside the indexed article but not content: the "#" of heading anchors, buttons added to code.
EXCLUDED_SELECTORS = (".dg-anchor", ".dg-copy", "[data-pagefind-ignore]")
# Files of the bundle no reader fetches: Pagefind's ready-made interfaces (the theme has its own
# search box), its web worker (the theme searches on the main thread, `noWorker`) and the
# WebAssembly for languages without stemming (the index is built for `force_language`).
UNUSED_FILES = (
    "pagefind-worker.js",
    "wasm.unknown.pagefind",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """The index could not be built (no Pagefind executable for this platform, or it failed)."""


@dataclass(frozen=True)
class SearchIndexStats:
    """What the build summary says about search."""

    pages: int
    files: int
    bytes: int


def search_bundle_url(version: str, base_path: str = "") -> str:
    """The URL folder of a version's bundle as readers fetch it (`/docs/_docgen/search/v1.9/`;
    an unversioned site's, version "", is `/docs/_docgen/search/`)."""
    return f"{base_path.rstrip('/')}/{SEARCH_PATH}{version_prefix(version)}/"


def search_bundle_urls(version: str, bundles: int, base_path: str = "") -> list[str]:
    """Every bundle of a version, the first being `search_bundle_url`; the others (a large version
    split by `[search] pages_per_bundle`) are `/_docgen/search-parts/<version>/<n>/`, n = 2, 3, …"""
    first = search_bundle_url(version, base_path)
    return [first] + [f"{base_path.rstrip('/')}/{_part_folder(version, n)}/" for n in range(2, bundles + 1)]


def indexed_pages(pages: Iterable[Page]) -> list[Page]:
    """The pages that go into a version's bundles: not its noindex pages (they carry no
    `data-pagefind-body`, and a bundle of such pages only would be indexed whole). The build
    plans bundles from these and the search box counts them, so both must agree."""
    return [page for page in pages if not page.noindex]


def bundle_count(pages: int, pages_per_bundle: int) -> int:
    """How many bundles a version of `pages` pages gets (at least one)."""
    if pages_per_bundle <= 0 or pages <= pages_per_bundle:
        return 1
    return -(-pages // pages_per_bundle)


def _part_folder(version: str, number: int) -> str:
    return f"{SEARCH_PARTS_PATH}{version_prefix(version)}/{number}"


@dataclass(frozen=True)
class BundlePlan:
    """One bundle to write: where it goes (relative to the site folder) and the page files it indexes
    (relative, sorted); `whole_version` when they are every HTML file of the version (one bundle)."""

    version: str
    number: int
    folder: str
    files: tuple[str, ...]
    whole_version: bool


def plan_bundles(version: str, page_files: Sequence[str], pages_per_bundle: int) -> list[BundlePlan]:
    """Split a version's searchable page files (relative to the site folder; not its noindex pages:
    Pagefind indexes the whole of every page when none it reads is marked) into bundles of
    consecutive URLs. One bundle indexes the version's folder as it is."""
    files = sorted(page_files)
    count = bundle_count(len(files), pages_per_bundle)
    if count == 1:
        return [BundlePlan(version, 1, f"{SEARCH_PATH}{version_prefix(version)}", tuple(files), True)]
    size = -(-len(files) // count)
    return [
        BundlePlan(
            version,
            n + 1,
            f"{SEARCH_PATH}{version_prefix(version)}" if n == 0 else _part_folder(version, n + 1),
            tuple(files[n * size : (n + 1) * size]),
            False,
        )
        for n in range(count)
    ]


def write_search_indexes(site_folder: Path, plans: Iterable[BundlePlan], *, language: str = "en") -> SearchIndexStats:
    """Write every planned bundle (see `write_bundle`); returns the totals.

    Raises SearchIndexError when Pagefind is unavailable or fails; the caller
    decides whether a site without search is worth a warning or an error.
    """
    site_folder = Path(site_folder).resolve()
    pages = files = size = 0
    for plan in plans:
        stats = write_bundle(site_folder, plan, language)
        pages, files, size = pages + stats.pages, files + stats.files, size + stats.bytes
    return SearchIndexStats(pages=pages, files=files, bytes=size)


def write_bundle(site_folder: Path, plan: BundlePlan, language: str = "en") -> SearchIndexStats:
    """Index the pages of `plan` into `site_folder/plan.folder`.

    A whole version is indexed in place (`--glob <version>/**/*.html`). A part is
    indexed from a folder of hard links to just its pages, at the same relative
    paths, so Pagefind derives the same URLs; the folder is removed afterwards.
    """
    bundle_folder = site_folder / plan.folder
    if plan.whole_version:
        return write_search_index(site_folder, search_glob(plan.version), bundle_folder, language)
    inputs = site_folder / SEARCH_INPUT_PATH / str(plan.number)
    shutil.rmtree(inputs, ignore_errors=True)
    try:
        for rel in plan.files:
            target = inputs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_folder / rel, target)
            except OSError:
                shutil.copyfile(site_folder / rel, target)
        return write_search_index(inputs, search_glob(plan.version), bundle_folder, language)
    finally:
        shutil.rmtree(inputs, ignore_errors=True)
        with contextlib.suppress(OSError):
            inputs.parent.rmdir()  # the last part leaves no trace in the site


def search_glob(version: str) -> str:
    """The files of one version's bundle, relative to the site folder (an unversioned site: every page)."""
    return f"{version}/**/*.html" if version else "**/*.html"


def write_search_index(site_folder: Path, glob: str, bundle_folder: Path, language: str = "en") -> SearchIndexStats:
    """Index the HTML files under `site_folder` that match `glob` into one bundle in `bundle_folder`."""
    bundle_folder = Path(bundle_folder).resolve()
    executable = pagefind_executable()
    if executable is None:
        raise SearchIndexError("the Pagefind executable was not found (pip install 'pagefind[bin]')")
    command = [str(executable), "--site", str(Path(site_folder).resolve()), "--glob", glob]
    command += ["--output-path", str(bundle_folder), "--force-language", language, "--quiet"]
    for selector in EXCLUDED_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=INDEX_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"{type(error).__name__}: {error}") from error
    if finished.returncode != 0:
        if NOTHING_TO_INDEX in finished.stdout + finished.stderr:
            # Pages with no text at all (front matter only): nothing to search, not a failure.
            # The search box reports that the index cannot be loaded if a reader tries.
            return SearchIndexStats(pages=0, files=0, bytes=0)
        said = (finished.stderr or finished.stdout).strip().splitlines()[-3:]
        raise SearchIndexError(f"pagefind exited with status {finished.returncode}: {' / '.join(said)}")
    try:
        pages = _indexed_pages(bundle_folder)
    except (OSError, ValueError, KeyError) as error:
        raise SearchIndexError(f"pagefind wrote no readable bundle: {type(error).__name__}: {error}") from error
    for name in UNUSED_FILES:
        (bundle_folder / name).unlink(missing_ok=True)
    found = [path for path in bundle_folder.rglob("*") if path.is_file()]
    return SearchIndexStats(pages=pages, files=len(found), bytes=sum(path.stat().st_size for path in found))


def pagefind_executable() -> Path | None:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one `pagefind[bin]` installed, else PATH."""
    from pagefind.service import get_executable

    return get_executable()


def _indexed_pages(bundle_folder: Path) -> int:
    """Pages in the index, from the bundle's entry file (the indexer's own reply counts every
    HTML file it read, including those it left out for lack of `data-pagefind-body`)."""
    entry = json.loads((bundle_folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())
