"""docgen's tag library: schemas, node overrides and styles for the OpenMetadata tag set.

Each family module (listed in `FAMILIES`) defines `TAGS`, optionally `NODES`,
and `CSS`; this package only collects them, so adding a tag touches one module.
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
from docgen.tags.slugs import slugify

FAMILIES = (
    "admonitions",
    "media",
    "icons",
    "steps",
    "code",
    "connectors",
    "editions",
    "layout",
    "headings",
    "links",
    "inline",
    "partials",
)

__all__ = [
    "FAMILIES",
    "ImageRef",
    "RenderContext",
    "StandaloneContext",
    "all_css",
    "all_nodes",
    "all_tags",
    "family_modules",
    "markdoc_config",
    "slugify",
]


@lru_cache(maxsize=1)
def family_modules() -> tuple[ModuleType, ...]:
    return tuple(import_module(f"{__name__}.{name}") for name in FAMILIES)


def _merged(kind: str, base: Mapping[str, dict]) -> dict[str, dict]:
    """Built-ins first, then every family's schemas; a name defined by two families is a bug.

    An override keeps the built-in's keys it does not set (e.g. a node's allowed children).
    """
    merged = dict(base)
    owners: dict[str, str] = {}
    for module in family_modules():
        for name, schema in getattr(module, kind, {}).items():
            if name in owners:
                raise RuntimeError(
                    f"{kind[:-1].lower()} {name!r} is defined by both {owners[name]} and {module.__name__}"
                )
            owners[name] = module.__name__
            merged[name] = {**base.get(name, {}), **schema}
    return merged


@lru_cache(maxsize=1)
def _all_tags() -> dict[str, dict]:
    from docgen.markdoc.schema import TAGS as builtin_tags

    return _merged("TAGS", builtin_tags)


@lru_cache(maxsize=1)
def _all_nodes() -> dict[str, dict]:
    from docgen.markdoc.schema import NODES as builtin_nodes

    return _merged("NODES", builtin_nodes)


def all_tags() -> dict[str, dict]:
    """Every tag schema: Markdoc's built-ins (if/else/partial/slot/table) overridden by the families."""
    return dict(_all_tags())


def all_nodes() -> dict[str, dict]:
    """Every node schema: Markdoc's defaults with docgen's overrides (heading, fence, link, image, …)."""
    return dict(_all_nodes())


@lru_cache(maxsize=1)
def all_css() -> str:
    """The families' styles, in `FAMILIES` order, each under a comment naming it."""
    return "\n".join(
        f"/* docgen.tags.{module.__name__.rsplit('.', 1)[-1]} */\n{module.CSS.strip()}\n"
        for module in family_modules()
        if module.CSS.strip()
    )


def markdoc_config(
    context: RenderContext | None, variables: Mapping[str, Any] | None = None, partials: Mapping | None = None
) -> dict:
    """The Markdoc config for one page render (or for validation when `context` is None)."""
    return {
        "tags": all_tags(),
        "nodes": all_nodes(),
        "variables": dict(variables or {}),
        "partials": partials if partials is not None else {},
        "docgen": context,
    }
