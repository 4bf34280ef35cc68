"""Small helpers every tag family shares, so each family module stays about HTML.

Transforms receive Markdoc nodes and the config dict; these helpers give them the
page's RenderContext (or None), attribute dicts without unset values, and plain
text of a render tree (for ids and labels).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docgen.markdoc import Node, Tag

if TYPE_CHECKING:
    from docgen.tags.context import RenderContext


# Config key set while a link's children are transformed: nothing inside may be another link.
INSIDE_LINK = "docgen.inside-link"


def page_context(config: dict) -> RenderContext | None:
    """The RenderContext docgen puts at ``config["docgen"]``; None for plain Markdoc use."""
    return config.get("docgen")


def element(name: str, attributes: dict[str, Any] | None = None, children: Iterable[Any] = ()) -> Tag:
    """A render Tag whose None/False attributes are dropped (absent, not "None")."""
    kept = {key: value for key, value in (attributes or {}).items() if value is not None and value is not False}
    return Tag(name, kept, list(children))


def class_names(*names: str | None) -> str:
    """Join the truthy class names with spaces."""
    return " ".join(name for name in names if name)


def text_of(attributes: dict[str, Any], key: str, default: str = "") -> str:
    """A string attribute, or `default` when absent or mistyped (validation reports the type)."""
    value = attributes.get(key)
    if isinstance(value, str):
        return value
    return default if value is None or isinstance(value, (bool, dict, list)) else str(value)


def list_of(attributes: dict[str, Any], key: str) -> list[Any]:
    """An array attribute, or [] when absent or mistyped (validation reports the type)."""
    value = attributes.get(key)
    return value if isinstance(value, list) else []


def attributes_of(node: Node, config: dict) -> dict[str, Any]:
    """The node's attributes with variables resolved and schema defaults applied."""
    return node.transform_attributes(config)


def children_of(node: Node, config: dict) -> list[Any]:
    """The node's transformed children as a flat list."""
    return flatten(node.transform_children(config))


def flatten(tree: Any) -> list[Any]:
    """Render children as one flat list: lists spliced in, None dropped."""
    if tree is None:
        return []
    if isinstance(tree, list):
        out: list[Any] = []
        for item in tree:
            out.extend(flatten(item))
        return out
    return [tree]


def plain_text(tree: Any) -> str:
    """Concatenated text content of a render tree (tags contribute their children's text)."""
    if tree is None or isinstance(tree, bool):
        return ""
    if isinstance(tree, (str, int, float)):
        return str(tree)
    if isinstance(tree, list):
        return "".join(plain_text(item) for item in tree)
    if isinstance(tree, Tag):
        return plain_text(tree.children)
    return ""


def is_element(tree: Any, name: str) -> bool:
    """True when `tree` is a render Tag named `name`."""
    return isinstance(tree, Tag) and tree.name == name


def as_list_items(children: Iterable[Any], item_class: str) -> list[Any]:
    """Wrap children that are not `<li>` so a container can be a real `<ul>`/`<ol>`.

    Containers such as stepsContainer or tilesContainer hold their items plus the
    occasional paragraph or extraContent; only `<li>` may sit in a list.
    """
    items: list[Any] = []
    for child in flatten(list(children)):
        if is_element(child, "li"):
            items.append(child)
        elif isinstance(child, str) and not child.strip():
            continue
        else:
            items.append(element("li", {"class": item_class}, [child]))
    return items
