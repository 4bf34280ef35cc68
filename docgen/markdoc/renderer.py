"""Render tree → HTML, with Markdoc's escaping and JS-style attribute values.

Iterative so that a deeply nested tree renders instead of overflowing the
stack. Strings and numbers are escaped (``& < > "``); `RawHTML` is trusted
and written as is; anything else that is not a `Tag` renders as nothing.
"""

from __future__ import annotations

from typing import Any

from .tag import RawHTML, Tag
from .values import js_string, number_to_string

VOID_ELEMENTS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)


def escape_html(text: str) -> str:
    """markdown-it's ``escapeHtml``: ``&``, ``<``, ``>`` and ``"`` (not ``'``)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


class _Close(str):
    """A closing tag waiting on the render stack (distinct from text, which is escaped)."""

    __slots__ = ()


def _open_tag(name: str, attributes: dict) -> str:
    parts = ["<", name]
    if attributes:
        for key, value in attributes.items():
            parts.append(f' {str(key).lower()}="{escape_html(js_string(value))}"')
    parts.append(">")
    return "".join(parts)


def render_html(tree: Any) -> str:
    """The HTML for a render tree (a Tag, a scalar or a list of them)."""
    return _render(tree)


def _render(tree: Any) -> str:
    out: list[str] = []
    append = out.append
    stack: list[Any] = [tree]
    pop = stack.pop
    push = stack.append
    while stack:
        node = pop()
        kind = type(node)
        if kind is str:
            if node:
                append(escape_html(node))
        elif kind is _Close:
            append(node)
        elif kind is Tag or isinstance(node, Tag):
            name = node.name
            children = node.children
            if not name:
                if children:
                    push(children)
                continue
            append(_open_tag(name, node.attributes))
            if name in VOID_ELEMENTS:
                continue
            push(_Close(f"</{name}>"))
            if children:
                push(children)
        elif kind is list or kind is tuple:
            stack.extend(reversed(node))
        elif kind is RawHTML or isinstance(node, RawHTML):
            append(node.html)
        elif kind is int or kind is float:
            append(escape_html(number_to_string(node)))
        elif isinstance(node, str):
            append(escape_html(str(node)))
    return "".join(out)
