"""Headings: ids, anchor links and the TOC entries of the `heading` node.

Ids come from docgen.tags.slugs (`HeadingIds` through the page's context), the
one definition of what an anchor is, which docgen.check uses too.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import attributes_of, children_of, element, page_context, plain_text
from docgen.tags.slugs import heading_slug

TOC_LEVELS = (2, 3)


def heading_element(
    level: int, children: list[Any], config: dict, attributes: dict | None = None, explicit: str | None = None
) -> Any:
    """`<hN id>` with an anchor link; h2/h3 are registered for the page TOC.

    Shared by Markdown headings and tags that title a section (step titles), so
    every heading on a page gets an id from the same page-unique registry.
    """
    text = plain_text(children).strip()
    context = page_context(config)
    if context is not None:
        heading_id = context.heading_id(text, explicit)
        if level in TOC_LEVELS:
            context.add_heading(level, text, heading_id)
    else:
        heading_id = heading_slug(text, explicit)
    anchor = element(
        "a", {"class": "dg-anchor", "href": f"#{heading_id}", "aria-label": f"Link to this section: {text}"}, ["#"]
    )
    return element(f"h{level}", {**(attributes or {}), "id": heading_id}, [*children, anchor])


def transform_heading(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)  # `level` is not rendered, so read it from the node
    level = int(node.attributes.get("level") or 1)
    explicit = attributes.pop("id", None)
    return heading_element(level, children_of(node, config), config, attributes, explicit)


NODES = {
    "heading": {
        "children": ["inline"],
        "attributes": {"level": {"type": "Number", "required": True, "render": False}},
        "transform": transform_heading,
    },
}

TAGS: dict[str, dict] = {}

CSS = """
.dg-content :is(h1, h2, h3, h4, h5, h6) { position: relative; scroll-margin-top: var(--dg-header-h, 3.5rem); }
.dg-anchor {
  margin-inline-start: .35em; color: var(--dg-fg-muted, #6b7280); text-decoration: none;
  opacity: 0; transition: opacity .15s;
}
:is(h1, h2, h3, h4, h5, h6):is(:hover, :focus-within) > .dg-anchor, .dg-anchor:focus-visible { opacity: 1; }
@media (hover: none) { .dg-anchor { opacity: .6; } }
"""
