"""Markdown links go through the context's resolver."""

from tag_helpers import VersionedContext, render_tree


def test_links_resolve_through_the_context():
    tree = render_tree(
        'See [basic auth](/deployment/security/basic-auth "Basic") and [x](https://x.org).\n',
        context=VersionedContext(version="v1.9.x"),
    )
    first, second = tree.find_all("a")
    assert first.attrs == {"href": "/v1.9.x/deployment/security/basic-auth", "title": "Basic"}
    assert second.attrs["href"] == "https://x.org"


def test_links_unchanged_without_a_context():
    assert render_tree("[a](/a/b#c)\n").find("a").attrs["href"] == "/a/b#c"


def test_a_link_whose_content_has_no_text_is_named_after_its_target():
    """A badge image without alt text inside a link would leave the link nameless (axe: link-name)."""
    source = '[{% image src="/images/badge.png" /%}](https://github.com/org/repo/tree/main/utils.py#L24)\n'
    link = render_tree(source).find("a")
    assert link.attrs["aria-label"] == "utils.py on github.com"
    assert render_tree("[](/v1.9/some-page/)\n").find("a").attrs["aria-label"] == "some page"


def test_a_link_with_text_or_an_alt_text_keeps_its_own_name():
    assert "aria-label" not in render_tree("[Install](/install/)\n").find("a").attrs
    assert "aria-label" not in render_tree("[![A screen](/i.png)](/install/)\n").find("a").attrs
