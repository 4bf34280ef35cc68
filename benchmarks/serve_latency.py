"""Save-to-reload latency of `docgen serve`, and navigation correctness after the edits.

    python benchmarks/serve_latency.py [--edits 12] [--pages 1000]

For the OpenMetadata corpus (copied to a temporary folder, since the
benchmark edits it) and a generated site of --pages pages, it starts the
real server in-process, waits for the background render to finish, opens
an event stream as a browser tab would, then saves a file --edits times and
times each save until the `reload` event arrives on that stream:

- page edit: a paragraph of one page changes (title and URL unchanged);
- partial edit: a partial changes; the tab shows a page that includes it;
- title edit: a page's title changes, so the navigation of every page changes.

It also reports the time from start to the first page served (the server
answers before the full render is done) and, after all edits, re-renders every
page from a cold start and compares it with what the server serves, so a
stale sidebar anywhere is counted. Target: page edit <= 100 ms median.
"""

from __future__ import annotations

import argparse
import http.client
import io
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sitegen import CORPUS, CORPUS_CONFIG, SiteShape, write_docgen_site

from docgen.serve.app import ServeApp
from docgen.serve.client import CLIENT_JS, EVENTS_PATH
from docgen.serve.engine import Terminal
from docgen.serve.session import SiteSession
from docgen.site import Site, load_config

TARGET_MS = 100.0


class ReloadListener:
    """An event stream for one page; records when each reload event arrives."""

    def __init__(self, app: ServeApp, url: str) -> None:
        host, port = app.server.server_address[:2]
        self.arrivals: list[float] = []
        self._event = threading.Event()
        self._connection = http.client.HTTPConnection(host, port, timeout=120)
        self._connection.request("GET", f"{EVENTS_PATH}?url={url}")
        self._response = self._connection.getresponse()
        threading.Thread(target=self._read, daemon=True).start()
        while url not in app.hub.urls():
            time.sleep(0.005)

    def _read(self) -> None:
        try:
            for line in self._response.fp:
                if line == b"event: reload\n":
                    self.arrivals.append(time.perf_counter())
                    self._event.set()
        except (OSError, ValueError):
            return

    def expect(self) -> None:
        self._event.clear()

    def wait(self, timeout: float = 60.0) -> float:
        if not self._event.wait(timeout):
            raise RuntimeError("no reload event")
        return self.arrivals[-1]

    def close(self) -> None:
        self._connection.close()


def fetch(app: ServeApp, path: str) -> str:
    host, port = app.server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=120)
    connection.request("GET", path)
    body = connection.getresponse().read().decode("utf-8", errors="replace")
    connection.close()
    return body


def time_edits(app: ServeApp, tab_url: str, edit, count: int) -> list[float]:
    """Milliseconds from each save to the reload event of `tab_url`."""
    listener = ReloadListener(app, tab_url)
    times = []
    try:
        for number in range(count):
            listener.expect()
            edit(number)
            saved = time.perf_counter()
            times.append((listener.wait() - saved) * 1000)
            time.sleep(0.15)
    finally:
        listener.close()
    return times


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1) if old in text else text + new, encoding="utf-8")


def stats(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"  {label:<14} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (n={len(times)})")


@dataclass
class ColdRender:
    """The baseline, measured in the same run: rendering from scratch, as a rebuild-everything server would."""

    pages: int = 0
    differing: int = 0
    all_pages_ms: float = 0.0
    edited_page_ms: float = 0.0


def cold_render(app: ServeApp, site_dir: Path, config: Path | None, edited_url: str) -> ColdRender:
    """Render every page from a fresh load and compare with what the server serves (stale navigation shows here)."""
    app.engine.wait_until_built(timeout=600)
    fresh = SiteSession(site_dir, config)
    started = time.perf_counter()
    fresh.load()
    fresh.static_files()
    script = f'<script data-docgen-livereload="">{CLIENT_JS}</script>'
    result = ColdRender()
    expected = {url: fresh.render(url).html.decode() for url in fresh.page_urls()}
    result.all_pages_ms = (time.perf_counter() - started) * 1000
    for url, html in expected.items():
        result.pages += 1
        if fetch(app, url).replace(script, "") != html:
            result.differing += 1
            print(f"    stale: {url}")
    single = []
    for _ in range(5):
        started = time.perf_counter()
        fresh.render(edited_url)
        single.append((time.perf_counter() - started) * 1000)
    result.edited_page_ms = statistics.median(single)
    return result


