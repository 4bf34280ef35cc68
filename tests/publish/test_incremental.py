"""Incremental builds (docgen.publish.incremental): after every kind of change, a build that uses the
page cache writes exactly the bytes a cold build (cache disabled) writes from the same tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from build_helpers import many_pages_files, page_source

from docgen.publish import build_site
from docgen.publish.incremental import PageCache
from docgen.publish.output import TEMP_MARKER
from docgen.render.document import SiteRenderer
from docgen.site import Site, load_config
from docgen.theme.loader import BUILTIN_THEME


def _build(site_dir: Path, out: Path, cache: Path, **options):
    site = Site.load(load_config(site_dir))
    return build_site(site, out, page_cache_dir=cache, **options)


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _assert_same_as_cold(site_dir: Path, incremental_out: Path, tmp_path: Path, jobs: int = 1) -> None:
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    _build(site_dir, cold, tmp_path / "unused-cache", incremental=False, jobs=jobs)
    warm, fresh = _files(incremental_out), _files(cold)
    assert sorted(warm) == sorted(fresh)
    for name in fresh:
        assert warm[name] == fresh[name], name


def _kinds(result) -> dict[str, tuple[str, str]]:
    return {url: (kind, reason) for url, kind, reason in result.page_reasons}


def _edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture
def built(small_site, tmp_path):
    """The small site built once with the page cache: (site folder, output, cache folder)."""
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    first = _build(small_site, out, cache)
    assert {kind for _, kind, _ in first.page_reasons} == {"rendered"}
    return small_site, out, cache


def test_nothing_changed_renders_nothing_and_keeps_the_files(built, tmp_path):
    site, out, cache = built
    inodes = {p: p.stat().st_ino for p in out.rglob("index.html")}
    result = _build(site, out, cache)
    assert {kind for _, kind, _ in result.page_reasons} == {"unchanged"}
    assert result.explanation() == []
    assert "5 unchanged" in result.summary()
    kept = [p for p, inode in inodes.items() if p.exists() and p.stat().st_ino == inode]
    assert len(kept) >= 5  # page files are hard links to the previous ones, not rewritten
    _assert_same_as_cold(site, out, tmp_path)


def test_body_edit_renders_that_page_only(built, tmp_path):
    site, out, cache = built
    _edit(site / "content/v2/guide/deploy.md", lambda text: text + "\nMore words.\n")
    result = _build(site, out, cache)
    kinds = _kinds(result)
    assert kinds["/v2/guide/deploy/"] == ("rendered", "source changed")
    assert [url for url, (kind, _) in kinds.items() if kind == "rendered"] == ["/v2/guide/deploy/"]
    _assert_same_as_cold(site, out, tmp_path)


def test_title_edit_reassembles_the_other_pages_of_its_version(built, tmp_path):
    site, out, cache = built
    _edit(site / "content/v2/guide/deploy.md", lambda text: text.replace("title: Deploy", "title: Ship it"))
    result = _build(site, out, cache)
    kinds = _kinds(result)
    assert kinds["/v2/guide/deploy/"][0] == "rendered"
    assert kinds["/v2/guide/install/"] == ("re-assembled", "navigation or titles changed → re-assembled")
    assert kinds["/v1/guide/install/"][0] == "unchanged"
    assert "Ship it" in (out / "v2/guide/install/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold(site, out, tmp_path)


def test_partial_edit_renders_the_pages_that_include_it(built, tmp_path):
    site, out, cache = built
    _edit(site / "partials/v2/shared/greeting.md", lambda text: text.replace("today", "this week"))
    result = _build(site, out, cache)
    kinds = _kinds(result)
    assert kinds["/v2/guide/install/"] == ("rendered", "partial /v2/shared/greeting.md changed")
    assert kinds["/v2/"][0] == "unchanged"
    _assert_same_as_cold(site, out, tmp_path)


def test_image_replaced_with_other_dimensions(built, tmp_path, png_bytes):
    site, out, cache = built
    (site / "images/v2/screen.png").write_bytes(png_bytes(1600, 900))
    result = _build(site, out, cache)
    assert _kinds(result)["/v2/guide/install/"] == ("rendered", "image /images/v2/screen.png changed")
    assert 'width="1600"' in (out / "v2/guide/install/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold(site, out, tmp_path)


def test_image_removed_is_reported_again(built, tmp_path):
    site, out, cache = built
    (site / "images/v2/screen.png").unlink()
    result = _build(site, out, cache)
    assert _kinds(result)["/v2/guide/install/"][0] == "rendered"
    assert any(d.rule.startswith("image-") for d in result.diagnostics)
    _assert_same_as_cold(site, out, tmp_path)


def test_menu_change_reassembles_without_rendering(built, tmp_path):
    site, out, cache = built
    _edit(site / "content/v2/menu.md", lambda text: text.replace("category: Guide / Deploy", "category: Deploy"))
    result = _build(site, out, cache)
    kinds = _kinds(result)
    assert not [url for url, (kind, _) in kinds.items() if kind == "rendered"]
    assert kinds["/v2/guide/deploy/"][0] == "re-assembled"
    _assert_same_as_cold(site, out, tmp_path)


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("https://docs.example.org/", "https://example.org/docs/"),
        lambda text: text.replace('"Small Docs"', '"Smaller Docs"'),
        lambda text: text + 'edition = "collate"\n',
        lambda text: text + '\n[redirects]\n"/old/" = "/v2/guide/install/"\n',
        lambda text: text + "\n[search]\npages_per_bundle = 1\n",
    ],
    ids=["base_url", "title", "edition", "redirects", "search split"],
)
def test_config_change_renders_every_page(built, tmp_path, change):
    site, out, cache = built
    _edit(site / "docgen.toml", change)
    result = _build(site, out, cache)
    assert {reason for _, _, reason in result.page_reasons} == {"docgen or config changed"}
    _assert_same_as_cold(site, out, tmp_path)


@pytest.mark.parametrize("table", ["[variables]", '[versions."v2".variables]'])
def test_variable_change_renders_the_pages_that_show_it(small_site, tmp_path, write_tree, table):
    write_tree(small_site, {"content/v2/brand.md": page_source("Brand", "Made by {% $brand %}.\n")})
    _edit(small_site / "docgen.toml", lambda text: text + f'\n{table}\nbrand = "Lumen"\n')
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(small_site, out, cache)
    assert "Made by Lumen." in (out / "v2/brand/index.html").read_text(encoding="utf-8")
    _edit(small_site / "docgen.toml", lambda text: text.replace('brand = "Lumen"', 'brand = "Umbra"'))
    _build(small_site, out, cache)
    assert "Made by Umbra." in (out / "v2/brand/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold(small_site, out, tmp_path)


def test_template_change_reassembles_every_page(built, tmp_path, write_tree):
    site, out, cache = built
    toc = (BUILTIN_THEME / "templates" / "toc.html").read_text(encoding="utf-8")
    write_tree(site, {"theme/templates/toc.html": toc + "\n<!-- site override -->\n"})
    result = _build(site, out, cache)
    assert set(_kinds(result).values()) == {("re-assembled", "template changed → re-assembled")}
    assert "site override" in (out / "v2/guide/install/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold(site, out, tmp_path)


def test_site_tag_template_and_schema_module_changes_render_again(small_site, tmp_path, write_tree):
    """A declarative tag's template and a schema module reach bodies: their edits render the pages that use them."""
    config = (small_site / "docgen.toml").read_text(encoding="utf-8")
    write_tree(
        small_site,
        {
            "docgen.toml": config.replace("\n[", '\nschema = ["schema.py"]\n\n[', 1)
            if "\n[" in config
            else config + 'schema = ["schema.py"]\n',
            "theme/templates/tags/box.html": '<div class="box">{{ children }}</div>\n',
            "schema.py": 'FUNCTIONS = {"shout": {"transform": lambda parameters, config: "LOUD"}}\n',
            "content/v2/boxed.md": page_source("Boxed", "{% box %}Inside {% shout() %}.{% /box %}\n"),
        },
    )
    with (small_site / "docgen.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[tags.box]\ntemplate = "tags/box.html"\n')
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(small_site, out, cache)
    write_tree(small_site, {"theme/templates/tags/box.html": '<section class="box">{{ children }}</section>\n'})
    _build(small_site, out, cache)
    assert '<section class="box">' in (out / "v2/boxed/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold(small_site, out, tmp_path)
    write_tree(small_site, {"schema.py": 'FUNCTIONS = {"shout": {"transform": lambda parameters, config: "QUIET"}}\n'})
    _build(small_site, out, cache)
    assert "QUIET" in (out / "v2/boxed/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold(small_site, out, tmp_path)


def test_page_added_is_new_and_its_neighbours_reassembled(built, tmp_path, write_tree):
    site, out, cache = built
    (site / "content/v2/guide/deploy.md").unlink()
    _build(site, out, cache)  # the home's link to /guide/deploy is now broken
    write_tree(site, {"content/v2/guide/deploy.md": page_source("Deploy", "Back again.\n")})
    result = _build(site, out, cache)
    kinds = _kinds(result)
    assert kinds["/v2/guide/deploy/"] == ("rendered", "new")
    assert kinds["/v2/guide/install/"][0] == "re-assembled"  # its branch of the sidebar lists the page again
    _assert_same_as_cold(site, out, tmp_path)


def test_page_removed(built, tmp_path):
    site, out, cache = built
    (site / "content/v2/guide/deploy.md").unlink()
    result = _build(site, out, cache)
    assert "/v2/guide/deploy/" not in _kinds(result)
    assert not (out / "v2/guide/deploy").exists()
    _assert_same_as_cold(site, out, tmp_path)


def test_page_renamed_and_the_links_to_it(built, tmp_path):
    site, out, cache = built
    os.replace(site / "content/v2/guide/install.md", site / "content/v2/guide/setup.md")
    _edit(site / "content/v2/index.md", lambda text: text.replace("/guide/install", "/guide/setup"))
    result = _build(site, out, cache)
    kinds = _kinds(result)
    assert kinds["/v2/guide/setup/"] == ("rendered", "new")
    assert kinds["/v2/"] == ("rendered", "source changed")
    _assert_same_as_cold(site, out, tmp_path)
    live = {p.name for p in cache.glob("*/*")}
    assert len(live) == len(result.page_reasons)  # the old page's entry was pruned


def test_corrupt_cache_entry_is_rendered_again_never_published(built, tmp_path):
    site, out, cache = built
    page = next(p for p in Site.load(load_config(site)).pages if p.url == "/v2/guide/install/")
    entry = PageCache(cache).path(page)
    digest, payload = entry.read_bytes().split(b"\n", 1)
    data = json.loads(payload)
    data["body"] = "<p>poisoned</p>"
    entry.write_bytes(digest + b"\n" + json.dumps(data).encode())  # valid JSON, wrong digest
    result = _build(site, out, cache)
    assert _kinds(result)["/v2/guide/install/"] == ("rendered", "cache entry unreadable")
    assert "poisoned" not in (out / "v2/guide/install/index.html").read_text(encoding="utf-8")
    entry.write_bytes(b"not a cache entry")
    result = _build(site, out, cache)
    assert _kinds(result)["/v2/guide/install/"] == ("rendered", "cache entry unreadable")
    _assert_same_as_cold(site, out, tmp_path)


def test_output_edited_by_hand_is_rewritten_not_kept(built, tmp_path):
    site, out, cache = built
    page = out / "v2/guide/install/index.html"
    page.write_text("hand edited", encoding="utf-8")
    result = _build(site, out, cache)
    assert _kinds(result)["/v2/guide/install/"][0] == "re-assembled"
    _assert_same_as_cold(site, out, tmp_path)


def test_markdown_rendition_edited_by_hand_is_rewritten_and_the_others_are_links(built, tmp_path):
    site, out, cache = built
    edited, kept = out / "v2/guide/install/index.md", out / "v1/index.md"
    kept_inode = kept.stat().st_ino
    edited.write_text("hand edited", encoding="utf-8")
    result = _build(site, out, cache)
    assert _kinds(result)["/v2/guide/install/"][0] == "unchanged"  # its HTML is still what the cache wrote
    assert kept.stat().st_ino == kept_inode  # linked from the previous output, not written again
    _assert_same_as_cold(site, out, tmp_path)


def test_diagnostics_of_cached_pages_are_reported_again(small_site, tmp_path, write_tree):
    write_tree(small_site, {"content/v2/broken.md": page_source("Broken", "{% nosuchtag %}x{% /nosuchtag %}\n")})
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    first = _build(small_site, out, cache)
    second = _build(small_site, out, cache)
    assert _kinds(second)["/v2/broken/"][0] == "unchanged"
    assert first.diagnostics == second.diagnostics and first.errors > 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_many_pages_one_edit_in_processes(tmp_path, write_tree, jobs):
    root = tmp_path / "many"
    write_tree(root, many_pages_files(per_version=40))
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(root, out, cache, jobs=jobs)
    for number in (3, 17, 29):
        _edit(root / f"content/v2/section/page-{number:03}.md", lambda text: text + "\nEdited.\n")
    _edit(root / "content/v1/section/page-005.md", lambda text: text.replace("Page 5", "Page five"))
    result = _build(root, out, cache, jobs=jobs)
    rendered = sorted(url for url, kind, _ in result.page_reasons if kind == "rendered")
    assert rendered == ["/v1/section/page-005/"] + [f"/v2/section/page-{n:03}/" for n in (3, 17, 29)]
    _assert_same_as_cold(root, out, tmp_path, jobs=jobs)


@pytest.mark.parametrize("exception", [KeyboardInterrupt, RuntimeError])
def test_failure_while_reassembling_leaves_previous_output_and_a_usable_cache(
    tmp_path, monkeypatch, write_tree, exception
):
    root = tmp_path / "many"
    write_tree(root, many_pages_files(per_version=20))
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    _build(root, out, cache)
    before = _files(out)
    _edit(root / "content/v1/index.md", lambda text: text.replace("Home v1", "Start v1"))
    original, calls = SiteRenderer.assemble, []

    def failing(self, values):
        calls.append(1)
        if len(calls) == 7:
            raise exception("stopped midway")
        return original(self, values)

    monkeypatch.setattr(SiteRenderer, "assemble", failing)
    with pytest.raises(exception):
        _build(root, out, cache)
    assert _files(out) == before
    assert [p.name for p in tmp_path.iterdir() if TEMP_MARKER in p.name] == []
    monkeypatch.setattr(SiteRenderer, "assemble", original)
    _build(root, out, cache)
    _assert_same_as_cold(root, out, tmp_path)


def test_findings_of_a_partial_survive_the_removal_of_the_page_that_reported_them(small_site, tmp_path, write_tree):
    include = '{% partial file="/v2/shared/bad.md" /%}\n'
    write_tree(
        small_site,
        {
            "partials/v2/shared/bad.md": "{% nosuchtag %}x{% /nosuchtag %}\n",
            "content/v2/a.md": page_source("A", include),
            "content/v2/b.md": page_source("B", include),
        },
    )
    out, cache = tmp_path / "out", tmp_path / "page-cache"
    first = _build(small_site, out, cache)
    in_partial = [d for d in first.diagnostics if d.file == "partials/v2/shared/bad.md"]
    assert in_partial
    (small_site / "content/v2/a.md").unlink()
    second = _build(small_site, out, cache)
    assert _kinds(second)["/v2/b/"][0] in ("unchanged", "re-assembled")
    assert [d for d in second.diagnostics if d.file == "partials/v2/shared/bad.md"] == in_partial
    cold = _build(small_site, tmp_path / "cold", tmp_path / "unused", incremental=False)
    assert second.diagnostics == cold.diagnostics


def test_a_new_process_with_another_hash_seed_reuses_every_page(built, tmp_path):
    """Keys must not depend on the process: set order follows PYTHONHASHSEED, and the config holds sets."""
    site, out, _cache = built
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "DOCGEN_CACHE_DIR": str(tmp_path / "cache-root")}
        command = [sys.executable, "-m", "docgen", "build", str(site), "--out", str(out), "--explain"]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert "5 unchanged" in done.stdout + done.stderr, done.stdout + done.stderr
