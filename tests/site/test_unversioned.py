"""Unversioned sites in the site model: URLs without a version segment, links, partials, images, navigation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.site import Site, load_config
from docgen.site.urls import page_url, version_prefix, version_root

FLAT = Path(__file__).resolve().parents[1] / "sites" / "flat"


@pytest.fixture(scope="module")
def site() -> Site:
    return Site.load(load_config(FLAT))


def test_the_version_prefix_is_one_helper():
    assert version_prefix("v1.9.x") == "/v1.9.x" and version_prefix("") == ""
    assert version_root("v1.9.x") == "/v1.9.x/" and version_root("") == "/"
    assert page_url("v1.9.x", ["a", "b.md"]) == "/v1.9.x/a/b/" and page_url("", ["a", "index.md"]) == "/a/"
    assert page_url("", []) == "/" and page_url("v1", []) == "/v1/"


def test_pages_get_urls_without_a_version_segment(site: Site):
    assert not site.config.versioned and site.default_version is None
    assert sorted(page.url for page in site.pages) == ["/", "/guides/", "/guides/install/", "/reference/settings/"]
    assert site.diagnostics == []
    install = site.page_for_url("/guides/install")
    assert install is not None and install.path_in_version == "/guides/install/"
    assert install.content_path == "guides/install.md"


def test_latest_and_version_names_are_plain_paths(site: Site):
    assert site.page_for_url("/latest/guides/") is None
    assert site.canonical_url("/latest/guides") == "/latest/guides/"
    assert site.resolve_link("/latest/guides/", "").broken


def test_links_resolve_in_the_one_version(site: Site):
    install = site.page_for_url("/guides/install/")
    assert site.resolve_link("/reference/settings/#colours", "").url == "/reference/settings/#colours"
    relative = site.resolve_link("../reference/settings.md#colours", "", install)
    assert relative.url == "/reference/settings/#colours" and relative.page is not None
    assert site.resolve_link("../", "", install).url == "/guides/"
    assert site.resolve_link("/", "").page is site.page_for_url("/")
    assert site.resolve_link("/guides/nowhere/", "").broken


def test_partials_and_images_resolve_in_their_folders(site: Site):
    partial = site.resolve_partial("requirements.md", "")
    assert partial.path == FLAT / "partials" / "requirements.md"
    assert site.resolve_partial("/requirements.md", "").found
    image = site.resolve_image("/images/logo.png", "")
    assert image is not None and image.path == FLAT / "images" / "logo.png"
    assert not site.resolve_image("/images/nope.png", "").found


def test_navigation_comes_from_the_menu_with_neighbours(site: Site):
    nav = site.navigation("")
    assert [page.url for page in nav.order] == ["/", "/guides/", "/guides/install/", "/reference/settings/"]
    install = site.page_for_url("/guides/install/")
    assert nav.previous(install).url == "/guides/" and nav.next(install).url == "/reference/settings/"


def test_navigation_without_a_menu_comes_from_folders(tmp_path: Path):
    copy = shutil.copytree(FLAT, tmp_path / "flat")
    (copy / "pages" / "menu.md").unlink()
    nav = Site.load(load_config(copy)).navigation("")
    assert [root.title for root in nav.roots] == ["Flat docs", "Guides", "Reference"]


def test_markdown_outside_the_version_folders_is_a_finding(tmp_path: Path):
    (tmp_path / "content" / "v1.0").mkdir(parents=True)
    (tmp_path / "content" / "v1.0" / "index.md").write_text("# Home\n")
    (tmp_path / "content" / "stray.md").write_text("# Stray\n")
    (tmp_path / "content" / "guides").mkdir()
    (tmp_path / "content" / "guides" / "a.md").write_text("# A\n")
    found = Site.load(load_config(tmp_path)).diagnostics
    assert [(d.rule, d.file) for d in found] == [
        ("page-outside-version", "content/guides"),
        ("page-outside-version", "content/stray.md"),
    ]
    assert "folder with 1 Markdown file outside the version folders (v1.0)" in found[0].message
    assert "versions = false" in found[1].message
