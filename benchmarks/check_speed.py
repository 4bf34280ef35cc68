"""How much `docgen check` costs on top of parsing: parse time and internal-check time in one run.

The check walks the ASTs the parser produced instead of rendering HTML, so its
own cost should stay small next to parsing. For each site this script:

1. loads the site (config, pages, menus — the same for build and check);
2. parses every page and every partial the pages include (cold parse cache) — the parse time;
3. runs `check_site` on the same loaded site, whose ASTs are now cached — the check time
   (walk with partials expanded, link/anchor resolution per edition, image validation,
   Markdoc validation, menus, orphans, unused images).

Issue 5's target, read strictly: a whole check run (parse + all internal rules) costs at most
1.10 x the parse alone, i.e. the internal rules add at most 10 % of the parse time. The check keeps
facts of unchanged files between runs (docgen.check.cache: walk facts and validation per file
content, image verdicts, link resolutions and menus while the page graph is unchanged), so the
first run in a fresh cache folder is printed apart ("cold") from the best of the later ones
("warm"). The cache goes to a temporary DOCGEN_CACHE_DIR, so nothing is written beside the corpus.

    python benchmarks/check_speed.py [--repeat 5] [--pages 1000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from floor import reachable_files
from sitegen import CORPUS, CORPUS_CONFIG, SiteShape, write_docgen_site

from docgen.check import check_site
from docgen.site import Site, load_config
from docgen.site.cache import CACHE_DIR_ENV


def measure(site_dir: Path, config_file: Path | None, repeat: int) -> dict:
    """Best parse seconds, the cold (first) check, the best warm check, files parsed and findings."""
    files = reachable_files(Site.load(load_config(site_dir, config_file)))
    parses, checks = [], []
    findings = 0
    with tempfile.TemporaryDirectory() as cache_dir:
        previous = os.environ.get(CACHE_DIR_ENV)
        os.environ[CACHE_DIR_ENV] = cache_dir
        try:
            for _ in range(repeat):
                site = Site.load(load_config(site_dir, config_file))
                start = time.perf_counter()
                for path in files:
                    site.parse_file(path)
                parsed = time.perf_counter()
                findings = len(check_site(site))
                checked = time.perf_counter()
                parses.append(parsed - start)
                checks.append(checked - parsed)
        finally:
            if previous is None:
                os.environ.pop(CACHE_DIR_ENV, None)
            else:
                os.environ[CACHE_DIR_ENV] = previous
    return {
        "parse": min(parses),
        "cold": checks[0],
        "warm": min(checks[1:] or checks),
        "files": len(files),
        "findings": findings,
    }


def report(name: str, result: dict) -> None:
    """Parse time, check time and the ratio (parse + checks) / parse, cold and warm."""
    parse = result["parse"]
    print(f"{name}: {result['files']} files, {result['findings']} findings; parse (best) {parse:.3f}s")
    for label in ("cold", "warm"):
        check = result[label]
        ratio = (parse + check) / parse
        verdict = "met" if ratio <= 1.10 else "NOT met"
        print(f"  {label} check {check:.3f}s  (parse + check) / parse = {ratio:.3f}  (<= 1.10: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    if CORPUS.is_dir():
        report("OpenMetadata corpus", measure(CORPUS, CORPUS_CONFIG, args.repeat))
    else:
        print(f"OpenMetadata corpus not found at {CORPUS}; skipped")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = write_docgen_site(Path(tmp), SiteShape(args.pages)).root
        report(f"generated {args.pages}-page site (sitegen.py)", measure(site_dir, None, args.repeat))


if __name__ == "__main__":
    main()
