"""Smoke tests of the benchmark harness (benchmarks/compare.py and the modules it shares).

They keep the harness from rotting: the generator writes the same pages for
docgen, MkDocs and Hugo (every page in each menu, links and images that
resolve, a docgen site without findings), the memory sampler adds up a process
tree, and a tiny docgen-only run of compare.py produces verified rows. No
timing is asserted, and MkDocs and Hugo are not installed here.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import compare
import measure
import pytest
import sitegen
import yaml

from docgen.check import check_site
from docgen.site import Site, load_config

PAGES = 40


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> sitegen.GeneratedSites:
    return sitegen.write_all(tmp_path_factory.mktemp("sites"), sitegen.SiteShape(PAGES))


def test_every_tool_gets_every_page(sites: sitegen.GeneratedSites) -> None:
    paths = sites.docgen.page_paths
    assert len(paths) == len(set(paths)) == PAGES
    docgen_pages = {
        str(p.relative_to(sites.docgen.root / "content" / sitegen.VERSION).with_suffix(""))
        for p in (sites.docgen.root / "content").rglob("*.md")
        if p.name != "menu.md"
    }
    mkdocs_pages = {str(p.relative_to(sites.markdown_dir).with_suffix("")) for p in sites.markdown_dir.rglob("*.md")}
    hugo_pages = {
        str(p.relative_to(sites.hugo.root / "content").with_suffix(""))
        for p in (sites.hugo.root / "content").rglob("*.md")
    }
    assert docgen_pages == mkdocs_pages == hugo_pages == set(paths)


def test_every_page_is_in_every_menu(sites: sitegen.GeneratedSites) -> None:
    paths = set(sites.docgen.page_paths)
    menu = (sites.docgen.root / "content" / sitegen.VERSION / "menu.md").read_text(encoding="utf-8")
    assert {entry["url"].lstrip("/") for entry in yaml.safe_load(menu.split("---")[1])["site_menu"]} == paths

    def leaves(items) -> list[str]:
        found = []
        for item in items:
            for value in item.values():
                found += leaves(value) if isinstance(value, list) else [value]
        return found

    nav = yaml.safe_load((sites.mkdocs.root / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert len(nav) >= 2, "MkDocs' theme shows no menu with a single top-level entry"
    assert sorted(leaves(nav)) == sorted(f"{path}.md" for path in paths)

    hugo_config = (sites.hugo.root / "hugo.toml").read_text(encoding="utf-8")
    identifiers = set(re.findall(r"identifier = '([^']+)'", hugo_config))
    for path in paths:
        front = (sites.hugo.root / "content" / f"{path}.md").read_text(encoding="utf-8").split("---")[1]
        assert yaml.safe_load(front)["menus"]["main"]["parent"] in identifiers
    assert "range .Site.Menus.main" in (sites.hugo.root / "layouts" / "_default" / "baseof.html").read_text()


def test_peer_markdown_has_no_markdoc_and_its_links_and_images_resolve(sites: sitegen.GeneratedSites) -> None:
    """Tags mapped, partials inlined with their variables, every relative link and image found."""
    headings_of: dict[Path, set[str]] = {}
    for page in sites.markdown_dir.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "{%" not in text, page
        for target in re.findall(r"\]\(([^)]+)\)", text):
            file, _, anchor = target.partition("#")
            resolved = (page.parent / file).resolve()
            assert resolved.is_file(), (page, target)
            if anchor:
                if resolved not in headings_of:
                    titles = re.findall(r"^#+ (.+)$", resolved.read_text(encoding="utf-8"), re.M)
                    headings_of[resolved] = {title.lower().replace(" ", "-") for title in titles}
                assert anchor in headings_of[resolved], (page, target)
    hugo_images = sites.hugo.root / "static"
    for page in (sites.hugo.root / "content").rglob("*.md"):
        for src in re.findall(r"!\[[^\]]*\]\((/images/[^)]+)\)", page.read_text(encoding="utf-8")):
            assert (hugo_images / src.lstrip("/")).is_file()


def test_generated_docgen_site_has_no_findings(sites: sitegen.GeneratedSites) -> None:
    site = Site.load(load_config(sites.docgen.root, None))
    assert len(site.pages) == PAGES
    assert check_site(site) == []


def test_generation_is_deterministic(tmp_path: Path, sites: sitegen.GeneratedSites) -> None:
    again = sitegen.write_docgen_site(tmp_path, sitegen.SiteShape(PAGES))
    for path in (sites.docgen.root / "content").rglob("*.md"):
        assert (again.root / path.relative_to(sites.docgen.root)).read_bytes() == path.read_bytes()


def test_edits_change_the_body_or_the_title_and_menu_label(tmp_path: Path) -> None:
    site = sitegen.write_docgen_site(tmp_path, sitegen.SiteShape(12))
    page = site.pages[5]
    source = sitegen.docgen_page_file(site, page)
    before = source.read_text(encoding="utf-8")
    sitegen.edit_body(site, page, "one")
    assert "Edited paragraph one." in source.read_text(encoding="utf-8")
    sitegen.edit_title(site, page, "Renamed page")
    loaded = Site.load(load_config(tmp_path, None))
    (edited,) = [p for p in loaded.pages if p.source == source]
    assert edited.title == "Renamed page"
    labels = [node.title for root in loaded.navigation(sitegen.VERSION).roots for node in _walk(root)]
    assert "Renamed page" in labels and page.title not in labels
    assert before != source.read_text(encoding="utf-8")


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


def test_peak_memory_adds_up_a_process_tree(tmp_path: Path) -> None:
    """Two children holding 120 MB each at the same time: the tree's peak is their sum, not the largest."""
    child = "import time; block = b'x' * (120 << 20); time.sleep(1.5)"
    parent = (
        "import subprocess, sys\n"
        f"children = [subprocess.Popen([sys.executable, '-c', {child!r}]) for _ in range(2)]\n"
        "[c.wait() for c in children]\n"
    )
    run = measure.run([sys.executable, "-c", parent], log=tmp_path / "log")
    assert run.status == 0 and not run.timed_out
    assert run.peak_rss >= 230 * measure.MB
    assert run.peak_pss >= 230 * measure.MB
    assert run.cpu > 0


