"""The shared sidebar marks the current page by splicing, not by re-rendering."""

import re

from docgen.render.sidebar import BranchSidebar, SharedSidebar, SidebarItem
from docgen.theme import Theme


def _menu() -> list[SidebarItem]:
    return [
        SidebarItem(
            "Guide",
            None,
            [
                SidebarItem("Install", "/v1/install/"),
                SidebarItem("Deploy", "/v1/deploy/", [SidebarItem("Docker", "/v1/deploy/docker/")]),
            ],
        ),
        SidebarItem("About", "/v1/about/"),
    ]


def _render_with_theme(items):
    return Theme().render("sidebar.html", nav=items)


def test_plain_sidebar_has_no_markers_and_nothing_open():
    sidebar = SharedSidebar(_menu(), _render_with_theme)
    html = sidebar.html_for("/v1/unknown/")
    assert "\x00" not in html
    assert " open" not in html
    assert "aria-current" not in html
    assert html.count("<details") == 2


def test_current_page_is_marked_and_its_ancestors_open():
    sidebar = SharedSidebar(_menu(), _render_with_theme)
    html = sidebar.html_for("/v1/deploy/docker/")
    assert '<a href="/v1/deploy/docker/" aria-current="page">Docker</a>' in html
    assert html.count("<details open>") == 2
    assert html.count("aria-current") == 1


def test_a_section_page_opens_its_own_section():
    sidebar = SharedSidebar(_menu(), _render_with_theme)
    html = sidebar.html_for("/v1/deploy/")
    assert '<a href="/v1/deploy/" aria-current="page">Deploy</a>' in html
    assert html.count("<details open>") == 2


def test_renders_once_for_many_pages():
    calls = []

    def render(items):
        calls.append(1)
        return _render_with_theme(items)

    sidebar = SharedSidebar(_menu(), render)
    for url in ["/v1/install/", "/v1/about/", "/v1/deploy/docker/"]:
        sidebar.html_for(url)
    assert len(calls) == 1


def _deep_menu() -> list[SidebarItem]:
    """`_menu` with a section whose only page sits two levels down."""
    menu = _menu()
    menu.insert(1, SidebarItem("Reference", None, [SidebarItem("API", None, [SidebarItem("REST", "/v1/rest/")])]))
    return menu


def test_branch_sidebar_opens_only_the_current_branch():
    html = BranchSidebar(_deep_menu(), _render_with_theme).html_for("/v1/deploy/docker/")
    assert '<a href="/v1/deploy/docker/" aria-current="page">Docker</a>' in html
    assert '<a href="/v1/install/">Install</a>' in html  # a sibling of an ancestor
    assert "REST" not in html  # another section's children are left out ...
    assert '<a href="/v1/rest/">Reference</a>' in html  # ... and the section links to its first page
    assert html.count("<details open>") == 2


def test_branch_sidebar_keeps_every_page_reachable():
    """From any page, following sidebar links reaches every page of the menu."""
    sidebar = BranchSidebar(_deep_menu(), _render_with_theme)
    every = {"/v1/install/", "/v1/deploy/", "/v1/deploy/docker/", "/v1/rest/", "/v1/about/"}
    seen, todo = set(), ["/v1/about/"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        todo.extend(re.findall(r'href="([^"]+)"', str(sidebar.html_for(url))))
    assert seen == every


def test_branch_sidebar_renders_once_per_branch():
    calls = []

    def render(items):
        calls.append(1)
        return _render_with_theme(items)

    sidebar = BranchSidebar(_deep_menu(), render)
    for url in ["/v1/install/", "/v1/deploy/", "/v1/install/", "/v1/about/", None]:
        sidebar.html_for(url)
    assert len(calls) == 3  # Guide open; Guide and Deploy open; nothing open (About, the 404 page)
    assert sidebar.fingerprint("/v1/install/") != sidebar.fingerprint("/v1/about/")
