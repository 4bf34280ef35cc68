"""Tokens → AST, with one shared stack for Markdown and Markdoc nodes.

The stack discipline is the language's: a closing token pops only when the
top of the stack has the same type and tag; otherwise it is reported
(`missing-opening`) and becomes an empty node that still renders. Nodes left
open at the end get `missing-closing`. An inline token's children are
handled with the inline node on top and whatever is on top afterwards is
popped, so an unclosed inline tag swallows the rest of the block. Positions
(0-based line and the column of ``{%``) are computed here from the source.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from markdown_it.token import Token

from .ast import AstValue, Node, contains_ast_value
from .values import js_truthy

_MAPPINGS = {
    "ordered_list": "list",
    "bullet_list": "list",
    "code_inline": "code",
    "list_item": "item",
    "variable": "text",
}
_TYPE_CACHE: dict[str, str] = {}
_ANNOTATABLE = frozenset(("tag", "fence", "image"))
# Deepest AST the parser builds. The tokenizer bounds nesting of Markdown containers
# (tokenizer.MAX_BLOCK_NESTING), but tags, emphasis pairs and inline tags can nest thousands
# deep; deeper openers are flattened into their parent so the (recursive, schema-driven)
# transform stays far from Python's recursion limit.
MAX_TREE_DEPTH = 160


def type_name(token_type: str) -> str:
    """Markdoc's node type for a token type (``bullet_list_open`` → ``list``)."""
    name = _TYPE_CACHE.get(token_type)
    if name is None:
        name = token_type
        for suffix in ("_open", "_close"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        name = _MAPPINGS.get(name, name)
        _TYPE_CACHE[token_type] = name
    return name


def _annotate(node: Node, attributes: Iterable[dict]) -> None:
    """Apply parsed attributes (from a tag or an annotation) to a node."""
    node_attributes = node.attributes
    for attribute in attributes:
        node.annotations.append(attribute)
        name = attribute["name"]
        value = attribute["value"]
        if attribute["type"] == "attribute":
            if name in node_attributes:
                node.errors.append(
                    {"id": "duplicate-attribute", "level": "warning", "message": f"Attribute '{name}' already set"}
                )
            node_attributes[name] = value
        else:
            classes = node_attributes.get("class")
            if isinstance(classes, dict):
                classes[name] = value
            elif not js_truthy(classes):
                node_attributes["class"] = {name: value}
            elif isinstance(classes, (list, AstValue)):
                pass  # the reference sets a property on the object: no visible effect
            else:
                # The reference throws here (a class string followed by `.x`); docgen merges
                # both spellings and says so instead of crashing.
                merged = dict.fromkeys(str(classes).split(), True) if isinstance(classes, str) else {}
                merged[name] = value
                node_attributes["class"] = merged
                node.errors.append(
                    {
                        "id": "duplicate-attribute",
                        "level": "warning",
                        "message": "Attribute 'class' already set; the class string and '.' shorthand were merged",
                    }
                )


def _token_attrs(token: Token, kind: str) -> dict:
    """The attributes Markdoc derives from a Markdown token."""
    if kind == "code" and token.type == "code_inline":
        content = token.content
        if len(content) >= 3 and content[0] == " " and content[-1] == " " and not content.strip(" "):
            # markdown-it 12 (the reference's) strips one space from each end of an
            # all-space code span too; markdown-it-py follows the newer spec and keeps them
            content = content[1:-1]
        return {"content": content}
    if kind == "text" or kind == "code" or kind == "comment":
        meta = token.meta
        if meta:
            variable = meta.get("variable")
            if variable is not None and variable != [] and variable is not False:
                return {"content": variable}
        return {"content": token.content}
    if kind == "heading":
        return {"level": int(token.tag[1:])}
    if kind == "list":
        ordered = token.type.startswith("ordered")
        start = token.attrs.get("start") if token.attrs else None
        if ordered and start:
            return {"ordered": True, "start": start, "marker": token.markup}
        return {"ordered": ordered, "marker": token.markup}
    if kind == "link":
        attrs = token.attrs
        if attrs.get("title"):
            return {"href": attrs.get("href"), "title": attrs["title"]}
        return {"href": attrs.get("href")}
    if kind == "image":
        attrs = token.attrs
        if attrs.get("title"):
            return {"alt": token.content, "src": attrs.get("src"), "title": attrs["title"]}
        return {"alt": token.content, "src": attrs.get("src")}
    if kind == "em" or kind == "strong":
        return {"marker": token.markup}
    if kind == "fence":
        language = token.meta.get("language") if token.meta else None
        if language is None:
            return {"content": token.content}
        return {"content": token.content, "language": language}
    if kind == "td" or kind == "th":
        style = token.attrs.get("style") if token.attrs else None
        if style:
            style = str(style)
            for align in ("left", "center", "right"):
                if align in style:
                    return {"align": align}
        return {}
    return {}


class _SourceIndex:
    """Line starts of the source, built on first use, for positions of inline tags."""

    __slots__ = ("_starts", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            src = self.src
            pos = src.find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = src.find("\n", pos + 1)
            self._starts = starts
        return self._starts

    def line_text(self, line: int) -> str:
        starts = self.starts()
        if line < 0 or line >= len(starts):
            return ""
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.src)
        return self.src[starts[line] : end]

    def line_of_offset(self, offset: int) -> int:
        return bisect_right(self.starts(), offset) - 1


class _Builder:
    """Holds the shared stack while tokens are turned into nodes."""

    __slots__ = ("doc", "file", "flattened", "has_table", "index", "slots", "stack")

    def __init__(self, src: str, file: str | None, slots: bool) -> None:
        self.doc = Node("document")
        self.doc.dynamic = False
        self.doc._location = (file, 0, 0, 0, 0, None)
        self.stack: list[Node] = [self.doc]
        self.file = file
        self.slots = slots
        self.index = _SourceIndex(src)
        self.flattened: list[tuple[str, str | None]] = []  # the dropped openers still open, innermost last
        self.has_table = False

    def tag_location(self, token: Token, lines: list[int], inline_token: Token | None) -> tuple:
        """Line and column of a tag's ``{%`` in the file (compact form, see `Node.location`)."""
        meta = token.meta
        line = token.map[0] if token.map else (lines[0] if lines else 0)
        column = meta.get("column", 0)
        offset = meta.get("offset")
        if offset is not None and inline_token is not None:
            content = inline_token.content
            line_in_content = content.count("\n", 0, offset)
            content_line_start = content.rfind("\n", 0, offset) + 1
            content_line_end = content.find("\n", offset)
            content_line = content[content_line_start : content_line_end if content_line_end >= 0 else len(content)]
            base = inline_token.map[0] if inline_token.map else line
            if inline_token.map:
                first_end = content.find("\n")
                base = self.first_content_line(
                    base, inline_token.map[1], content[:first_end] if first_end >= 0 else content
                )
            line = base + line_in_content
            raw = self.index.line_text(line)
            found = raw.rfind(content_line) if content_line else -1
            column = (found if found >= 0 else 0) + offset - content_line_start
        elif meta.get("in_fence"):
            # columns found inside fence content are relative to the de-indented line
            found = self.index.line_text(line).find(token.info)
            if found >= 0:
                column = found
        end_line = token.map[1] if token.map else line + 1
        return (self.file, line, column, end_line, None, None)

    def first_content_line(self, start: int, end: int, first: str) -> int:
        """The file line where inline content starts: markdown-it strips it with Python's `strip`,
        which also drops leading lines of Unicode whitespace (U+2028, U+0085, ...)."""
        for line in range(start, end):
            if first in self.index.line_text(line):
                return line
        return start  # not found as written (tabs expanded in a container): the token's first line

    def mark_dynamic(self, node: Node) -> None:
        """A Variable/Function in this node: it and every open ancestor must be resolved."""
        node.dynamic = True
        for ancestor in self.stack:
            ancestor.dynamic = True

    def flatten(self, token: Token, kind: str, tag: str | None, lines: list[int], inline_token: Token | None) -> bool:
        """Drop openers beyond MAX_TREE_DEPTH and their closers; True when the token was dropped.

        What they held goes into the deepest kept node, so no text is lost. The first
        opener of each run of dropped ones is reported where it is written; its closer and
        those of deeper openers are dropped with them (no follow-on `missing-closing`).
        """
        key = (kind, tag)
        if token.nesting > 0:
            if len(self.stack) < MAX_TREE_DEPTH:
                return False
            if not self.flattened:
                self.report_too_deep(token, kind, tag, lines, inline_token)
            self.flattened.append(key)
            return True
        if self.flattened and self.flattened[-1] == key:
            self.flattened.pop()
            return True
        return False

    def report_too_deep(
        self, token: Token, kind: str, tag: str | None, lines: list[int], inline_token: Token | None
    ) -> None:
        """`nesting-too-deep` on the node that receives the flattened content, at the opener's position."""
        if kind == "tag":
            _file, line, column, _end, _, _ = self.tag_location(token, lines, inline_token)
        else:
            # Markdown tokens carry lines only: point at the first character of the line
            mapped = token.map or (inline_token.map if inline_token is not None else None) or lines
            line = mapped[0] if mapped else 0
            text = self.index.line_text(line)
            column = len(text) - len(text.lstrip())
        name = f"tag '{tag}'" if tag else f"'{kind}'"
        self.stack[-1].errors.append(
            {
                "id": "nesting-too-deep",
                "level": "critical",
                "message": f"The {name} here is nested more than {MAX_TREE_DEPTH} levels deep; "
                "it and the tags or emphasis nested in it are left out, their text is kept",
                "location": {
                    "start": {"line": line, "character": column},
                    "end": {"line": line + 1, "character": None},
                },
            }
        )

    def handle(self, token: Token, inline_parent: Node | None, inline_token: Token | None) -> None:
        kind_raw = token.type
        if kind_raw == "frontmatter":
            self.doc.attributes["frontmatter"] = token.content
            return
        meta = token.meta
        if kind_raw == "text" and not meta:
            # the most frequent token: plain text inside inline content
            content = token.content
            if content:
                parent = self.stack[-1]
                node = Node._from_parser("text", {"content": content}, None, parent.lines)
                node._location = parent
                node.inline = inline_parent is not None
                parent.children.append(node)
            return
        if token.hidden or (kind_raw == "text" and token.content == ""):
            return
        stack = self.stack
        parent = stack[-1]
        if kind_raw == "annotation":
            if inline_parent is not None:
                _annotate(inline_parent, meta.get("attributes") or ())
            else:
                parent.errors.append(
                    {
                        "id": "no-inline-annotations",
                        "level": "error",
                        "message": f"Can't apply inline annotations to '{parent.type}'",
                    }
                )
            return
        kind = _TYPE_CACHE.get(kind_raw) or type_name(kind_raw)
        tag = meta.get("tag") if meta else None
        errors: list[dict] | None = list(meta["errors"]) if meta and "errors" in meta else None
        if kind == "error":
            errors = errors or []
            error = meta["error"]
            entry = {"id": "parse-error", "level": "critical", "message": error["message"]}
            if "line" in error:
                entry["location"] = {"start": {"line": error["line"]}, "end": {"line": error["line"] + 1}}
            errors.append(entry)
        nesting = token.nesting
        flattening = (nesting > 0 and len(stack) >= MAX_TREE_DEPTH) or (nesting < 0 and self.flattened)
        if flattening and self.flatten(token, kind, tag, token.map or parent.lines, inline_token):
            return
        if nesting < 0:
            if parent.type == kind and parent.tag == tag:
                if token.map:
                    parent.lines.extend(token.map)
                stack.pop()
                return
            errors = errors or []
            errors.append(
                {"id": "missing-opening", "level": "critical", "message": f"Node '{kind}' is missing opening"}
            )
        token_map = token.map
        lines = token_map if token_map else parent.lines
        node = Node._from_parser(kind, _token_attrs(token, kind), tag or None, lines)
        if errors:
            node._errors = errors
        if kind == "tag" or kind == "error" or (kind == "text" and meta and "variable" in meta):
            node._location = self.tag_location(token, lines, inline_token)
        elif token_map:
            node._location = (self.file, token_map[0], None, token_map[1], None, self.index)
        else:
            node._location = parent
        if inline_parent is not None:
            node.inline = True
        if meta:
            if kind in _ANNOTATABLE:
                attributes = meta.get("attributes")
                if attributes:
                    _annotate(node, attributes)
                    if any(contains_ast_value(a["value"]) for a in attributes):
                        self.mark_dynamic(node)
            elif kind == "text" and "variable" in meta:
                self.mark_dynamic(node)
        if tag == "table":
            self.has_table = True
        if self.slots and tag == "slot" and isinstance(node.attributes.get("primary"), str):
            parent.slots[node.attributes["primary"]] = node
        else:
            parent.children.append(node)
        if nesting > 0:
            stack.append(node)
        children = token.children
        if children is None:
            return
        if kind == "inline":
            inline_parent = parent
            inline_token = token
        stack.append(node)
        if kind != "image":
            handle = self.handle
            for child in children:
                handle(child, inline_parent, inline_token)
        stack.pop()


def build_ast(
    tokens: list[Token],
    src: str,
    *,
    file: str | None = None,
    slots: bool = False,
    conditional_tags: Iterable[str] | None = None,
) -> Node:
    """The document node for a token stream."""
    builder = _Builder(src, file, slots)
    handle = builder.handle
    for token in tokens:
        handle(token, None, None)
    for node in builder.stack[1:]:
        node.errors.append(
            {
                "id": "missing-closing",
                "level": "critical",
                "message": f"Node '{node.tag or node.type}' is missing closing",
            }
        )
    doc = builder.doc
    if builder.has_table:
        transform_tables(doc, list(conditional_tags) if conditional_tags is not None else ["if"])
    return doc


def _convert_to_row(node: Node, cell_type: str = "td") -> Node:
    node.type = "tr"
    node.attributes = {}
    for cell in node.children:
        cell.type = cell_type
    return node


def _is_conditional(node: Node, conditional_tags: list[str]) -> bool:
    return node.type == "tag" and bool(node.tag) and node.tag in conditional_tags


def _is_comment(node: Node) -> bool:
    return node.type == "comment" or (node.type == "tag" and node.tag == "comment")


def _table_syntax_error(node: Node) -> dict:
    tag = f" {node.tag}" if node.tag else ""
    location = None
    if node.lines:
        location = {"start": {"line": node.lines[0]}, "end": {"line": node.lines[1] if len(node.lines) > 1 else None}}
    return {
        "id": "table-syntax",
        "level": "critical",
        "message": f"Found {node.type}{tag} where a list was expected. "
        "Make sure all content inside table cells is indented.",
        "location": location,
    }


def transform_tables(document: Node, conditional_tags: list[str]) -> None:
    """``{% table %}`` bodies: lists separated by ``---`` become rows (parse-time, like Markdoc)."""
    for node in document.walk():
        if node.type != "tag" or node.tag != "table" or not node.children:
            continue
        first, rest = node.children[0], node.children[1:]
        if first.type == "table":
            continue
        thead = Node("thead")
        tbody = Node("tbody")
        table = Node("table", node.attributes, [thead, tbody])
        for part in (table, thead, tbody):
            part.lines = node.lines
            part._location = node
            part.dynamic = node.dynamic
        if first.type == "list":
            thead.push(_convert_to_row(first, "th"))
        for row in rest:
            if row.type == "list":
                _convert_to_row(row)
            elif _is_conditional(row, conditional_tags):
                kept: list[Node] = []
                for child in row.children:
                    if child.type == "hr":
                        continue
                    if child.type == "list":
                        _convert_to_row(child)
                    elif not (_is_comment(child) or child.tag == "else" or _is_conditional(child, conditional_tags)):
                        row.errors.append(_table_syntax_error(child))
                        continue
                    kept.append(child)
                row.children = kept
            else:
                if row.type != "hr" and not _is_comment(row):
                    node.errors.append(_table_syntax_error(row))
                continue
            tbody.push(row)
        node.children = [table]


def nodes_of(tree: Any) -> list[Node]:
    """A Node or list of Nodes as a list (partials may be either)."""
    if isinstance(tree, Node):
        return [tree]
    return list(tree or [])
