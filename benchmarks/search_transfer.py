"""Bytes a reader downloads for their first search query, on a 1,000-page site.

    python benchmarks/search_transfer.py [--pages 1000] [--corpus]

Builds a generated site of --pages pages (`sitegen`, the benchmarks' one
generator: corpus-like pages of 3–6 KB) with `docgen build`, which writes the
Pagefind bundle, serves the output on 127.0.0.1 with no compression (so the figures
are an upper bound: a real host gzips pagefind.js), opens a page in headless
Chromium with the HTTP cache disabled, types a query into the search box and
waits for the results list. The Performance resource timing API then gives
every file fetched for search (everything under /_docgen/search/) and its
`transferSize`. Each query runs in a fresh page load, so each is a *first*
query: the engine, its WebAssembly, the index metadata, the index and filter
chunks for the words, and the fragments of the results shown.

Target: at most 300 KB for the first query. With --corpus the OpenMetadata
corpus (../shared) is measured the same way, for a real vocabulary.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from sitegen import CORPUS, CORPUS_CONFIG, SiteShape, write_docgen_site

from docgen.publish import SilentReporter, build_site
from docgen.render.search import SEARCH_PATH
from docgen.site import Site, load_config

TARGET_KB = 300
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Words of the generated site: one on nearly every page (the largest index chunk and the most
# results), two together, and a page number (one page).
GENERATED_QUERIES = ("lineage", "pipeline owner", "512")
CORPUS_QUERIES = ("okta", "ingestion", "snowflake")

SEARCH_FILES = f"""
return performance.getEntriesByType('resource')
  .filter(e => e.name.includes('/{SEARCH_PATH}/'))
  .map(e => [e.name.split('/{SEARCH_PATH}/')[1], e.transferSize, e.encodedBodySize]);
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return driver


def first_query(driver: webdriver.Chrome, page_url: str, query: str) -> tuple[int, int, list]:
    """(bytes transferred, results, files) for `query` typed on a freshly loaded page."""
    driver.get(page_url)
    driver.execute_script("performance.clearResourceTimings()")
    box = driver.find_element("css selector", ".dg-search-input")
    box.click()
    box.send_keys(query)
    deadline = time.monotonic() + 30
    status = ""
    while time.monotonic() < deadline:
        status = driver.execute_script("return document.getElementById('dg-search-status').textContent")
        if "result" in status:
            break
        time.sleep(0.05)
    else:
        raise RuntimeError(f"no results for {query!r} (status {status!r})")
    time.sleep(0.3)  # let the last fragment requests land in the timeline
    files = driver.execute_script(SEARCH_FILES)
    results = len(driver.find_elements("css selector", ".dg-search-results > li"))
    return sum(size for _, size, _ in files), results, files


def measure(name: str, site_dir: Path, config: Path | None, queries: tuple[str, ...], scratch: Path) -> bool:
    out = scratch / "out"
    result = build_site(
        Site.load(load_config(site_dir, config)), out, reporter=SilentReporter(), cache_dir=scratch / "cache"
    )
    print(f"{name}: {result.pages} pages, search index {result.search_bytes / 1024:.0f} KB on disk")
    server = serve(out)
    driver = browser()
    ok = True
    try:
        first = next(p for p in Site.load(load_config(site_dir, config)).pages)
        url = f"http://127.0.0.1:{server.server_address[1]}{first.url}"
        for query in queries:
            total, results, files = first_query(driver, url, query)
            ok &= total <= TARGET_KB * 1024
            print(f"  first query {query!r:14} {total / 1024:6.1f} KB in {len(files):2} files, {results} results shown")
            for file, size, _ in sorted(files, key=lambda f: -f[1])[:4]:
                print(f"      {size / 1024:6.1f} KB  {file}")
    finally:
        driver.quit()
        server.shutdown()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--corpus", action="store_true", help="also measure the OpenMetadata corpus")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        site = write_docgen_site(scratch / "generated", SiteShape(args.pages)).root
        ok &= measure(f"generated site, {args.pages} pages", site, None, GENERATED_QUERIES, scratch / "g")
        if args.corpus and CORPUS.is_dir():
            ok &= measure("OpenMetadata corpus", CORPUS, CORPUS_CONFIG, CORPUS_QUERIES, scratch / "c")
    print(f"target: first query <= {TARGET_KB} KB: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
