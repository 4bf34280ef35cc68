"""Links: every href an author writes goes through the site's resolver.

Versionless links (`/deployment/security`) mean "this version" and only the
site knows how to spell that; without a site the href is left as written.
Tags that link (tiles, callouts, connector cards) use `resolve_href` too, so
their links are versioned and checked exactly like Markdown links.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from docgen.markdoc import Node, RawHTML, Tag
from docgen.tags.base import INSIDE_LINK, attributes_of, children_of, element, page_context, plain_text
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
    children = children_of(node, {**config, INSIDE_LINK: True})
    if not _has_name(children) and attributes["href"]:
        attributes["aria-label"] = name_from_href(attributes["href"])
    return element("a", attributes, children)


def _has_name(tree: Any) -> bool:
    """True when the link content gives it a name: text, or an image with alt text."""
    if plain_text(tree).strip():
        return True
    items = tree if isinstance(tree, list) else [tree]
    for item in items:
        if isinstance(item, RawHTML):
            return True  # raw HTML may well carry text; never override it
        if isinstance(item, Tag):
            if item.attributes.get("aria-label") or (
                item.name == "img" and str(item.attributes.get("alt") or "").strip()
            ):
                return True
            if _has_name(item.children):
                return True
    return False


def name_from_href(href: str) -> str:
    """A readable name for a link whose content has none (a badge image without alt text):
    the last part of the path and, for another site, its host — "utils.py on github.com"."""
    parts = urlsplit(href)
    segments = [segment for segment in parts.path.split("/") if segment]
    tail = segments[-1] if segments else ""
    if parts.netloc:
        return f"{tail} on {parts.netloc}" if tail else parts.netloc
    return tail.replace("-", " ") if tail else href


NODES = {
    "link": {
        "children": children_with_line_breaks("link"),  # a link's text may wrap a line (see inline.py)
        "attributes": {"href": {"type": "String", "required": True}, "title": {"type": "String"}},
        "transform": transform_link,
    },
}

TAGS: dict[str, dict] = {}

CSS = ""
