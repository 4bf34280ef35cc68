"""docgen's core tag library: what any Markdoc site needs, beyond Markdoc's built-ins.

Heading ids and the TOC, highlighted fences, link resolution, Markdown image
sizes and inline nodes, and the `partial` tag. Each family module (listed in
`FAMILIES`) defines `TAGS`, optionally `NODES`, and `CSS`; this package only
collects them, so adding a tag touches one module. Tags of one kind of site
live in tag sets (docgen.tags.sets; docgen's own: docgen.tagsets), which a
site enables by name.
Transforms reach the page's site through a `RenderContext` at
``config["docgen"]`` and still work without one (plain Markdoc use).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import import_module
from types import ModuleType
from typing import Any

from docgen.tags.context import ImageRef, RenderContext, StandaloneContext
from docgen.tags.sets import Schema, schema_with_sets
from docgen.tags.slugs import slugify

FAMILIES = ("media", "code", "headings", "links", "inline", "partials")

__all__ = [
    "FAMILIES",
    "ImageRef",
    "RenderContext",
    "Schema",
    "StandaloneContext",
    "all_css",
    "all_nodes",
    "all_tags",
    "core_schema",
    "family_modules",
    "markdoc_config",
    "slugify",
]


@lru_cache(maxsize=1)
def family_modules() -> tuple[ModuleType, ...]:
    return tuple(import_module(f"{__name__}.{name}") for name in FAMILIES)


def core_schema() -> Schema:
    """Markdoc's built-ins with the core families (no tag set)."""
    return schema_with_sets(())


def all_tags() -> dict[str, dict]:
    """Every core tag schema: Markdoc's built-ins (if/else/partial/slot/table) overridden by the families."""
    return dict(core_schema().tags)


def all_nodes() -> dict[str, dict]:
    """Every core node schema: Markdoc's defaults with docgen's overrides (heading, fence, link, image, …)."""
    return dict(core_schema().nodes)


def all_css() -> str:
    """The core families' styles, in `FAMILIES` order, each under a comment naming it."""
    return core_schema().css


def markdoc_config(
    context: RenderContext | None,
    variables: Mapping[str, Any] | None = None,
    partials: Mapping | None = None,
    schema: Schema | None = None,
) -> dict:
    """The Markdoc config for one page render (or for validation when `context` is None).

    `schema` is the site's merged schema (tag sets and the site's own tags); the core's without one.
    """
    schema = schema or core_schema()
    return {
        "tags": dict(schema.tags),
        "nodes": dict(schema.nodes),
        "functions": dict(schema.functions),
        "variables": dict(variables or {}),
        "partials": partials if partials is not None else {},
        "docgen": context,
    }
