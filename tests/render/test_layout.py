"""Page chrome for pages outside the menu: breadcrumbs and previous/next derived from the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.render import SiteRenderer
from docgen.site import Site, load_config


def _page(title: str) -> str:
    return f"---\ntitle: {title}\n---\n\nText.\n"


@pytest.fixture
def site(tmp_path, write_tree) -> Site:
    """A menu naming /guide and /guide/install; /guide/install/yaml, /guide/extra and /loose are in no menu."""
    write_tree(
        tmp_path,
        {
            "docgen.toml": 'title = "Docs"\n',
            "content/v1/index.md": _page("Home"),
            "content/v1/guide/index.md": _page("Guide"),
            "content/v1/guide/install/index.md": _page("Install | Docs"),
            "content/v1/guide/install/yaml.md": _page("Install with YAML"),
            "content/v1/guide/install/docker.md": _page("Install with Docker"),
            "content/v1/guide/extra.md": _page("Extra"),
            "content/v1/loose/deep/page.md": _page("Loose"),
            "content/v1/menu.md": (
                "---\nsite_menu:\n  - category: Guide\n    url: /guide\n"
                "  - category: Guide / Install\n    url: /guide/install\n---\n"
            ),
        },
    )
    return Site.load(load_config(Path(tmp_path)))


def _chrome(site: Site, url: str):
    layout = SiteRenderer(site).layout("v1")
    page = site.page_for_url(url)
    assert layout.nav.node_for(page) is None or url == "/v1/guide/install/"
    crumbs = [(link.title, link.url) for link in layout.breadcrumbs(page)]
    previous, following = layout.neighbours(page)
    return crumbs, previous and previous.url, following and following.url


def test_a_page_below_a_menu_page_continues_its_menu_trail(site):
    crumbs, previous, following = _chrome(site, "/v1/guide/install/yaml/")
    assert crumbs == [
        ("Guide", "/v1/guide/"),
        ("Install", "/v1/guide/install/"),
        ("Install with YAML", "/v1/guide/install/yaml/"),
    ]
    # the folder's reading order: its page, then its pages in URL order (docker before yaml)
    assert (previous, following) == ("/v1/guide/install/docker/", None)
    assert _chrome(site, "/v1/guide/install/docker/")[1:] == ("/v1/guide/install/", "/v1/guide/install/yaml/")


def test_a_page_beside_menu_pages_gets_the_folder_trail(site):
    crumbs, previous, following = _chrome(site, "/v1/guide/extra/")
    assert crumbs == [("Guide", "/v1/guide/"), ("Extra", "/v1/guide/extra/")]
    assert (previous, following) == ("/v1/guide/", "/v1/guide/install/")


def test_a_page_under_no_menu_page_starts_from_the_version_home(site):
    crumbs, previous, following = _chrome(site, "/v1/loose/deep/page/")
    assert crumbs == [("Home", "/v1/"), ("Loose", "/v1/loose/deep/page/")]
    assert (previous, following) == ("/v1/", None)


def test_menu_pages_keep_the_menu_chrome(site):
    crumbs, previous, following = _chrome(site, "/v1/guide/install/")
    assert crumbs == [("Guide", "/v1/guide/"), ("Install", "/v1/guide/install/")]
    assert (previous, following) == ("/v1/guide/", None)


def test_the_page_shows_the_folder_chrome(site):
    html = SiteRenderer(site).render(site.page_for_url("/v1/guide/install/yaml/"))[1]
    assert 'class="dg-breadcrumbs"' in html and 'href="/v1/guide/install/"' in html
    assert 'rel="prev"' in html and 'href="/v1/guide/install/docker/"' in html
