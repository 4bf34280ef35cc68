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
from docgen.urlpolicy import DEFAULT_SCHEMES, PLACEHOLDER, RULE, unsafe_url_reason


def allowed_url(url: str, node: Node, config: dict, what: str = "link") -> bool:
    """Whether `url` may be published under the URL policy (docgen.urlpolicy); a refused one is reported
    as `url-unsafe` at `node` (the RenderContext's `url_schemes` adds the site's own schemes)."""
    context = page_context(config)
    schemes = getattr(context, "url_schemes", DEFAULT_SCHEMES)
    reason = unsafe_url_reason(url, schemes)
    if reason is None:
        return True
    if context is not None:
        context.report(node, RULE, "error", f"{what} {url!r} is not published: {reason}", url)
    return False


def resolve_href(href: str, node: Node, config: dict, what: str = "link") -> str:
    """The href as the page should emit it (unchanged without a RenderContext; `#` when the policy refuses it)."""
    if href and not allowed_url(href, node, config, what):
        return PLACEHOLDER
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
