"""The search index a build writes: one Pagefind bundle per version, of the pages' content only."""

from __future__ import annotations

from pathlib import Path

from build_helpers import search_records

import docgen.render.search as search_module
from docgen.publish import build_site
from docgen.render.search import SEARCH_PATH, UNUSED_FILES
from docgen.site import Site, load_config


def _build(site_dir: Path, out: Path):
    return build_site(Site.load(load_config(site_dir)), out, cache_dir=out.parent / "cache")


def test_each_version_gets_a_bundle_of_its_own_pages(small_site, tmp_path):
    out = tmp_path / "out"
    result = _build(small_site, out)
    bundles = out / SEARCH_PATH
    assert sorted(p.name for p in bundles.iterdir()) == ["v1", "v2"]
    assert set(search_records(bundles / "v1")) == {"/v1/", "/v1/guide/install/"}
    assert set(search_records(bundles / "v2")) == {"/v2/", "/v2/guide/install/"}  # deploy is noindex
    assert result.search_pages == 4 and result.search_bytes > 0
    assert "search index" in result.summary() and "(4 pages)" in result.summary()
    for bundle in bundles.iterdir():
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
        assert not [name for name in UNUSED_FILES if (bundle / name).exists()]


def test_the_index_holds_the_content_its_title_version_and_headings_not_the_page_chrome(small_site, tmp_path):
    out = tmp_path / "out"
    _build(small_site, out)
    record = search_records(out / SEARCH_PATH / "v2")["/v2/guide/install/"]
    assert "You need a computer." in record["content"]
    assert "Thank you for choosing Lumen today." in record["content"]  # partials are content too
    for chrome in ("Skip to content", "built with docgen", "On this page", "Deploy", "Small Docs"):
        assert chrome not in record["content"], chrome
    assert record["meta"]["title"] == "Install"
    assert record["filters"] == {"version": ["v2"]}
    assert [(a["element"], a["id"]) for a in record["anchors"]][:3] == [
        ("h1", "install"),
        ("h2", "requirements"),
        ("h3", "steps"),
    ]
    assert "#" not in [a["text"] for a in record["anchors"]][1]  # the heading's "#" anchor link is left out


def test_two_builds_write_the_same_bundle(small_site, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    _build(small_site, first)
    _build(small_site, second)
    files = sorted(p.relative_to(first) for p in (first / SEARCH_PATH).rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in (second / SEARCH_PATH).rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_a_site_without_search_is_still_built_with_a_warning(small_site, tmp_path, monkeypatch):
    monkeypatch.setattr(search_module, "pagefind_executable", lambda: None)
    out = tmp_path / "out"
    result = _build(small_site, out)
    assert result.pages == 5 and not result.failed
    [warning] = [d for d in result.diagnostics if d.rule == "search-index-failed"]
    assert "pagefind executable was not found" in warning.message.lower()
    assert result.search_pages == 0 and "search index" not in result.summary()
    assert not (out / SEARCH_PATH).exists()


def test_a_failing_indexer_is_reported_with_what_it_said(small_site, tmp_path, monkeypatch):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: no html files found' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(search_module, "pagefind_executable", lambda: fake)
    result = _build(small_site, tmp_path / "out")
    [warning] = [d for d in result.diagnostics if d.rule == "search-index-failed"]
    assert "status 3" in warning.message and "no html files found" in warning.message


def test_a_version_whose_pages_hold_no_text_has_no_search_and_no_warning(tmp_path, write_tree):
    """Pagefind refuses to index pages without text (it exits with status 1); that is nothing to search.

    A built page always holds text now (its title is its h1 when the content has none), so the
    indexer is given such a page directly.
    """
    write_tree(
        tmp_path / "out",
        {"v1/index.html": '<!doctype html><html lang="en"><body><article data-pagefind-body></article></body></html>'},
    )
    stats = search_module.write_search_indexes(tmp_path / "out", search_module.plan_bundles("v1", ["v1/index.html"], 0))
    assert stats.pages == 0


def test_a_page_without_content_is_still_found_by_its_title(tmp_path, write_tree):
    site = tmp_path / "site"
    write_tree(site, {"docgen.toml": 'title = "Empty"\n', "content/v1/index.md": "---\ntitle: Lonely\n---\n"})
    out = tmp_path / "out"
    result = _build(site, out)
    assert [d for d in result.diagnostics if d.rule == "search-index-failed"] == []
    assert result.search_pages == 1
    assert '<h1 class="dg-page-title">Lonely</h1>' in (out / "v1" / "index.html").read_text(encoding="utf-8")
