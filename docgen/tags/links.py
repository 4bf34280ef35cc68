"""Links: every href an author writes goes through the site's resolver.

Versionless links (`/deployment/security`) mean "this version" and only the
site knows how to spell that; without a site the href is left as written.
Tags that link (tiles, callouts, connector cards) use `resolve_href` too, so
their links are versioned and checked exactly like Markdown links.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import INSIDE_LINK, attributes_of, children_of, element, page_context
from docgen.tags.inline import children_with_line_breaks


def resolve_href(href: str, node: Node, config: dict) -> str:
    """The href as the page should emit it (unchanged without a RenderContext)."""
    context = page_context(config)
    return context.resolve_link(href, node) if context is not None and href else href


def transform_link(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)
    attributes["href"] = resolve_href(str(attributes.get("href") or ""), node, config)
    return element("a", attributes, children_of(node, {**config, INSIDE_LINK: True}))


NODES = {
    "link": {
        "children": children_with_line_breaks("link"),  # a link's text may wrap a line (see inline.py)
        "attributes": {"href": {"type": "String", "required": True}, "title": {"type": "String"}},
        "transform": transform_link,
    },
}

TAGS: dict[str, dict] = {}

CSS = ""
