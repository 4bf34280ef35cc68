"""Render-tree elements: what `transform` produces and `render_html` consumes."""

from __future__ import annotations

from typing import Any


class Tag:
    """An element of the render tree. ``name`` None or "" means "children only"."""

    __slots__ = ("attributes", "children", "name")

    def __init__(self, name: str | None = "div", attributes: dict | None = None, children: list | None = None) -> None:
        self.name = name
        self.attributes = attributes if attributes is not None else {}
        self.children = children if children is not None else []

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Tag)
            and other.name == self.name
            and other.attributes == self.attributes
            and other.children == self.children
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tag({self.name!r}, {self.attributes!r}, {self.children!r})"


class RawHTML:
    """Trusted HTML emitted as is by `render_html` (a docgen extension: highlighted code, SVG)."""

    __slots__ = ("html",)

    def __init__(self, html: str) -> None:
        self.html = html

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RawHTML) and other.html == self.html

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RawHTML({self.html!r})"


RenderNode = Tag | RawHTML | str | int | float | list | None | Any
