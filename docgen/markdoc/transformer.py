"""AST → render tree, driven by the schemas in the config.

A node's schema is looked up by tag name (tags) or node type (nodes); a
schema `transform` callable takes over completely, otherwise the node
becomes ``Tag(render, attributes, children)`` or, without ``render``, just
its children. Only attributes declared by the schema (plus the global
``class`` and ``id``) reach the render tree.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

from .ast import Node
from .parser import MAX_TREE_DEPTH, nodes_of
from .schema import GLOBAL_ATTRIBUTES, merge_config, type_instance
from .tag import Tag
from .values import UNDEFINED, is_number

_PARTIAL_CHAIN = "_markdoc_partial_chain"
_PARTIAL_DEPTH = "_markdoc_partial_depth"
_RECURSION_FLOOR = 4000
# Element levels of a page with its partials expanded. Each document is at most MAX_TREE_DEPTH deep,
# but partials nest inside each other; the (recursive) transform needs a bound on the sum, which
# stays well inside _RECURSION_FLOOR at the few frames each level costs.
MAX_EXPANDED_DEPTH = 4 * MAX_TREE_DEPTH
_merged_attributes: dict[int, tuple[Any, dict, int]] = {}


def find_schema(node: Node, config: dict) -> dict | None:
    """The schema for a node: ``tags[tag]`` for tags, ``nodes[type]`` otherwise."""
    if node.tag:
        tags = config.get("tags")
        return tags.get(node.tag) if tags else None
    nodes = config.get("nodes")
    return nodes.get(node.type) if nodes else None


def schema_attributes(schema: dict | None) -> dict:
    """Global attributes followed by the schema's (cached per schema attributes dict)."""
    declared = schema.get("attributes") if schema else None
    if not declared:
        return GLOBAL_ATTRIBUTES
    cached = _merged_attributes.get(id(declared))
    if cached is not None and cached[0] is declared and cached[2] == len(declared):
        return cached[1]
    merged = {**GLOBAL_ATTRIBUTES, **declared}
    _merged_attributes[id(declared)] = (declared, merged, len(declared))
    return merged


def _render_disabled(render: Any) -> bool:
    """JS ``render == false``: false, 0, "" and "0" all mean "do not output"."""
    if render is False:
        return True
    if isinstance(render, str):
        return render.strip() in ("", "0")
    if is_number(render):
        return render == 0
    return False


def transform_attributes(node: Node, config: dict) -> dict:
    """The attributes a node contributes to its rendered element."""
    schema = find_schema(node, config)
    output: dict[str, Any] = {}
    source = node.attributes
    if not source and schema and not schema.get("attributes") and not schema.get("slots"):
        return output  # nothing set and nothing declared: the common case for Markdown nodes
    for key, attr in schema_attributes(schema).items():
        render = attr.get("render")
        if render is not None and render is not True and _render_disabled(render):
            continue
        name = render if isinstance(render, str) else key
        value = source.get(key, UNDEFINED)
        instance = type_instance(attr.get("type"))
        if instance is not None:
            transform = getattr(instance, "transform", None)
            if transform is not None:
                value = transform(value, config)
        if value is UNDEFINED:
            value = attr.get("default", UNDEFINED)
            if value is UNDEFINED:
                continue
        output[name] = value
    slots = schema.get("slots") if schema else None
    if slots:
        for key, slot in slots.items():
            render = (slot or {}).get("render")
            if render is False:
                continue
            name = render if isinstance(render, str) else key
            slot_node = node._slots.get(key) if node._slots else None
            if slot_node is not None:
                output[name] = transform_node(slot_node, config)
    return output


def transform_children(node: Node, config: dict) -> list:
    """Children's render trees, flattened one level (like ``flatMap``)."""
    output: list = []
    for child in node.children:
        result = transform_node(child, config)
        if type(result) is list:
            output.extend(result)
        else:
            output.append(result)
    return output


def transform_node(node: Node, config: dict) -> Any:
    """One node's render tree."""
    tag = node.tag
    if tag:
        tags = config.get("tags")
        schema = tags.get(tag) if tags else None
    else:
        nodes = config.get("nodes")
        schema = nodes.get(node.type) if nodes else None
    if schema:
        custom = schema.get("transform")
        if custom is not None and callable(custom):
            return custom(node, config)
    children = transform_children(node, config)
    if not schema:
        return children
    render = schema.get("render")
    if not render:
        return children
    return Tag(render, transform_attributes(node, config), children)


@lru_cache(maxsize=2048)
def tree_depth(node: Node) -> int:
    """Levels of the tree under `node` (1 for a leaf), slots included; computed without recursion."""
    deepest = 0
    pending = [(node, 1)]
    while pending:
        current, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in current.children)
        if current._slots:
            pending.extend((slot, depth + 1) for slot in current._slots.values())
    return deepest


def expanded_depth(partial: Node | list[Node], config: dict) -> int:
    """The levels a page would reach with `partial` expanded here (above MAX_EXPANDED_DEPTH: refused).

    Counted conservatively, without knowing where the include sits: the page at MAX_TREE_DEPTH
    plus the whole depth of each partial on the way.
    """
    return config.get(_PARTIAL_DEPTH, MAX_TREE_DEPTH) + max((tree_depth(part) for part in nodes_of(partial)), default=0)


def transform_partial(node: Node, config: dict) -> Any:
    """The ``partial`` tag: the partial's children with scoped variables.

    The chain of partials being expanded travels in the config so a partial
    that includes itself (directly or through others) stops instead of
    recursing forever; `validate` reports the cycle.
    """
    partials = config.get("partials") or {}
    file = node.attributes.get("file")
    try:
        partial = partials.get(file) if hasattr(partials, "get") else partials[file]
    except (KeyError, TypeError):
        partial = None
    if not partial:
        return None
    chain = config.get(_PARTIAL_CHAIN, ())
    if file in chain:
        return None
    depth = expanded_depth(partial, config)
    if depth > MAX_EXPANDED_DEPTH:
        return None
    variables = node.attributes.get("variables")
    scoped = dict(config)
    scoped["variables"] = {
        **(config.get("variables") or {}),
        **(variables if isinstance(variables, dict) else {}),
        "$$partial:filename": file,
    }
    scoped[_PARTIAL_CHAIN] = (*chain, file)
    scoped[_PARTIAL_DEPTH] = depth
    output: list = []
    for part in nodes_of(partial):
        output.extend(part.resolve(scoped).transform_children(scoped))
    return output


def transform(ast: Node | list[Node], config: dict | None = None) -> Any:
    """Resolve variables and functions, then build the render tree."""
    merged = merge_config(config)
    if sys.getrecursionlimit() < _RECURSION_FLOOR:
        # the AST is at most MAX_TREE_DEPTH deep, but schema transforms add frames per level
        sys.setrecursionlimit(_RECURSION_FLOOR)
    return _transform(ast, merged)


def _transform(ast: Node | list[Node], merged: dict) -> Any:
    if isinstance(ast, list):
        output: list = []
        for node in ast:
            result = transform_node(node.resolve(merged), merged)
            if type(result) is list:
                output.extend(result)
            else:
                output.append(result)
        return output
    return transform_node(ast.resolve(merged), merged)
