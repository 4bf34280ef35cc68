"""Built-in schemas: Markdown nodes, the tags if/else/partial/slot/table, the functions
and attribute types, as plain data like Markdoc's so users override them the same way."""

from __future__ import annotations

import re
from typing import Any

from .tag import Tag
from .values import UNDEFINED, is_number, js_truthy, json_stringify, strict_equal, truthy

# ---------------------------------------------------------------------------------------
# Attribute types that carry behaviour (validate / transform)


class ClassAttribute:
    """``class``: a string, or ``{name: truthy}`` whose truthy keys are joined with spaces."""

    def validate(self, value: Any, config: dict, key: str) -> list[dict]:
        if not (isinstance(value, bool) or is_number(value) or value is UNDEFINED):
            return []
        return [
            {
                "id": "attribute-type-invalid",
                "level": "error",
                "message": f"Attribute '{key}' must be type 'string | object'",
            }
        ]

    def transform(self, value: Any, config: dict) -> Any:
        if not js_truthy(value) or isinstance(value, str):
            return value
        if isinstance(value, dict):
            return " ".join(str(k) for k, v in value.items() if js_truthy(v))
        if isinstance(value, list):
            return " ".join(str(i) for i, v in enumerate(value) if js_truthy(v))
        return ""


class IdAttribute:
    """``id``: any string starting with a letter."""

    def validate(self, value: Any, config: dict, key: str) -> list[dict]:
        if isinstance(value, str) and value[:1].isascii() and value[:1].isalpha():
            return []
        return [
            {
                "id": "attribute-value-invalid",
                "level": "error",
                "message": "The 'id' attribute must start with a letter",
            }
        ]


class ConditionalAttribute:
    """``if``/``else`` conditions: booleans, objects, null or undefined."""

    def validate(self, value: Any, config: dict, key: str) -> list[dict]:
        if value is None or value is UNDEFINED or isinstance(value, (bool, dict, list, Tag)):
            return []
        if not isinstance(value, (str, int, float)):
            return []
        return [
            {
                "id": "attribute-type-invalid",
                "level": "error",
                "message": f"Attribute '{key}' must be type 'boolean | object' (null or undefined are also allowed)",
            }
        ]


class PartialFile:
    """``partial``'s ``file``: must name an entry of ``config["partials"]``."""

    def validate(self, value: Any, config: dict, key: str) -> list[dict]:
        partials = config.get("partials") or {}
        found = None
        if isinstance(value, str) or is_number(value):
            try:
                found = partials.get(value) if hasattr(partials, "get") else partials[value]
            except (KeyError, TypeError):
                found = None
        if not found:
            return [
                {
                    "id": "attribute-value-invalid",
                    "level": "error",
                    "message": f"Partial `{value}` not found. The 'file' attribute must be set in `config.partials`",
                }
            ]
        return []


GLOBAL_ATTRIBUTES: dict[str, dict] = {
    "class": {"type": ClassAttribute, "render": True},
    "id": {"type": IdAttribute, "render": True},
}

# ---------------------------------------------------------------------------------------
# Nodes

_BLOCK_CHILDREN = ["heading", "paragraph", "image", "table", "tag", "fence", "blockquote", "list", "hr"]


def _heading_transform(node, config):
    return Tag(f"h{node.attributes.get('level')}", node.transform_attributes(config), node.transform_children(config))


def _list_transform(node, config):
    name = "ol" if node.attributes.get("ordered") else "ul"
    return Tag(name, node.transform_attributes(config), node.transform_children(config))


def _fence_transform(node, config):
    attributes = node.transform_attributes(config)
    children = node.transform_children(config) if node.children else [node.attributes.get("content")]
    return Tag("pre", attributes, children)


def _code_transform(node, config):
    return Tag("code", node.transform_attributes(config), [node.attributes.get("content")])


def _text_transform(node, config):
    content = node.attributes.get("content")
    return None if content is UNDEFINED else content


def _softbreak_transform(node, config):
    return " "


