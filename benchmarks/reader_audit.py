"""What a reader meets on every page: sideways scrolling on a phone and axe-core findings by impact.

    python benchmarks/reader_audit.py [--example] [--corpus] [--limit N]

Builds the example site and/or the OpenMetadata corpus (../shared) with `docgen build`, serves the
output on 127.0.0.1 and opens every page in headless Chromium:

- at 390 × 844 CSS pixels (a phone), whether the document is wider than the viewport (it scrolls
  sideways), naming the widest elements;
- at 1280 × 900, light scheme, an axe-core audit (the axe-core that `selenium-axe-python` bundles,
  or `DOCGEN_AXE_SCRIPT`), tallied by impact: how many rule violations on how many pages, and how
  many elements they concern.

The browser tests (tests/theme/test_reader_browser.py) fail on any serious or critical violation and
on any sideways scroll; this script gives the totals the issue's closing note quotes, minor and
moderate findings included.
"""

from __future__ import annotations

import argparse
import collections
import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium_axe_python import Axe
from sitegen import CORPUS, CORPUS_CONFIG

from docgen.publish import SilentReporter, build_site
from docgen.site import Site, load_config

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)
DESKTOP = (1280, 900)
IMPACTS = ("critical", "serious", "moderate", "minor")
WIDTHS = "return [document.documentElement.scrollWidth, window.innerWidth]"
WIDEST = """
const limit = window.innerWidth;
return [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > limit + 1)
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def copyfile(self, source, outputfile):
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on to the next page
            pass


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def set_viewport(driver: webdriver.Chrome, width: int, height: int) -> None:
    """Exactly this many CSS pixels of viewport (a window size would include the browser's chrome)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def audit(name: str, site: Site, scratch: Path, limit: int | None) -> None:
    out = scratch / "out"
    result = build_site(site, out, reporter=SilentReporter(), cache_dir=scratch / "cache")
    urls = [page.url for page in site.pages][:limit]
    print(f"{name}: {result.pages} pages built, search index {result.search_bytes / 1024:.0f} KB; auditing {len(urls)}")
    server = serve(out)
    driver = browser(scratch / "profile")
    base = f"http://127.0.0.1:{server.server_address[1]}"
    wide: list[str] = []
    rules: collections.Counter[str] = collections.Counter()
    nodes: collections.Counter[str] = collections.Counter()
    pages_with: dict[str, set[str]] = collections.defaultdict(set)
    by_rule: collections.Counter[tuple[str, str]] = collections.Counter()
    script = os.environ.get("DOCGEN_AXE_SCRIPT")
    axe = Axe(driver, script) if script else Axe(driver)
    try:
        for url in urls:
            set_viewport(driver, *PHONE)
            driver.get(base + url)
            scroll_width, inner_width = driver.execute_script(WIDTHS)
            if scroll_width > inner_width:
                wide.append(f"{url}: {scroll_width} > {inner_width} ({', '.join(driver.execute_script(WIDEST))})")
            set_viewport(driver, *DESKTOP)
            driver.get(base + url)
            axe.inject()
            found = axe.run(options={"resultTypes": ["violations"]})
            for violation in found["violations"]:
                impact = violation["impact"] or "minor"
                rules[impact] += 1
                nodes[impact] += len(violation["nodes"])
                pages_with[impact].add(url)
                by_rule[(impact, violation["id"])] += 1
    finally:
        driver.quit()
        server.shutdown()
    print(f"  pages that scroll sideways at {PHONE[0]} px: {len(wide)} of {len(urls)}")
    for line in wide[:10]:
        print(f"    {line}")
    print("  axe-core violations (light scheme, desktop), by impact:")
    for impact in IMPACTS:
        print(
            f"    {impact:9} {rules[impact]:5} rule violations on {len(pages_with[impact]):4} pages, "
            f"{nodes[impact]:6} elements"
        )
    for (impact, rule), count in by_rule.most_common(8):
        print(f"      {rule} ({impact}): {count} pages")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", action="store_true", help="audit the example site (the default)")
    parser.add_argument("--corpus", action="store_true", help="audit the OpenMetadata corpus (../shared)")
    parser.add_argument("--limit", type=int, default=None, help="audit only the first N pages of each site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        if args.example or not args.corpus:
            audit("example site", Site.load(load_config(REPO)), scratch / "example", args.limit)
        if args.corpus:
            if not CORPUS.is_dir():
                print(f"no corpus at {CORPUS}", file=sys.stderr)
                return 2
            audit("OpenMetadata corpus", Site.load(load_config(CORPUS, CORPUS_CONFIG)), scratch / "corpus", args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
