"""Navigation from menu.md and from folders: tree, order, breadcrumbs, open nodes, editions."""

from __future__ import annotations

from site_helpers import page

import docgen.site.nav as nav_module
from docgen.site.nav import split_category

MENU = """---
site_menu:
  - category: Guide
    url: /guide
  - category: Guide / Install
    url: /guide/install
  - category: Guide /  Install/Linux
    url: /guide/install/linux#top
  - category: Guide / Missing
    url: /guide/missing
  - category: Reference / API / Endpoints
    url: /reference/endpoints
  - category: Reference / Paid
    url: /paid
  - category: Elsewhere
    url: https://example.org/
---
"""

FILES = {
    "content/v1/menu.md": MENU,
    "content/v1/guide/index.md": page("Guide page"),
    "content/v1/guide/install/index.md": page("Install page"),
    "content/v1/guide/install/linux.md": page("Linux page"),
    "content/v1/reference/endpoints.md": page("Endpoints page"),
    "content/v1/paid.md": page("Paid page", collate=True),
    "content/v1/unlisted.md": page("Unlisted"),
}


def titles(nodes):
    return [node.title for node in nodes]


def test_split_category_tolerates_irregular_spacing():
    assert split_category(" A /  B/C ") == ("A", "B", "C")
    assert split_category("A // B") == ("A", "B")
    assert split_category("Domains &  Data Product") == ("Domains & Data Product",)


def test_menu_tree_and_entries(make_site):
    site = make_site(FILES)
    nav = site.navigation("v1")
    assert nav.source == "content/v1/menu.md"
    assert titles(nav.roots) == ["Guide", "Reference", "Elsewhere"]
    guide = nav.roots[0]
    assert (guide.url, guide.page.title) == ("/v1/guide/", "Guide page")
    assert titles(guide.children) == ["Install", "Missing"]
    linux = guide.children[0].children[0]
    assert (linux.title, linux.url, linux.page.title) == ("Linux", "/v1/guide/install/linux/#top", "Linux page")
    missing = guide.children[1]
    assert (missing.url, missing.page) == ("/v1/guide/missing/", None)
    reference = nav.roots[1]
    assert (reference.url, reference.page, reference.entry) == (None, None, None)  # a title-only parent
    assert titles(reference.children) == ["API"]  # "Paid" is collate-only: hidden in oss
    assert nav.roots[2].entry.external and nav.roots[2].url == "https://example.org/"
    assert len(nav.entries) == 7
    paid = next(e for e in nav.entries if e.category == "Reference / Paid")
    assert paid.excluded and paid.page is None
    assert [e.line for e in nav.entries] == [3, 5, 7, 9, 11, 13, 15]
    assert len({node.key for node in nav.walk()}) == len(list(nav.walk()))


def test_reading_order_previous_next_breadcrumbs(make_site):
    site = make_site(FILES)
    nav = site.navigation("v1")
    assert [p.title for p in nav.order] == ["Guide page", "Install page", "Linux page", "Endpoints page"]
    linux = site.page_for_url("/v1/guide/install/linux/")
    assert nav.previous(linux).title == "Install page" and nav.next(linux).title == "Endpoints page"
    first = site.page_for_url("/v1/guide/")
    assert nav.previous(first) is None
    assert nav.next(site.page_for_url("/v1/reference/endpoints/")) is None
    assert titles(nav.breadcrumbs(linux)) == ["Guide", "Install", "Linux"]
    assert titles(nav.open_nodes(linux)) == ["Guide", "Install"]
    install = site.page_for_url("/v1/guide/install/")
    assert titles(nav.open_nodes(install)) == ["Guide", "Install"]
    unlisted = site.page_for_url("/v1/unlisted/")
    assert nav.breadcrumbs(unlisted) == [] and nav.next(unlisted) is None


def test_collate_edition_uses_collate_menu_and_shows_collate_pages(make_site):
    files = dict(FILES)
    files["content/v1/collate-menu.md"] = "---\nsite_menu:\n  - category: Paid\n    url: /paid\n---\n"
    site = make_site(files, 'edition = "collate"\n')
    nav = site.navigation("v1")
    assert nav.source == "content/v1/collate-menu.md"
    assert [(n.title, n.page.title) for n in nav.roots] == [("Paid", "Paid page")]
    oss = make_site(files)
    assert oss.navigation("v1").source == "content/v1/menu.md"


