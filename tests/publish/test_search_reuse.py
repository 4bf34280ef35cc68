"""Reusing a version's search bundle (docgen.publish.search_reuse): Pagefind runs again only for a version
whose pages changed, and what a build publishes is the bundle a cold build writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_helpers import search_records

import docgen.publish.search_reuse as reuse_module
from docgen.publish import build_site
from docgen.render.search import SEARCH_PATH
from docgen.site import Site, load_config


def _build(site_dir: Path, out: Path, cache: Path, **options):
    return build_site(Site.load(load_config(site_dir)), out, page_cache_dir=cache, **options)


def _bundle_files(out: Path) -> dict[str, bytes]:
    root = out / "_docgen"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.glob("search*/**/*")) if p.is_file()}


@pytest.fixture
def indexed(monkeypatch):
    """The bundle folders Pagefind was run for, in order."""
    runs: list[str] = []
    original = reuse_module.write_bundle

    def counting(site_folder, plan, language="en"):
        runs.append(Path(plan.folder).name)
        return original(site_folder, plan, language)

    monkeypatch.setattr(reuse_module, "write_bundle", counting)
    return runs


def _assert_same_bundles_as_cold(site_dir: Path, out: Path, tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    _build(site_dir, cold, tmp_path / "unused", incremental=False)
    assert _bundle_files(out) == _bundle_files(cold)


def test_nothing_changed_runs_no_indexer(small_site, tmp_path, indexed):
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    first = _build(small_site, out, cache)
    assert indexed == ["v1", "v2"]
    second = _build(small_site, out, cache)
    assert indexed == ["v1", "v2"]  # no new run
    assert (second.search_pages, second.search_bytes) == (first.search_pages, first.search_bytes)
    _assert_same_bundles_as_cold(small_site, out, tmp_path)


def test_a_page_edit_indexes_its_version_only(small_site, tmp_path, indexed):
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(small_site, out, cache)
    page = small_site / "content" / "v1" / "guide" / "install.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA zebracorn appears.\n", encoding="utf-8")
    _build(small_site, out, cache)
    assert indexed == ["v1", "v2", "v1"]
    _assert_same_bundles_as_cold(small_site, out, tmp_path)


def test_a_bundle_file_edited_in_the_output_is_indexed_again(small_site, tmp_path, indexed):
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(small_site, out, cache)
    entry = out / SEARCH_PATH / "v2" / "pagefind-entry.json"
    entry.write_text("{}", encoding="utf-8")  # by hand, in place: never linked into the next output
    _build(small_site, out, cache)
    assert indexed == ["v1", "v2", "v2"]
    _assert_same_bundles_as_cold(small_site, out, tmp_path)


def test_an_unreadable_manifest_is_indexed_again(small_site, tmp_path, indexed):
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(small_site, out, cache)
    for manifest in cache.glob("search-*.json"):
        manifest.write_text("not json", encoding="utf-8")
    _build(small_site, out, cache)
    assert indexed == ["v1", "v2", "v1", "v2"]
    _assert_same_bundles_as_cold(small_site, out, tmp_path)


def test_a_cold_build_neither_reads_nor_writes_manifests(small_site, tmp_path, indexed):
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(small_site, out, cache, incremental=False)
    _build(small_site, out, cache, incremental=False)
    assert indexed == []  # the cold path calls the indexer directly
    assert not list(cache.glob("search-*.json"))


def _split(site_dir: Path, per_bundle: int) -> None:
    config = site_dir / "docgen.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[search]\npages_per_bundle = {per_bundle}\n")


def test_a_large_version_is_split_into_bundles_that_together_hold_every_page(small_site, tmp_path):
    _split(small_site, 1)
    out = tmp_path / "out"
    result = _build(small_site, out, tmp_path / "page-cache", incremental=False)
    parts = out / "_docgen" / "search-parts" / "v2"
    assert sorted(p.name for p in parts.iterdir()) == ["2"]  # deploy is noindex: in no bundle
    records = [set(search_records(bundle)) for bundle in [out / SEARCH_PATH / "v2", parts / "2"]]
    assert records == [{"/v2/guide/install/"}, {"/v2/"}]
    assert result.search_pages == 4
    assert not (out / "_docgen" / ".search-input").exists()
    page = (out / "v2" / "index.html").read_text(encoding="utf-8")
    assert 'data-merge="/_docgen/search-parts/v2/2/"' in page


def test_a_page_edit_indexes_only_the_bundle_holding_it(small_site, tmp_path, indexed):
    _split(small_site, 1)
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(small_site, out, cache)
    indexed.clear()
    page = small_site / "content" / "v2" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA zebracorn appears.\n", encoding="utf-8")
    _build(small_site, out, cache)
    assert indexed == ["2"]  # v2's searchable files sorted: guide/install, index.html
    _assert_same_bundles_as_cold(small_site, out, tmp_path)
