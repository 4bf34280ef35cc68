"""Headings: the one slug implementation, unique ids, anchor links and the TOC.

`slugify` is GitHub-like so that links written for GitHub or the original site
(`#metadata-ingestion`) keep working; the check engine imports it from here so
there is exactly one definition of what an anchor is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import attributes_of, children_of, element, page_context, plain_text

_DROPPED = re.compile(r"[^\w\-. ]", re.UNICODE)
_WHITESPACE_RUN = re.compile(r"\s+")
_SLUG_FALLBACK = "section"


def slugify(text: str) -> str:
    """GitHub-style anchor: lowercase, punctuation dropped, spaces become hyphens.

    ``"Metadata Ingestion (UI)"`` → ``"metadata-ingestion-ui"``; ``"What's new?"``
    → ``"whats-new"``. Word characters of any script are kept, as GitHub does.
    Unlike GitHub, periods are kept: the OpenMetadata site's anchors do, and its
    pages link to them (``#1.-define-the-yaml-config``, ``#2.-prepare-the-ingestion-dag``).
    Spaces left at the ends by dropped symbols are trimmed too: its menu links
    ``# 1.9.6 Release 🎉`` as ``#1.9.6-release`` (GitHub would keep a trailing ``-``).
    A run of spaces left by a dropped symbol becomes one hyphen: the corpus links
    ``## Create Private / Public key`` as ``#create-private-public-key``.
    """
    normalized = unicodedata.normalize("NFKC", text).strip().lower()
    return _WHITESPACE_RUN.sub("-", _DROPPED.sub("", normalized).strip())


class HeadingIds:
    """Hands out page-unique ids: explicit ids win, slugs collide into ``-1``, ``-2``…"""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, text: str, explicit: str | None = None) -> str:
        base = explicit or slugify(text) or _SLUG_FALLBACK
        candidate = base
        suffix = 0
        while candidate in self._taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        self._taken.add(candidate)
        return candidate


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
        heading_id = explicit or slugify(text) or _SLUG_FALLBACK
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
