"""`build_site`: every page through the theme into an atomically replaced folder.

Order of work: pages render (in parallel) while the image pipeline copies and
resizes the images they reference; then the written pages are indexed for
search (a Pagefind bundle under /_docgen/search/); then the shared files —
theme assets, sitemap.xml, 404.html, the /latest/ alias, a root redirect — are
written; only then is the staging folder swapped into place. Any exception, Ctrl-C
included, leaves the previous output untouched.

Parallelism: page rendering is pure-Python CPU work, so threads would share
one core under the GIL; worker processes (forked, so they inherit the loaded
site, theme and sidebars without pickling them) write their pages straight
into the staging folder and send back only small `PageOutcome`s.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from docgen.diagnostics import Diagnostic
from docgen.publish.images import ImagePipeline, ImageStats, default_cache_dir
from docgen.publish.incremental import (
    REASSEMBLED,
    RENDERED,
    UNCHANGED,
    Decision,
    IncrementalBuild,
    body_digest,
    default_page_cache_dir,
)
from docgen.publish.output import atomic_directory
from docgen.publish.report import BuildResult, Reporter, SilentReporter
from docgen.publish.search_reuse import write_search_indexes_reusing
from docgen.publish.sitemap import sitemap_xml
from docgen.render.document import SiteRenderer
from docgen.render.markdown import MARKDOWN_FILE
from docgen.render.page import PartialValidation, RenderedPage, page_image_validator, validate_partials
from docgen.render.search import (
    SearchIndexError,
    SearchIndexStats,
    indexed_pages,
    plan_bundles,
    write_search_indexes,
)
from docgen.rules import diagnostic
from docgen.site import Page, Site
from docgen.site.context import ImagePublisher
from docgen.site.files import unchanging_files
from docgen.site.urls import LATEST, page_file, version_prefix, version_root
from docgen.tags.context import ImageRef
from docgen.theme import Theme

# Below this many pages, starting worker processes costs more than it saves.
MIN_PAGES_PER_WORKER = 24


@dataclass
class PageOutcome:
    """What the parent needs back from rendering one page (picklable, small)."""

    url: str
    diagnostics: list[Diagnostic]
    partials: list[Path] = field(default_factory=list)
    images: list[tuple[Path, str]] = field(default_factory=list)
    validated_partials: list[Path] = field(default_factory=list)  # whose findings `diagnostics` carries
    kind: str = RENDERED  # or REASSEMBLED, UNCHANGED (incremental builds)
    reason: str = ""  # why it was rendered or re-assembled (`--explain`)


def build_site(
    site: Site,
    out_dir: Path,
    *,
    jobs: int | None = None,
    strict: bool = False,
    reporter: Reporter | None = None,
    cache_dir: Path | None = None,
    page_cache_dir: Path | None = None,
    incremental: bool = True,
    force: bool = False,
) -> BuildResult:
    """Build `site` into `out_dir`; returns counts and diagnostics (never raises for content problems).

    `cache_dir` holds processed images between builds; None means `default_cache_dir(site dir)`; when
    something that is not a folder stands in its place the build goes on without a cache (`cache-unusable`).
    `page_cache_dir` holds rendered pages (docgen.publish.incremental); None means
    `default_page_cache_dir(site dir)`. `incremental=False` neither reads nor writes it (a cold build).
    `force` lets the build replace a non-empty output folder docgen did not write (`docgen build --force`).
    """
    started = time.perf_counter()
    reporter = reporter or SilentReporter()
    result = BuildResult(out_dir=Path(out_dir), strict=strict, site_dir=site.config.site_dir)
    theme = Theme(site.config.site_dir, site.schema.css)
    reporter.start(len(site.pages))
    try:
        with unchanging_files(), atomic_directory(out_dir, force=force) as staging:
            renderer = SiteRenderer(
                site,
                theme,
                partial_validation=PartialValidation(),
                image_validator=page_image_validator(site),
                search=True,
            )
            wanted = Path(cache_dir) if cache_dir is not None else default_cache_dir(site.config.site_dir)
            cache, cache_problem = usable_cache_dir(wanted)
            tracker = None
            if incremental:
                wanted_pages = page_cache_dir or default_page_cache_dir(site.config.site_dir)
                pages_cache, _ = usable_cache_dir(wanted_pages)
                if pages_cache is not None:
                    tracker = IncrementalBuild(site, theme, pages_cache, Path(out_dir).resolve())
            outcomes, stats = _render_pages(renderer, staging, cache, jobs, reporter, tracker)
            renderer.image_publisher = None
            search, search_problems = _index_for_search(site, staging, tracker)
            redirect_problems = _write_shared_files(site, renderer, staging, outcomes)
        if tracker is not None:
            tracker.cache.prune(site.pages)
    except BaseException as error:
        reporter.abort(error)
        raise
    result.pages = len(outcomes)
    result.incremental = tracker is not None
    result.page_reasons = [(outcome.url, outcome.kind, outcome.reason) for outcome in outcomes]
    cache_problems = [cache_problem] if cache_problem is not None else []
    result.diagnostics = _collect(site, outcomes, stats, [*cache_problems, *search_problems, *redirect_problems])
    if search is not None:
        result.search_pages, result.search_bytes = search.pages, search.bytes
    result.images = stats.images
    result.image_bytes_in, result.image_bytes_out = stats.bytes_in, stats.bytes_out
    result.images_processed, result.image_cache_hits = stats.processed, stats.cache_hits
    result.seconds = time.perf_counter() - started
    reporter.finish(result)
    return result


# --------------------------------------------------------------------------- pages


def usable_cache_dir(cache: Path) -> tuple[Path | None, Diagnostic | None]:
    """`cache`, or None and a `cache-unusable` warning when a file (not a folder) stands where the cache
    folder or one of its parents should be: the build goes on without a cache rather than failing."""
    for folder in [cache, *cache.parents]:
        if os.path.lexists(folder) and not folder.is_dir():
            found = diagnostic(
                "cache-unusable",
                str(folder),
                None,
                None,
                f"{folder} is not a folder, so the image cache at {cache} cannot be used; building without it",
            )
            return None, found
    return cache, None


def _render_pages(
    renderer: SiteRenderer,
    staging: Path,
    cache: Path | None,
    jobs: int | None,
    reporter: Reporter,
    tracker: IncrementalBuild | None,
) -> tuple[list[PageOutcome], ImageStats]:
    """Pages whose cached body holds are re-assembled or linked here; the rest render (in processes)."""
    site = renderer.site
    outcomes: dict[int, PageOutcome] = {}
    reasons: dict[int, str] = {}
    with ImagePipeline(site.config.images, staging, cache, base_path=site.config.base_path, jobs=jobs) as pipeline:
        for index, page in enumerate(site.pages):
            decision = tracker.decide(page) if tracker is not None else Decision(RENDERED)
            if decision.kind == RENDERED:
                reasons[index] = decision.reason
                continue
            assert tracker is not None
            outcomes[index] = _reuse(renderer, tracker, decision, page, staging, pipeline)
            reporter.page_done(page.url)
        todo = sorted(reasons)
        workers = _worker_count(jobs, len(todo))
        if workers == 1:
            publisher = _RecordingPublisher(pipeline.submit)
            renderer.image_publisher = publisher
            for index in todo:
                page = site.pages[index]
                publisher.requests.clear()
                outcomes[index] = _render_and_write(renderer, page, staging, tracker, publisher.requests)
                outcomes[index].reason = reasons[index]
                reporter.page_done(page.url)
        else:
            outcomes.update(_render_in_processes(renderer, staging, workers, pipeline, reporter, todo, tracker))
            for index in todo:
                outcomes[index].reason = reasons[index]
        stats = pipeline.finish()
    ordered = [outcomes[index] for index in sorted(outcomes)]
    if tracker is not None:
        _validate_unclaimed_partials(site, ordered)
    return ordered, stats


def _validate_unclaimed_partials(site: Site, outcomes: Sequence[PageOutcome]) -> None:
    """Each partial's findings are reported by the page that validated it; when that page's cached
    entry did not (another page claimed the partial in the build that wrote it), validate it here."""
    validated = {path for outcome in outcomes for path in outcome.validated_partials}
    pages = {page.url: page for page in site.pages}
    for outcome in outcomes:
        missing = [path for path in outcome.partials if path not in validated]
        if missing:
            outcome.diagnostics = outcome.diagnostics + validate_partials(site, pages[outcome.url], missing)
            validated.update(missing)


def _reuse(
    renderer: SiteRenderer,
    tracker: IncrementalBuild,
    decision: Decision,
    page: Page,
    staging: Path,
    pipeline: ImagePipeline,
) -> PageOutcome:
    """A page whose body is cached: keep the previous file when its document is unchanged, else
    re-assemble the document from the cached body (templates only)."""
    entry, rendered = decision.entry, decision.rendered
    assert entry is not None and rendered is not None
    values = renderer.document_values(rendered)
    decision.document_key = tracker.document_key(values, entry.body_digest)
    target = page_file(staging, page.url)
    previous = page_file(tracker.previous_output, page.url)
    if tracker.reuse_previous(decision, previous, target):
        kind, reason = UNCHANGED, ""
        if not tracker.reuse_markdown(entry, previous.with_name(MARKDOWN_FILE), target.with_name(MARKDOWN_FILE)):
            target.with_name(MARKDOWN_FILE).write_text(entry.markdown, encoding="utf-8")
            tracker.record_document(page, entry, decision.document_key, target)
    else:
        kind, reason = REASSEMBLED, tracker.reassembly_reason(decision)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(renderer.assemble(values), encoding="utf-8")
        target.with_name(MARKDOWN_FILE).write_text(entry.markdown, encoding="utf-8")  # made with the cached body
        tracker.record_document(page, entry, decision.document_key, target)
    for source, rel in entry.image_requests:
        pipeline.submit(Path(source), rel)
    partials = sorted(Path(path) for _, path, _ in entry.partials if path is not None)
    validated = [Path(path) for path in entry.validated_partials]
    return PageOutcome(page.url, rendered.diagnostics, partials, validated_partials=validated, kind=kind, reason=reason)


def _worker_count(jobs: int | None, pages: int) -> int:
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    useful = max(1, pages // MIN_PAGES_PER_WORKER)
    fork_available = "fork" in multiprocessing.get_all_start_methods()
    return max(1, min(wanted, useful)) if fork_available else 1


def _render_and_write(
    renderer: SiteRenderer,
    page: Page,
    staging: Path,
    tracker: IncrementalBuild | None = None,
    image_requests: Sequence[tuple[Path, str]] = (),
) -> PageOutcome:
    rendered = renderer.render_body(page)
    renderer.site.release_page(page)  # pages are parsed once per build: keep memory flat
    values = renderer.document_values(rendered)
    target = page_file(staging, page.url)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(renderer.assemble(values), encoding="utf-8")
    target.with_name(MARKDOWN_FILE).write_text(rendered.markdown, encoding="utf-8")
    if tracker is not None:
        key = tracker.document_key(values, body_digest(rendered.body))
        tracker.record_rendered(rendered, image_requests, key, target)
    return _outcome(rendered)


def _outcome(rendered: RenderedPage) -> PageOutcome:
    return PageOutcome(
        url=rendered.page.url,
        diagnostics=rendered.diagnostics,
        partials=sorted(rendered.dependencies),
        validated_partials=rendered.validated_partials,
    )


# --------------------------------------------------------------------------- worker processes

# Set in the parent just before forking; workers inherit it instead of unpickling a Site.
_WORKER: dict = {}


class _RecordingPublisher:
    """The one-process build's image publisher: the pipeline's `submit`, noting what a page asked for
    (an incremental build re-submits a cached page's images)."""

    def __init__(self, submit: ImagePublisher) -> None:
        self.submit = submit
        self.requests: list[tuple[Path, str]] = []

    def __call__(self, source: Path, rel: str) -> ImageRef:
        self.requests.append((source, rel))
        return self.submit(source, rel)


class _PlanningPublisher:
    """A worker's image publisher: answers like the parent's pipeline, defers the work to it.

    The ImageRef depends only on the file and the settings, so the worker can
    compute it; the parent submits the recorded requests to its one pipeline,
    which copies each image once however many workers referenced it.
    """

    def __init__(self, pipeline: ImagePipeline) -> None:
        self.pipeline = pipeline
        self.requests: list[tuple[Path, str]] = []

    def __call__(self, source: Path, rel: str) -> ImageRef:
        self.requests.append((source, rel))
        return self.pipeline.plan(source, rel)


def _render_in_processes(
    renderer: SiteRenderer,
    staging: Path,
    workers: int,
    pipeline: ImagePipeline,
    reporter: Reporter,
    indices: Sequence[int],
    tracker: IncrementalBuild | None,
) -> dict[int, PageOutcome]:
    """Fork `workers` processes that render chunks of pages; on any failure or Ctrl-C kill them at once.

    Each worker has its own pipe: the parent hands a chunk to whichever worker
    answered last (so a slow folder does not hold up the rest) and reads the
    outcomes. No helper threads: `multiprocessing.Pool.terminate` joins its task
    handler thread, which deadlocked now and then after a worker's exception
    (seen under the parallel test suite); killing our own processes cannot hang.
    Workers ignore SIGINT: Ctrl-C reaches the whole process group, and only the
    parent should decide what happens (stop everything, keep the old output).
    """
    site = renderer.site
    for version in site.versions:  # render the sidebars once, before forking, so workers share them
        if site.pages_for(version.name):
            renderer.layout(version.name).sidebar.prepare()
    renderer.homes()
    _WORKER.update(renderer=renderer, staging=staging, pipeline=pipeline, tracker=tracker)
    context = multiprocessing.get_context("fork")
    chunks = iter(_chunks(indices, workers))
    outcomes: dict[int, PageOutcome] = {}
    processes: list[multiprocessing.process.BaseProcess] = []
    busy: dict[Connection, bool] = {}
    try:
        for _ in range(workers):
            parent_end, child_end = context.Pipe()
            # the worker closes its copies of the parent's pipe ends, so a killed parent means EOF, not a hang
            inherited = [*busy, parent_end]
            process = context.Process(target=_worker_loop, args=(child_end, inherited), daemon=True)
            process.start()
            child_end.close()
            processes.append(process)
            busy[parent_end] = _hand_out(parent_end, chunks)
        while any(busy.values()):
            for ready in wait([conn for conn, working in busy.items() if working]):
                assert isinstance(ready, Connection)
                results = _receive(ready)
                if isinstance(results, BaseException):
                    raise results
                for index, outcome in results:
                    outcomes[index] = outcome
                    for source, rel in outcome.images:
                        pipeline.submit(source, rel)
                    reporter.page_done(outcome.url)
                busy[ready] = _hand_out(ready, chunks)
    finally:
        for worker in processes:
            if worker.is_alive():
                worker.kill()
        for worker in processes:
            worker.join()
        for conn in busy:
            conn.close()
        _WORKER.clear()
    return outcomes


def _hand_out(conn: Connection, chunks: Iterator[Sequence[int]]) -> bool:
    """Send the next chunk to a worker (True), or tell it to stop when none is left (False)."""
    chunk = next(chunks, None)
    conn.send(chunk)
    return chunk is not None


def _receive(conn: Connection) -> list[tuple[int, PageOutcome]] | BaseException:
    """A worker's outcomes, or its exception; a worker that died without answering (killed, out of
    memory) is an error too."""
    try:
        answer: list[tuple[int, PageOutcome]] | BaseException = conn.recv()
    except EOFError:
        return RuntimeError("a build worker process ended unexpectedly")
    return answer


def _worker_loop(conn: Connection, inherited: Sequence[Connection] = ()) -> None:
    """In a forked worker: render each chunk the parent sends until it sends None.

    The fork copied the parent's ends of every pipe made so far; closing them here leaves the parent
    as the only other holder of this worker's pipe, so when the parent dies (SIGKILL) `recv` ends with
    EOFError and the worker exits instead of waiting forever (they outlived killed builds before).
    """
    _ignore_interrupts()
    for other in inherited:
        other.close()
    try:
        while (chunk := conn.recv()) is not None:
            try:
                conn.send(_render_chunk(chunk))
            except BaseException as error:  # the parent re-raises it: same behaviour as a one-process build
                conn.send(error)
                return
    except (EOFError, OSError):  # the parent is gone
        return


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunks(indices: Sequence[int], workers: int) -> Iterator[Sequence[int]]:
    """Small contiguous slices (pages of a folder cost alike), several per worker for balance."""
    total = len(indices)
    size = max(1, min(16, total // (workers * 4) or 1))
    for start in range(0, total, size):
        yield indices[start : start + size]


def _render_chunk(indices: Sequence[int]) -> list[tuple[int, PageOutcome]]:
    renderer: SiteRenderer = _WORKER["renderer"]
    publisher = _PlanningPublisher(_WORKER["pipeline"])
    renderer.image_publisher = publisher
    results = []
    for index in indices:
        page = renderer.site.pages[index]
        publisher.requests.clear()
        outcome = _render_and_write(renderer, page, _WORKER["staging"], _WORKER["tracker"], publisher.requests)
        outcome.images = list(publisher.requests)
        results.append((index, outcome))
    return results


# --------------------------------------------------------------------------- search


def _index_for_search(
    site: Site, staging: Path, tracker: IncrementalBuild | None
) -> tuple[SearchIndexStats | None, list[Diagnostic]]:
    """Index the pages just written: before the /latest/ copies, redirects and 404 page exist, so
    each page is indexed once, under its own URL (noindex pages carry no `data-pagefind-body`).
    An incremental build reuses a bundle of the previous output when its pages are byte-identical.

    A site without search is still a site: if Pagefind is missing or fails, the
    build goes on and says so with a warning.
    """
    plans = [
        plan
        for version in site.versions
        if (pages := site.pages_for(version.name))
        for plan in plan_bundles(
            version.name,
            [page_file(staging, page.url).relative_to(staging).as_posix() for page in indexed_pages(pages)],
            site.config.search.pages_per_bundle,
        )
    ]
    try:
        if tracker is not None:
            stats, _ = write_search_indexes_reusing(staging, plans, tracker.previous_output, tracker.cache.folder)
            return stats, []
        return write_search_indexes(staging, plans), []
    except SearchIndexError as error:
        message = f"the search index could not be built, the site has no search: {error}"
        return None, [diagnostic("search-index-failed", None, None, None, message)]


# --------------------------------------------------------------------------- shared files


def _write_shared_files(
    site: Site, renderer: SiteRenderer, staging: Path, outcomes: Sequence[PageOutcome]
) -> list[Diagnostic]:
    """Assets, 404, the root and version-root redirects, `[redirects]`, /latest/, sitemap; the
    redirect findings are returned for the build's report."""
    for asset in renderer.assets():
        target = staging / asset.url.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(asset.data)
    (staging / "404.html").write_text(renderer.not_found(), encoding="utf-8")
    built = {outcome.url for outcome in outcomes}
    if "/" not in built:  # an unversioned site's content/index.md is the root page itself
        (staging / "index.html").write_text(renderer.redirect(renderer.site_info().home_url), encoding="utf-8")
    _write_latest_alias(site, staging, built)
    _write_version_root_redirects(renderer, staging, built)
    problems = _write_config_redirects(renderer, staging)
    for name, text in renderer.llms_files().items():
        (staging / name).write_text(text, encoding="utf-8")
    indexable = [page.url for page in site.pages if page.url in built and not page.noindex]
    (staging / "sitemap.xml").write_text(sitemap_xml(site.config.base_url, indexable), encoding="utf-8")
    return problems


def _write_config_redirects(renderer: SiteRenderer, staging: Path) -> list[Diagnostic]:
    """`[redirects]` as static pages (written after every page, so none can replace one)."""
    files, problems = renderer.redirect_files()
    for name, html in files.items():
        target = staging / name
        if target.exists():  # a page or an alias already answers there
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return problems


def _write_latest_alias(site: Site, staging: Path, built: set[str]) -> None:
    """/latest/… serves the default version's pages: hard links, so it costs no space."""
    default = site.default_version
    if default is None or not site.config.versioned:
        return
    for page in site.pages_for(default.name):
        if page.url not in built:
            continue
        source = page_file(staging, page.url)
        alias = page_file(staging, version_prefix(LATEST) + page.path_in_version)
        alias.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, alias)
        except OSError:
            alias.write_bytes(source.read_bytes())


def _write_version_root_redirects(renderer: SiteRenderer, staging: Path, built: set[str]) -> None:
    """`/<version>/` (and `/latest/`) always answer: a redirect to the home when no page lives there.

    An unversioned site has no version roots (its root is `/index.html`)."""
    default = renderer.site.default_version
    if not renderer.site.config.versioned:
        return
    for version, home in renderer.homes().items():
        roots = [version_root(version)] + (
            [version_root(LATEST)] if default is not None and default.name == version else []
        )
        for root in roots:
            target = page_file(staging, root)
            if version_root(version) not in built and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(renderer.redirect(home), encoding="utf-8")


# --------------------------------------------------------------------------- diagnostics


def _collect(
    site: Site, outcomes: Sequence[PageOutcome], stats: ImageStats, extra: Sequence[Diagnostic] = ()
) -> list[Diagnostic]:
    """Load problems, page problems, image failures and `extra`, each once, at the levels of `[check] rules`."""
    found: list[Diagnostic] = list(site.diagnostics) + list(extra)
    for outcome in outcomes:
        found.extend(outcome.diagnostics)
    for failure in stats.failures:
        found.append(
            diagnostic(
                "image-process-failed",
                site.rel_path(failure.source),
                None,
                None,
                f"could not make responsive variants: {failure.message}",
            )
        )
    return site.config.check.levels.apply(dict.fromkeys(found))
