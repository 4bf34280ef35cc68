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
