"""Themed documents: the search box, the version banner and the sidebar markup pages get."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.render import SiteRenderer
from docgen.site import Site, load_config


def _page(title: str, body: str = "Text.\n") -> str:
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{body}"


@pytest.fixture
def site(tmp_path, write_tree) -> Site:
    """v2 (the default) and v1; `old` exists only in v1, `new` only in v2."""
    write_tree(
        tmp_path,
        {
            "docgen.toml": 'title = "Docs"\n',
            "content/v1/index.md": _page("Home v1"),
            "content/v1/guide.md": _page("Guide"),
            "content/v1/old.md": _page("Old | Docs for everyone"),
            "content/v2/index.md": _page("Home"),
            "content/v2/guide.md": _page("Guide", "## Install\n\nSteps.\n"),
            "content/v2/new.md": _page("New"),
            "content/v2/menu.md": (
                "---\nsite_menu:\n  - category: Guide\n    url: /guide\n  - category: Guide / New\n    url: /new\n---\n"
            ),
        },
    )
    return Site.load(load_config(Path(tmp_path)))


def _html(site: Site, url: str, **options) -> str:
    return SiteRenderer(site, **options).render(site.page_for_url(url))[1]


def test_a_built_page_points_its_search_box_at_its_versions_bundle(site):
    html = _html(site, "/v1/guide/", search=True)
    assert 'data-search-state="ready"' in html and 'data-bundle="/_docgen/search/v1/"' in html
    assert '<article class="dg-content" data-pagefind-body>' in html
    assert 'content="v1" data-pagefind-filter="version[content]"' in html
    assert 'content="Guide" data-pagefind-meta="title[content]"' in html


def test_without_an_index_the_search_box_says_so(site):
    """docgen serve renders without search=True: the script then requests nothing."""
    assert 'data-search-state="unavailable"' in _html(site, "/v2/guide/")


def test_search_titles_drop_the_seo_suffix(site):
    assert 'content="Old" data-pagefind-meta="title[content]"' in _html(site, "/v1/old/", search=True)


def test_pages_of_an_older_version_point_to_the_same_page_or_the_home_of_the_default(site):
    banner = re.search(r'<div class="dg-version-banner".*?</div>', _html(site, "/v1/guide/"), re.S).group(0)
    assert "an older version" in banner and 'href="/v2/guide/"' in banner and "Read this page in v2" in banner
    banner = re.search(r'<div class="dg-version-banner".*?</div>', _html(site, "/v1/old/"), re.S).group(0)
    assert "does not exist in v2" in banner and 'href="/v2/"' in banner
    assert "dg-version-banner" not in _html(site, "/v2/guide/")


def test_the_version_menu_is_labelled(site):
    html = _html(site, "/v2/guide/")
    assert '<summary><span class="dg-visually-hidden">Version: </span>v2</summary>' in html


def test_no_link_sits_inside_a_disclosure_button(site):
    """A link inside <summary> is a control inside a control (axe: nested-interactive)."""
    html = _html(site, "/v2/new/")
    summaries = re.findall(r"<summary>(.*?)</summary>", html, re.S)
    assert summaries and not [s for s in summaries if "<a " in s]
    assert '<div class="dg-nav-branch"><a href="/v2/guide/">Guide</a><details open>' in html


def test_the_toc_is_both_a_folded_list_above_the_content_and_a_column(site):
    html = _html(site, "/v2/guide/")
    assert html.count('<li class="dg-toc-2"><a href="#install">Install</a></li>') == 2
    assert html.index('<details class="dg-toc-inline">') < html.index('<article class="dg-content"')
    assert '<aside class="dg-toc" aria-labelledby="dg-toc-title">' in html


def test_menu_and_theme_controls_are_named_buttons(site):
    html = _html(site, "/v2/guide/")
    assert re.search(r'<button type="button" class="dg-menu-button"[^>]*aria-controls="dg-sidebar"', html)
    assert '<span class="dg-visually-hidden">Menu</span></button>' in html
    assert '<span class="dg-visually-hidden">Dark theme</span></button>' in html
    assert "dg-nav-toggle" not in html  # no checkbox hack: the label was not reachable by keyboard
