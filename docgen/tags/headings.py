"""Headings: ids, anchor links and the TOC entries of the `heading` node.

Ids come from docgen.tags.slugs (`HeadingIds` through the page's context), the
one definition of what an anchor is, which docgen.check uses too.

A page has exactly one `<h1>` (readers, screen readers and search engines take
it as the page's name): every heading is registered with the context, a second
`# Heading` is rendered as an `<h2>` (so it is a section the TOC lists) and
reported as `heading-extra-h1`, and a page whose content has no h1 gets its
title as one from the theme (docgen.render).
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import attributes_of, children_of, element, page_context, plain_text
from docgen.tags.context import RenderContext
from docgen.tags.slugs import heading_slug


def heading_element(
    level: int, children: list[Any], config: dict, attributes: dict | None = None, explicit: str | None = None
) -> Any:
    """`<hN id>` with an anchor link; registered with the page's context (its h2/h3 make the TOC).

    Shared by Markdown headings and tags that title a section (step titles), so
    every heading on a page gets an id from the same page-unique registry.
    """
    text = plain_text(children).strip()
    context = page_context(config)
    if context is not None:
        heading_id = context.heading_id(text, explicit)
        context.add_heading(level, text, heading_id)
    else:
        heading_id = heading_slug(text, explicit)
    anchor = element(
        "a", {"class": "dg-anchor", "href": f"#{heading_id}", "aria-label": f"Link to this section: {text}"}, ["#"]
    )
    return element(f"h{level}", {**(attributes or {}), "id": heading_id}, [*children, anchor])


def transform_heading(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)  # `level` is not rendered, so read it from the node
    level = demoted_level(node, int(node.attributes.get("level") or 1), config)
    explicit = attributes.pop("id", None)
    return heading_element(level, children_of(node, config), config, attributes, explicit)


EXTRA_H1_MESSAGE = "a page has one h1 (its title); this extra top-level heading is shown as a level-2 heading: use `##`"


def demoted_level(node: Node, level: int, config: dict) -> int:
    """A second h1 on the page becomes an h2 (a section, listed in the TOC), with a finding.

    Demoting rather than only reporting keeps the one-h1 promise for readers
    while the author fixes the source; the first h1 (in document order,
    partials and the connector header included) keeps its level.
    """
    context = page_context(config)
    if level != 1 or context is None or not has_h1(context):
        return level
    context.report(node, "heading-extra-h1", "warning", EXTRA_H1_MESSAGE)
    return 2


def source_has_h1(ast: Node) -> bool:
    """Whether the page's own source has a `#` heading (partials aside).

    A tag that can title the page (the connector header, schema key `pageTitle`)
    renders its name as the h1 only when the page has no `#` heading of its own:
    `# Run the Postgres connector from YAML` says more than the connector's name.
    """
    return any(node.type == "heading" and node.attributes.get("level") == 1 for node in ast.walk())


def has_h1(context: RenderContext) -> bool:
    """Whether a level-1 heading was already rendered on this page."""
    return any(heading.level == 1 for heading in context.headings)


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
