"""Reusing a version's search bundle (docgen.publish.search_reuse): Pagefind runs again only for a version
whose pages changed, and what a build publishes is the bundle a cold build writes."""

from __future__ import annotations

from pathlib import Path

import pytest

import docgen.publish.search_reuse as reuse_module
from docgen.publish import build_site
from docgen.render.search import SEARCH_PATH
from docgen.site import Site, load_config


def _build(site_dir: Path, out: Path, cache: Path, **options):
    return build_site(Site.load(load_config(site_dir)), out, page_cache_dir=cache, **options)


def _bundle_files(out: Path) -> dict[str, bytes]:
    root = out / SEARCH_PATH
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def indexed(monkeypatch):
    """The bundle folders Pagefind was run for, in order."""
    runs: list[str] = []
    original = reuse_module.write_search_index

    def counting(site_folder, glob, bundle_folder, language="en"):
        runs.append(Path(bundle_folder).name)
        return original(site_folder, glob, bundle_folder, language)

    monkeypatch.setattr(reuse_module, "write_search_index", counting)
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