def test_timeout_stops_the_whole_tree(tmp_path: Path) -> None:
    run = measure.run([sys.executable, "-c", "import time; time.sleep(60)"], timeout=0.5)
    assert run.timed_out and run.status != 0


def test_docgen_only_run_gives_verified_rows(tmp_path: Path) -> None:
    """compare.py end to end on a tiny site, docgen and floors only (no MkDocs/Hugo install)."""
    args = compare.parse_args(
        ["--pages", "30", "--repeat", "1", "--jobs", "1", "--tools", "floor,docgen,check", "--no-corpus"]
        + ["--work", str(tmp_path / "work")]
    )
    results = compare.run(args)
    labels = [row.label for row in results.rows]
    assert labels == [
        "floor: markdown-it-py + Pygments, 1 process",
        "docgen --jobs 1, cold",
        "docgen --jobs 1, no change",
        "docgen --jobs 1, one page body edited",
        "docgen --jobs 1, one page renamed",
        "parse only: docgen parser, every page and partial",
        "docgen check, cold",
        "docgen check, warm",
    ]
    for row in results.rows:
        assert len(row.runs) == 1 and row.runs[0].status == 0 and not row.note, (row.label, row.runs)
        assert row.runs[0].peak_rss > 0
    written, renamed = results.checks
    assert written.startswith("docgen --jobs 1, 30 pages: ok — 30/30 pages written")
    assert written.endswith("30 reachable from the first page through sidebar links (branch sidebar)")
    assert renamed.startswith("docgen --jobs 1, 30 pages, after the rename: ok — the new title shows in 3 of")
    text = compare.report(results)
    assert "| 30 pages | docgen --jobs 1, cold |" in text and "Hugo" not in text
    saved = json.loads(json.dumps(compare.to_json(results)))
    assert compare.report(compare.from_json(saved)) == text  # --json then --from-json prints the same

    readme = tmp_path / "README.md"
    readme.write_text(f"# B\n\nbefore\n{compare.README_START}\nSTALE-TABLE\n{compare.README_END}\nafter\n")
    compare.write_readme(text, readme)
    written = readme.read_text()
    assert "STALE-TABLE" not in written and "before" in written and "after" in written and "| 30 pages |" in written


def test_quick_and_tool_options() -> None:
    args = compare.parse_args(["--quick", "--tools", "docgen, hugo"])
    assert args.pages == [100] and args.repeat == 1 and args.tools == {"docgen", "hugo"}
    with pytest.raises(SystemExit):
        compare.parse_args(["--tools", "jekyll"])
