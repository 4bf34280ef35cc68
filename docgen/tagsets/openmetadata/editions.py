"""Editions: `collateContent` and `ossContent`.

One source serves two products. Content for the other edition is dropped
before it is transformed (so its headings never reach the TOC and its images
are never requested); without a site, or with an edition other than the two
known ones, both render — the raw Markdown shows both, too. Both tags are used
inline ("This is {% collateContent %}Collate{% /collateContent %} …") and as
blocks, so they add no wrapper element.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import children_of, page_context
from docgen.tags.context import EDITIONS

#: The tag that limits its content to one edition, by tag name (its schema's "edition" key tells docgen.check).
EDITION_TAGS = {"collateContent": "collate", "ossContent": "oss"}


def shows_edition(config: dict, edition: str) -> bool:
    """Whether content for `edition` belongs on this page."""
    context = page_context(config)
    current = getattr(context, "edition", None)
    return current not in EDITIONS or current == edition


def edition_transform(edition: str):
    """A transform that keeps the children only in `edition`."""

    def transform(node: Node, config: dict) -> Any:
        return children_of(node, config) if shows_edition(config, edition) else None

    transform.__doc__ = f"Children when the page's edition is {edition!r} (or unknown), else nothing."
    return transform


TAGS = {tag: {"transform": edition_transform(edition), "edition": edition} for tag, edition in EDITION_TAGS.items()}

CSS = ""
