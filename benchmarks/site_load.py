"""What loading the site model costs next to the least it must do: read every page and its front matter.

`Site.load` runs before every build, check and serve start. It discovers pages,
parses front matter, computes URLs, and builds the navigation of every version
(resolving each of the OpenMetadata menu's 1,177 entries). This script times,
in one process, on the OpenMetadata corpus (and on a generated site of
`--pages` pages for scale, from sitegen.py):

- baseline: read every `.md` file and load its front matter block with the same YAML loader;
- site:     `Site.load(load_config(...))`;

and prints both with their ratio. Target: site ≤ 2 × baseline (the navigation
and URL indexes may cost no more than the file reading itself). Best of
`--repeat` runs.

    python benchmarks/site_load.py [--repeat 5] [--pages 2000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml
from sitegen import CORPUS, CORPUS_CONFIG, SiteShape, write_docgen_site

from docgen.site import Site, load_config

# The same YAML loader docgen uses (libyaml when present), so the ratio measures docgen, not the loader.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def baseline(version_dirs: list[Path]) -> int:
    """Read every page (and menu) and parse its front matter the plain way; returns the file count."""
    count = 0
    for path in (path for folder in version_dirs for path in folder.rglob("*.md") if path.is_file()):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---", 4)
            if end > 0:
                yaml.load(text[4:end], Loader=LOADER)
        count += 1
    return count


def best_of(repeat: int, action) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def report(name: str, site_dir: Path, config_file: Path | None, repeat: int) -> None:
    config = load_config(site_dir, config_file)
    version_dirs = [config.content_dir / version.name for version in config.versions]
    files = baseline(version_dirs)
    base = best_of(repeat, lambda: baseline(version_dirs))
    site = best_of(repeat, lambda: Site.load(load_config(site_dir, config_file)))
    loaded = Site.load(config)
    entries = sum(len(loaded.navigation(v.name).entries) for v in loaded.versions)
    print(f"{name}: {files} files, {len(loaded.pages)} pages, {entries} menu entries")
    print(f"  baseline (read + front matter) {base * 1000:8.1f} ms")
    print(f"  Site.load                      {site * 1000:8.1f} ms   ratio {site / base:.2f}x (target <= 2.00x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    if CORPUS.is_dir():
        report("OpenMetadata corpus", CORPUS, CORPUS_CONFIG, args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        report(
            "generated site (sitegen.py)",
            write_docgen_site(Path(folder), SiteShape(args.pages)).root,
            None,
            args.repeat,
        )


if __name__ == "__main__":
    main()