def pick_targets(app: ServeApp) -> tuple[str, Path, str, Path]:
    """A page of median size for page edits, and a partial read by few pages plus one reader."""
    session = app.session
    pages = sorted(session.site.pages, key=lambda p: len(p.text))
    page = pages[len(pages) // 2]
    readers: dict[Path, list[str]] = {}
    for url in session.page_urls():
        source = session.page_source(url)
        for dep in app.engine.graph.dependencies(source):
            if dep.suffix == ".md" and dep.is_file():
                readers.setdefault(dep, []).append(url)
    partial, users = min(readers.items(), key=lambda item: (abs(len(item[1]) - 3), str(item[0])))
    return page.url, page.source, users[0], partial


def run_site(name: str, site_dir: Path, config: Path | None, edits: int) -> bool:
    print(f"\n{name}")
    first_url = _first_page_url(site_dir, config)
    app = ServeApp(site_dir, config_file=config, port=0, terminal=Terminal(io.StringIO()))
    started = time.perf_counter()
    app.start()
    try:
        fetch(app, first_url)  # as a browser opened on the printed URL at once
        first = time.perf_counter() - started
        print(f"  first page served {first * 1000:.0f} ms after start ({first_url})")
        app.engine.wait_until_built(timeout=900)
        print(f"  all {len(app.session.page_urls())} pages rendered after {time.perf_counter() - started:.1f} s")
        page_url, page_source, reader_url, partial = pick_targets(app)
        print(f"  page edited: {page_url}; partial edited: {partial.name} (tab on {reader_url})")

        page_times = time_edits(
            app, page_url, lambda n: rewrite(page_source, f"Latency probe {n - 1}.", f"\n\nLatency probe {n}.\n"), edits
        )
        partial_times = time_edits(
            app, reader_url, lambda n: rewrite(partial, f"Partial probe {n - 1}.", f"\n\nPartial probe {n}.\n"), edits
        )
        title_times = time_edits(app, page_url, lambda n: _retitle(page_source, n), max(5, edits // 2))
        stats("page edit", page_times)
        stats("partial edit", partial_times)
        stats("title edit", title_times)
        cold = cold_render(app, site_dir, config, page_url)
        print(f"  navigation check: {cold.pages - cold.differing}/{cold.pages} served pages identical to a cold render")
        median = statistics.median(page_times)
        print(
            f"  baseline (same run): load + render all pages {cold.all_pages_ms:7.0f} ms; "
            f"render of the edited page alone {cold.edited_page_ms:.1f} ms"
        )
        print(
            f"  page edit: {cold.all_pages_ms / median:.0f}x faster than rebuilding everything; "
            f"{median / cold.edited_page_ms:.1f}x the bare render of that page (watch + debounce + signal)"
        )
        verdict = "OK" if median <= TARGET_MS else "over target"
        print(f"  page edit median {median:.1f} ms vs target {TARGET_MS:.0f} ms: {verdict}")
        return cold.differing == 0
    finally:
        app.stop()


def _first_page_url(site_dir: Path, config: Path | None) -> str:
    """A page from the middle of the site, known before the server starts (untimed)."""
    urls = [page.url for page in Site.load(load_config(site_dir, config)).pages]
    return urls[len(urls) // 2]


def _retitle(source: Path, number: int) -> None:
    text = source.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        lines = text.split("\n")
        end = lines.index("---", 1)
        lines = [line for line in lines[:end] if not line.startswith("title:")] + lines[end:]
        lines.insert(1, f"title: Retitled {number}")
        source.write_text("\n".join(lines), encoding="utf-8")
    else:
        source.write_text(f"---\ntitle: Retitled {number}\n---\n" + text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=12)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    if args.edits < 10:
        parser.error("--edits must be at least 10 (median and p95 need them)")
    scratch = Path(tempfile.mkdtemp(prefix="docgen-serve-bench-"))
    ok = True
    try:
        corpus = scratch / "openmetadata"
        shutil.copytree(CORPUS, corpus)
        ok &= run_site("OpenMetadata corpus", corpus, CORPUS_CONFIG, args.edits)
        generated = write_docgen_site(scratch / "generated", SiteShape(args.pages)).root
        ok &= run_site(f"generated site, {args.pages} pages", generated, None, args.edits)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
