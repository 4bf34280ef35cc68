"""`docgen build` of an unversioned site (tests/sites/flat): URLs, files, sitemap, no version machinery."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.publish import build_site
from docgen.site import Site, load_config

FLAT = Path(__file__).resolve().parents[1] / "sites" / "flat"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("flat") / "out"
    result = build_site(Site.load(load_config(FLAT)), out, jobs=1, cache_dir=out.parent / "cache")
    return result, out


def test_builds_every_page_with_zero_diagnostics(built):
    result, out = built
    assert result.diagnostics == [] and result.pages == 4
    assert result.search_pages == 4 and (out / "_docgen" / "search" / "pagefind-entry.json").is_file()
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and "_docgen" not in p.parts)
    assert files == [
        ".docgen-output",  # the marker of an output folder docgen wrote (docgen.publish.output)
        "404.html",
        "guides/index.html",
        "guides/index.md",
        "guides/install/index.html",
        "guides/install/index.md",
        "images/diagram.png",
        "images/logo.png",
        "index.html",
        "index.md",
        "llms.txt",  # one, at the root: an unversioned site has no version folders to put it in
        "reference/settings/index.html",
        "reference/settings/index.md",
        "sitemap.xml",
    ]
    assert (out / "llms.txt").read_text().startswith("# Flat\n\n> Flat documentation: 4 pages.")


def test_the_root_page_is_the_home_page_not_a_redirect(built):
    _, out = built
    home = (out / "index.html").read_text()
    assert "<h1" in home and "Flat docs" in home and 'http-equiv="refresh"' not in home


def test_no_latest_alias_and_no_version_switcher(built):
    _, out = built
    assert not (out / "latest").exists()
    for page in out.rglob("index.html"):
        assert "dg-versions" not in page.read_text()


def test_links_partials_images_and_chrome(built):
    _, out = built
    html = (out / "guides" / "install" / "index.html").read_text()
    hrefs = set(re.findall(r'href="([^"]*)"', html))
    assert {"/", "/guides/", "/reference/settings/#colours", "/reference/settings/"} <= hrefs
    assert "You need Python 3.11 or newer" in html  # the partial
    assert 'src="/images/diagram.png"' in html and 'width="16"' in html
    assert '<link rel="canonical" href="https://flat.example.org/guides/install/">' in html
    assert not any(re.match(r"/v\d|/latest", href) for href in hrefs)
    assert '<li><a href="/guides/">Guides</a></li>\n<li><span aria-current="page">Install</span></li>' in html
    assert '<a class="dg-prev" href="/guides/" rel="prev">' in html
    assert '<a class="dg-next" href="/reference/settings/" rel="next">' in html


def test_sitemap_lists_unversioned_urls(built):
    _, out = built
    locs = re.findall(r"<loc>([^<]*)</loc>", (out / "sitemap.xml").read_text())
    assert sorted(locs) == [
        "https://flat.example.org/",
        "https://flat.example.org/guides/",
        "https://flat.example.org/guides/install/",
        "https://flat.example.org/reference/settings/",
    ]


def test_404_has_no_version_list(built):
    _, out = built
    assert "home page of a version" not in (out / "404.html").read_text()
