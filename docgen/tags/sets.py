"""Schemas as layers: docgen's core families, tag sets, and their merge into one Markdoc schema.

A *family* is a module (or any object) with `TAGS`, optionally `NODES` and
`FUNCTIONS`, and `CSS` — the shape of docgen's own family modules. A *tag set*
is a named bundle of families found through the ``docgen.tag_sets`` entry-point
group: the entry point names a module whose `FAMILIES` lists its family
submodules (or which is itself one family). docgen registers its OpenMetadata
tags this way (docgen.tagsets.openmetadata), so a third-party package does
exactly what docgen does.

Inside the core and the enabled tag sets a name is defined once: a tag set
that redefines a core tag, or two sets with the same tag, is a `TagSetError`
(the site's own schema, which may override, is merged above this layer by
docgen.site.schema). CSS is grouped by family name — the core's
``media`` styles and a set's ``media`` styles share one section — with the
tag sets' families first, in the order the site enables them, then the
core's; that keeps one stylesheet order however a site composes its sets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

ENTRY_POINT_GROUP = "docgen.tag_sets"
CORE = "core"


class TagSetError(Exception):
    """A tag set that cannot be loaded or clashes with the core or another set."""


@dataclass(frozen=True)
class Family:
    """One family's schemas and styles, and where it comes from (`origin`: "core" or "tag set NAME")."""

    name: str
    origin: str
    tags: Mapping[str, dict]
    nodes: Mapping[str, dict]
    functions: Mapping[str, dict]
    css: str


@dataclass(frozen=True)
class Schema:
    """A merged Markdoc schema: what a page's config gets, and where each entry was defined."""

    tags: Mapping[str, dict]
    nodes: Mapping[str, dict]
    functions: Mapping[str, dict]
    css: str
    #: ("tag" | "node" | "function", name) -> origin ("core", "tag set openmetadata", "docgen.toml:12", …)
    origins: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: the heading-id function (docgen.tags.slugs.slugify when None); a site's schema module may set it
    slugify: Callable[[str], str] | None = None


def family_of(module: Any, origin: str, name: str | None = None) -> Family:
    """The family an object defines; `name` defaults to the module's last dotted name."""
    label = name or str(getattr(module, "__name__", origin)).rsplit(".", 1)[-1]
    return Family(
        name=label,
        origin=origin,
        tags=dict(getattr(module, "TAGS", {}) or {}),
        nodes=dict(getattr(module, "NODES", {}) or {}),
        functions=dict(getattr(module, "FUNCTIONS", {}) or {}),
        css=str(getattr(module, "CSS", "") or ""),
    )


def families_of(package: Any, origin: str) -> tuple[Family, ...]:
    """A package's families (its `FAMILIES` submodules), or the package itself as one family."""
    names = getattr(package, "FAMILIES", None)
    if names is None:
        return (family_of(package, origin),)
    base = getattr(package, "__name__", "")
    return tuple(family_of(import_module(f"{base}.{name}"), origin) for name in names)


def available_tag_sets() -> dict[str, Any]:
    """Installed tag sets by name (entry points of ``docgen.tag_sets``), not yet imported."""
    return {point.name: point for point in entry_points(group=ENTRY_POINT_GROUP)}


@cache
def load_tag_set(name: str) -> tuple[Family, ...]:
    """The families of tag set `name`; `TagSetError` when it is not installed or fails to import."""
    points = available_tag_sets()
    if name not in points:
        known = ", ".join(sorted(points)) or "none"
        raise TagSetError(f"unknown tag set {name!r} (installed: {known}; entry-point group {ENTRY_POINT_GROUP})")
    try:
        package = points[name].load()
    except Exception as error:  # a broken third-party package must become a finding, not a traceback
        raise TagSetError(f"tag set {name!r} failed to import: {type(error).__name__}: {error}") from error
    return families_of(package, f"tag set {name}")


def core_families() -> tuple[Family, ...]:
    from docgen.tags import family_modules

    return tuple(family_of(module, CORE) for module in family_modules())


def merge(families: Iterable[Family]) -> Schema:
    """Markdoc's built-ins, then each family; a name defined twice among `families` is a `TagSetError`.

    A node override keeps the built-in's keys it does not set (e.g. a node's allowed children).
    """
    from docgen.markdoc.schema import FUNCTIONS as builtin_functions
    from docgen.markdoc.schema import NODES as builtin_nodes
    from docgen.markdoc.schema import TAGS as builtin_tags

    families = tuple(families)
    origins: dict[tuple[str, str], str] = {}
    merged: dict[str, dict[str, dict]] = {}
    for kind, base in (("tag", builtin_tags), ("node", builtin_nodes), ("function", builtin_functions)):
        table = dict(base)
        origins.update({(kind, name): "markdoc" for name in base})
        owners: dict[str, Family] = {}
        for family in families:
            for name, schema in getattr(family, f"{kind}s").items():
                if name in owners:
                    raise TagSetError(
                        f"{kind} {name!r} is defined by both {owners[name].origin} ({owners[name].name}) "
                        f"and {family.origin} ({family.name})"
                    )
                owners[name] = family
                table[name] = {**base.get(name, {}), **schema}
                origins[(kind, name)] = family.origin
        merged[kind] = table
    return Schema(merged["tag"], merged["node"], merged["function"], merged_css(families), origins)


def merged_css(families: Iterable[Family]) -> str:
    """One section per family name, each under a comment naming it: the sets' families first, then the core's."""
    families = tuple(families)
    order: list[str] = []
    for family in sorted(families, key=lambda f: f.origin == CORE):
        if family.name not in order:
            order.append(family.name)
    sections = []
    for name in order:
        parts = [f.css.strip() for f in sorted(families, key=lambda f: f.origin != CORE) if f.name == name]
        body = "\n\n".join(part for part in parts if part)
        if body:
            sections.append(f"/* docgen.tags.{name} */\n{body}\n")
    return "\n".join(sections)


@cache
def schema_with_sets(names: tuple[str, ...] = ()) -> Schema:
    """The core merged with the tag sets `names`, in that order (cached: schemas are shared, read-only)."""
    families = [family for name in names for family in load_tag_set(name)]
    return merge([*families, *core_families()])


__all__ = [
    "CORE",
    "ENTRY_POINT_GROUP",
    "Family",
    "Schema",
    "TagSetError",
    "available_tag_sets",
    "core_families",
    "families_of",
    "family_of",
    "load_tag_set",
    "merge",
    "merged_css",
    "schema_with_sets",
]