NODES: dict[str, dict] = {
    "document": {
        "render": "article",
        "children": ["heading", "paragraph", "image", "table", "tag", "fence", "blockquote", "comment", "list", "hr"],
        "attributes": {"frontmatter": {"render": False}},
    },
    "heading": {
        "children": ["inline"],
        "attributes": {"level": {"type": "Number", "render": False, "required": True}},
        "transform": _heading_transform,
    },
    "paragraph": {"render": "p", "children": ["inline"]},
    "image": {
        "render": "img",
        "attributes": {
            "src": {"type": "String", "required": True},
            "alt": {"type": "String"},
            "title": {"type": "String"},
        },
    },
    "fence": {
        "render": "pre",
        "attributes": {
            "content": {"type": "String", "render": False, "required": True},
            "language": {"type": "String", "render": "data-language"},
            "process": {"type": "Boolean", "render": False, "default": True},
        },
        "transform": _fence_transform,
    },
    "blockquote": {"render": "blockquote", "children": list(_BLOCK_CHILDREN)},
    "item": {"render": "li", "children": ["inline", *_BLOCK_CHILDREN]},
    "list": {
        "children": ["item"],
        "attributes": {
            "ordered": {"type": "Boolean", "render": False, "required": True},
            "start": {"type": "Number"},
            "marker": {"type": "String", "render": False},
        },
        "transform": _list_transform,
    },
    "hr": {"render": "hr"},
    "table": {"render": "table"},
    "td": {
        "render": "td",
        "children": ["inline", *_BLOCK_CHILDREN],
        "attributes": {
            "align": {"type": "String"},
            "colspan": {"type": "Number", "render": "colSpan"},
            "rowspan": {"type": "Number", "render": "rowSpan"},
        },
    },
    "th": {
        "render": "th",
        "attributes": {
            "width": {"type": "String"},
            "align": {"type": "String"},
            "colspan": {"type": "Number", "render": "colSpan"},
            "rowspan": {"type": "Number", "render": "rowSpan"},
        },
    },
    "tr": {"render": "tr", "children": ["th", "td"]},
    "tbody": {"render": "tbody", "children": ["tr", "tag"]},
    "thead": {"render": "thead", "children": ["tr"]},
    "strong": {
        "render": "strong",
        "children": ["em", "s", "link", "code", "text", "tag"],
        "attributes": {"marker": {"type": "String", "render": False}},
    },
    "em": {
        "render": "em",
        "children": ["strong", "s", "link", "code", "text", "tag"],
        "attributes": {"marker": {"type": "String", "render": False}},
    },
    "s": {"render": "s", "children": ["strong", "em", "link", "code", "text", "tag"]},
    "inline": {
        "children": ["strong", "em", "s", "code", "text", "tag", "link", "image", "hardbreak", "softbreak", "comment"]
    },
    "link": {
        "render": "a",
        "children": ["strong", "em", "s", "code", "text", "tag"],
        "attributes": {"href": {"type": "String", "required": True}, "title": {"type": "String"}},
    },
    "code": {
        "render": "code",
        "attributes": {"content": {"type": "String", "render": False, "required": True}},
        "transform": _code_transform,
    },
    "text": {"attributes": {"content": {"type": "String", "required": True}}, "transform": _text_transform},
    "hardbreak": {"render": "br"},
    "softbreak": {"transform": _softbreak_transform},
    "comment": {"attributes": {"content": {"type": "String", "required": True}}},
    "error": {},
    "node": {},
}

# ---------------------------------------------------------------------------------------
# Tags


def _if_transform(node, config):
    """Render the children of the first branch whose condition is truthy (no wrapper)."""
    branches: list[tuple[Any, list]] = [(node.attributes.get("primary", UNDEFINED), [])]
    for child in node.children:
        if child.type == "tag" and child.tag == "else":
            condition = child.attributes.get("primary", True)
            branches.append((condition, []))
        else:
            branches[-1][1].append(child)
    for condition, children in branches:
        if truthy(condition):
            output: list = []
            for child in children:
                result = child.transform(config)
                if isinstance(result, list):
                    output.extend(result)
                else:
                    output.append(result)
            return output
    return []


def _partial_transform(node, config):
    """Transform the named partial with the tag's variables layered over the page's."""
    from .transformer import transform_partial

    return transform_partial(node, config)


