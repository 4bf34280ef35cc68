"""How much `docgen check` costs on top of parsing: parse time and internal-check time in one run.

The check walks the ASTs the parser produced instead of rendering HTML, so its
own cost should stay small next to parsing. For each site this script:

1. loads the site (config, pages, menus — the same for build and check);
2. parses every page and every partial the pages include (cold cache) — the parse time;
3. runs `check_site` on the same loaded site, whose ASTs are now cached — the check time
   (walk with partials expanded, link/anchor resolution per edition, image validation,
   Markdoc validation, menus, orphans, unused images);

and prints both with their ratio. Issue 5's target: the internal checks cost at most the parse
time plus 10 % (checks / parse <= 1.10); the stricter reading (a whole check run, parse
included, within 10 % of parsing alone) is printed too. Best of `--repeat` runs, measured
in this process.

    python benchmarks/check_speed.py [--repeat 3] [--pages 1000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from PIL import Image

from docgen.check import check_site
from docgen.site import Site, load_config

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus" / "openmetadata"
CORPUS_CONFIG = REPO / "tests" / "corpus" / "openmetadata.toml"


def reachable_files(site: Site) -> list[Path]:
    """Every page, plus every partial file reachable from them (what a check or build parses)."""
    files: list[Path] = []
    seen: set[Path] = set()
    pending = [page.source for page in [*site.pages, *site.excluded_pages]]
    versions = {page.source: page.version for page in [*site.pages, *site.excluded_pages]}
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        files.append(path)
        for node in site.parse_file(path).walk():
            if node.type == "tag" and node.tag == "partial" and isinstance(node.attributes.get("file"), str):
                resolved = site.resolve_partial(node.attributes["file"], versions[path])
                if resolved.path is not None and resolved.path not in seen:
                    versions[resolved.path] = versions[path]
                    pending.append(resolved.path)
    return files


def measure(site_dir: Path, config_file: Path | None, repeat: int) -> tuple[float, float, int, int]:
    """(best parse seconds, best check seconds, files parsed, findings)."""
    files = reachable_files(Site.load(load_config(site_dir, config_file)))
    best_parse = best_check = float("inf")
    findings = 0
    for _ in range(repeat):
        site = Site.load(load_config(site_dir, config_file))
        start = time.perf_counter()
        for path in files:
            site.parse_file(path)
        parsed = time.perf_counter()
        findings = len(check_site(site))
        checked = time.perf_counter()
        best_parse = min(best_parse, parsed - start)
        best_check = min(best_check, checked - parsed)
    return best_parse, best_check, len(files), findings


def generate_site(root: Path, pages: int) -> Path:
    """A one-version site of `pages` pages: headings, cross-page anchor links, images, partials, tags, a menu."""
    content = root / "content" / "v1.0"
    (root / "partials" / "v1.0").mkdir(parents=True)
    (root / "images" / "v1.0").mkdir(parents=True)
    for index in range(10):
        Image.new("RGB", (64 + index, 48), (index * 20, 90, 160)).save(root / "images" / "v1.0" / f"shot-{index}.png")
    (root / "partials" / "v1.0" / "shared.md").write_text(
        "## Shared section\n\nThis comes from a partial for {% $product %}.\n\n"
        "{% note %}\nSee the [first page](/section-0/page-0#install).\n{% /note %}\n",
        encoding="utf-8",
    )
    menu = ["---", "site_menu:"]
    for number in range(pages):
        section, slug = number % 20, f"page-{number}"
        folder = content / f"section-{section}"
        folder.mkdir(parents=True, exist_ok=True)
        target = (number * 7 + 3) % pages
        body = [
            "---", f"title: Page {number}", "---", "", f"# Page {number}", "",
            "Some prose with `code`, *emphasis* and a [link](/section-%d/page-%d#details)." % (target % 20, target),
            "", "## Install", "", "1. First step", "2. Second step", "", "```bash", "pip install product", "```", "",
            "## Details", "", "| a | b |", "|---|---|", "| 1 | 2 |", "",
            f'{{% image src="/images/v1.0/shot-{number % 10}.png" alt="Screenshot" /%}}', "",
            '{% partial file="/v1.0/shared.md" variables={product: "Product"} /%}', "",
            "### More", "", "Text " * 40, "",
        ]
        (folder / f"{slug}.md").write_text("\n".join(body), encoding="utf-8")
        menu += [f"  - category: Section {section} / Page {number}", f"    url: /section-{section}/{slug}"]
    menu.append("---")
    (content / "menu.md").write_text("\n".join(menu) + "\n", encoding="utf-8")
    return root


def report(name: str, parse: float, check: float, files: int, findings: int) -> None:
    """Both readings of the target: checks <= 1.10 x parse, and a whole run <= 1.10 x parse."""
    ratio = check / parse if parse else float("inf")
    full = (parse + check) / parse if parse else float("inf")
    print(
        f"{name}: {files} files parsed in {parse:.3f}s; internal checks {check:.3f}s; {findings} findings\n"
        f"  checks / parse = {ratio:.3f}  (checks <= parse + 10 %: {'met' if ratio <= 1.10 else 'NOT met'})\n"
        f"  (parse + checks) / parse = {full:.3f}  (stricter reading, whole run <= parse + 10 %: "
        f"{'met' if full <= 1.10 else 'NOT met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    if CORPUS.is_dir():
        report("OpenMetadata corpus", *measure(CORPUS.resolve(), CORPUS_CONFIG, args.repeat))
    else:
        print(f"OpenMetadata corpus not found at {CORPUS}; skipped")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = generate_site(Path(tmp), args.pages)
        report(f"generated {args.pages}-page site", *measure(site_dir, None, args.repeat))


if __name__ == "__main__":
    main()
