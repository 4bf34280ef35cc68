"""Build the OpenMetadata corpus serially, with threads and with worker processes; print ratios.

    python benchmarks/build_corpus.py [--repeat N]

Answers "processes or threads for --jobs?" on this machine: page rendering is
pure Python, so threads share one core under the GIL while forked processes
use them all. Also shows that build time grows linearly with pages (time per
page for the first half of the pages vs all of them). Figures are measured in
this run only; nothing is compared against stored numbers.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sitegen import CORPUS
from sitegen import CORPUS_CONFIG as CONFIG

from docgen.publish import SilentReporter, build_site
from docgen.render import PartialValidation, SiteRenderer
from docgen.site import Site, load_config


def load() -> Site:
    return Site.load(load_config(CORPUS, CONFIG))


def render_serial(pages_fraction: float = 1.0) -> tuple[float, int]:
    site = load()
    renderer = SiteRenderer(site, partial_validation=PartialValidation())
    pages = site.pages[: max(1, int(len(site.pages) * pages_fraction))]
    started = time.perf_counter()
    for page in pages:
        renderer.render(page)
    return time.perf_counter() - started, len(pages)


def render_threads(workers: int) -> float:
    site = load()
    renderer = SiteRenderer(site, partial_validation=PartialValidation())
    for version in site.versions:
        renderer.layout(version.name)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(renderer.render, site.pages))
    return time.perf_counter() - started


def full_build(jobs: int) -> float:
    site = load()
    out = Path(tempfile.mkdtemp(prefix="docgen-bench-")) / "site"
    started = time.perf_counter()
    build_site(site, out, jobs=jobs, reporter=SilentReporter())
    elapsed = time.perf_counter() - started
    shutil.rmtree(out.parent, ignore_errors=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="take the best of N runs of each measurement")
    repeat = parser.parse_args().repeat

    half = min(render_serial(0.5)[0] for _ in range(repeat))
    serial, pages = min((render_serial(1.0) for _ in range(repeat)), key=lambda r: r[0])
    threads = min(render_threads(2) for _ in range(repeat))
    full_warm = full_build(1)  # warms the image cache so the next two compare page work
    build_1 = min(full_build(1) for _ in range(repeat))
    build_2 = min(full_build(2) for _ in range(repeat))

    print(f"pages: {pages}")
    print(f"render only, serial:       {serial:7.2f}s  ({serial / pages * 1000:.1f} ms/page)")
    print(
        f"render only, first half:   {half:7.2f}s  ({half / (pages // 2) * 1000:.1f} ms/page)  per-page ratio all/half: {(serial / pages) / (half / (pages // 2)):.2f}"
    )
    print(f"render only, 2 threads:    {threads:7.2f}s  speed-up vs serial: {serial / threads:.2f}x")
    print(f"full build, first (cold):  {full_warm:7.2f}s")
    print(f"full build, --jobs 1:      {build_1:7.2f}s")
    print(f"full build, --jobs 2:      {build_2:7.2f}s  speed-up vs --jobs 1: {build_1 / build_2:.2f}x (processes)")


if __name__ == "__main__":
    main()