TAGS: dict[str, dict] = {
    "if": {"attributes": {"primary": {"type": ConditionalAttribute, "render": False}}, "transform": _if_transform},
    "else": {"selfClosing": True, "attributes": {"primary": {"type": ConditionalAttribute, "render": False}}},
    "partial": {
        "inline": False,
        "selfClosing": True,
        "attributes": {
            "file": {"type": PartialFile, "render": False, "required": True},
            "variables": {"type": "Object", "render": False},
        },
        "transform": _partial_transform,
    },
    "table": {"children": ["table"], "inline": False},
    "slot": {"attributes": {"primary": {"type": "String", "required": True}}},
}

# ---------------------------------------------------------------------------------------
# Functions (parameters arrive as a dict; positional ones under 0, 1, …)


def _values(parameters: dict) -> list:
    return list(parameters.values())


def _fn_and(parameters, config):
    return all(truthy(v) for v in _values(parameters))


def _fn_or(parameters, config):
    return any(truthy(v) for v in _values(parameters))


def _fn_not(parameters, config):
    return not truthy(parameters.get(0, UNDEFINED))


def _fn_equals(parameters, config):
    values = _values(parameters)
    return all(strict_equal(v, values[0]) for v in values)


def _fn_default(parameters, config):
    first = parameters.get(0, UNDEFINED)
    return parameters.get(1, UNDEFINED) if first is UNDEFINED else first


def _fn_debug(parameters, config):
    return json_stringify(parameters.get(0, UNDEFINED), indent=2)


FUNCTIONS: dict[str, dict] = {
    "and": {"transform": _fn_and},
    "or": {"transform": _fn_or},
    "not": {"parameters": {0: {"required": True}}, "transform": _fn_not},
    "equals": {"transform": _fn_equals},
    "default": {"transform": _fn_default},
    "debug": {"transform": _fn_debug},
}


def merge_config(config: dict | None) -> dict:
    """The config with built-in tags, nodes and functions filled in (user entries win)."""
    config = dict(config or {})
    if config.get("_markdoc_merged"):
        return config
    config["tags"] = {**TAGS, **(config.get("tags") or {})}
    config["nodes"] = {**NODES, **(config.get("nodes") or {})}
    config["functions"] = {**FUNCTIONS, **(config.get("functions") or {})}
    config["_markdoc_merged"] = True
    return config


# ---------------------------------------------------------------------------------------
# Type checks

_TYPE_NAMES = {str: "String", int: "Number", float: "Number", bool: "Boolean", dict: "Object", list: "Array"}
_INSTANCES: dict[type, Any] = {}


def type_instance(type_: Any) -> Any:
    """A cached instance of a custom attribute type class (None for plain types)."""
    if not isinstance(type_, type) or type_ in _TYPE_NAMES:
        return None
    instance = _INSTANCES.get(type_)
    if instance is None:
        try:
            instance = type_()
        except TypeError:
            instance = type_
        _INSTANCES[type_] = instance
    return instance


def type_name(type_: Any) -> str:
    """How a type is named in messages (``Number``, ``String | Array``)."""
    if isinstance(type_, str):
        return type_
    if isinstance(type_, (list, tuple)):
        return " | ".join(type_name(t) for t in type_)
    if type_ in _TYPE_NAMES:
        return _TYPE_NAMES[type_]
    return getattr(type_, "__name__", str(type_))


def value_has_type(type_name_: str, value: Any) -> bool:
    """``value.constructor === Type`` for Markdoc's five type names."""
    if type_name_ == "String":
        return isinstance(value, str)
    if type_name_ == "Number":
        return is_number(value)
    if type_name_ == "Boolean":
        return isinstance(value, bool)
    if type_name_ == "Object":
        return type(value) is dict
    if type_name_ == "Array":
        return isinstance(value, list)
    return False


def compile_matches(matches: Any) -> Any:
    """Accept ``{"$regex": ..., "flags": ...}`` (JSON-friendly) as a regular expression."""
    if isinstance(matches, dict) and "$regex" in matches:
        flags = 0
        for char in matches.get("flags") or "":
            flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}.get(char, 0)
        return re.compile(matches["$regex"], flags)
    return matches