def test_broken_menu_items_are_diagnostics(make_site):
    site = make_site(
        {
            "content/v1/menu.md": "---\nsite_menu:\n  - category: Good\n    url: /a\n  - url: /b\n  - category: 3\n---\n",
            "content/v1/a.md": page("A"),
        }
    )
    nav = site.navigation("v1")
    assert titles(nav.roots) == ["Good"]
    problems = [(d.file, d.line, d.rule) for d in site.diagnostics]
    assert problems == [("content/v1/menu.md", 5, "menu-broken"), ("content/v1/menu.md", 6, "menu-broken")]


def test_menu_without_site_menu_list(make_site):
    site = make_site({"content/v1/menu.md": "---\ntitle: Menu\n---\n", "content/v1/a.md": page("A")})
    assert site.navigation("v1").roots == []
    assert [(d.line, d.rule) for d in site.diagnostics] == [(1, "menu-broken")]


def test_folder_navigation_without_menu(make_site):
    site = make_site(
        {
            "content/v2/index.md": page("Welcome"),
            "content/v2/zeta.md": page("Zeta"),
            "content/v2/alpha.md": page("Alpha"),
            "content/v2/guide/index.md": page("The Guide"),
            "content/v2/guide/b.md": page("Bravo"),
            "content/v2/guide/a.md": page("Able"),
            "content/v2/misc/tools/hammer.md": page("Hammer"),
        }
    )
    nav = site.navigation("v2")
    assert nav.source is None and nav.entries == []
    assert titles(nav.roots) == ["Welcome", "Alpha", "Misc", "The Guide", "Zeta"]
    guide = nav.roots[3]
    assert guide.url == "/v2/guide/" and titles(guide.children) == ["Able", "Bravo"]
    misc = nav.roots[2]
    assert (misc.url, titles(misc.children), titles(misc.children[0].children)) == (None, ["Tools"], ["Hammer"])
    assert all(node.parent is None for node in nav.roots)
    assert [p.title for p in nav.order] == ["Welcome", "Alpha", "Hammer", "The Guide", "Able", "Bravo", "Zeta"]
    hammer = site.page_for_url("/v2/misc/tools/hammer/")
    assert titles(nav.breadcrumbs(hammer)) == ["Misc", "Tools", "Hammer"]


def test_openmetadata_menu(openmetadata_site):
    site = openmetadata_site
    nav = site.navigation("v1.9.x")
    assert nav.source == "content/v1.9.x/menu.md"
    assert len(nav.entries) == 1177
    linked = [e for e in nav.entries if e.page is not None]
    assert 250 < len(linked) < 1177  # the corpus is a subset of the menu's pages
    okta = site.page_for_url("/v1.9.x/deployment/security/okta/")
    crumbs = titles(nav.breadcrumbs(okta))
    assert crumbs[0] == "Deployment" and crumbs[-1] == "Okta SSO"
    assert nav.previous(okta) is not None and nav.next(okta) is not None
    spaced = [e for e in nav.entries if e.category.endswith("/  How to Use Domains")]
    assert spaced and spaced[0].path[-1] == "How to Use Domains"
    assert not [d for d in site.diagnostics if d.rule == "menu-broken"]


def test_invalid_utf8_in_a_menu_is_positioned_and_the_menu_still_works(make_site):
    menu = b"---\nsite_menu:\n  - category: Caf\xe9\n    url: /a\n---\n"
    site = make_site({"content/v1/a.md": page("A"), "content/v1/menu.md": menu})
    found = [(d.file, d.line, d.column, d.rule) for d in site.diagnostics]
    assert found == [("content/v1/menu.md", 3, 18, "encoding-invalid")]
    (root,) = site.navigation("v1").roots
    assert root.title == "Caf\ufffd" and root.page is not None


def test_unreadable_menu_is_a_diagnostic(make_site, monkeypatch):
    """As root (who reads anything) a chmod cannot make the read fail, so the read is made to fail."""

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(nav_module, "read_source", denied)
    site = make_site({"content/v1/a.md": page("A"), "content/v1/menu.md": "---\nsite_menu: []\n---\n"})
    assert site.navigation("v1").roots == []
    assert [(d.file, d.rule) for d in site.diagnostics] == [("content/v1/menu.md", "menu-broken")]
