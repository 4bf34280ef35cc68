"""docgen.markdoc — the Markdoc language in Python (a standalone library).

Pipeline, as in Markdoc: `parse` (markdown-it-py tokens → AST), `validate`
(schema checks, never blocking), `transform` (variables, functions,
partials, conditionals → render tree of `Tag`), `render_html`. It imports
nothing else from docgen; the config may carry extra keys (docgen uses
``config["docgen"]``) which are passed through untouched, partials included.
"""

from __future__ import annotations

from collections.abc import Iterable

from .ast import Function, Node, ValidationError, Variable
from .parser import build_ast
from .renderer import escape_html, render_html
from .schema import FUNCTIONS, GLOBAL_ATTRIBUTES, NODES, TAGS, merge_config
from .tag import RawHTML, RenderNode, Tag
from .tokenizer import DEFAULT_DELIMITERS, tokenize
from .transformer import transform
from .validator import validate
from .values import UNDEFINED, truthy

__all__ = [
    "FUNCTIONS",
    "GLOBAL_ATTRIBUTES",
    "NODES",
    "TAGS",
    "UNDEFINED",
    "Function",
    "Node",
    "RawHTML",
    "RenderNode",
    "Tag",
    "ValidationError",
    "Variable",
    "escape_html",
    "merge_config",
    "parse",
    "render_html",
    "transform",
    "truthy",
    "validate",
]


def parse(
    source: str,
    *,
    file: str | None = None,
    slots: bool = False,
    conditional_tags: Iterable[str] | None = None,
    allow_comments: bool = True,
    allow_indentation: bool = False,
    allow_link_validation: bool = False,
    html: bool = False,
    delimiters: tuple[str, str] = DEFAULT_DELIMITERS,
) -> Node:
    """Parse Markdoc source into an AST. Never raises for bad input: problems are
    recorded as node errors (reported by `validate`) with lines and columns."""
    if not isinstance(source, str):
        source = str(source)
    if "\r" in source:
        # markdown-it reads CRLF and a lone CR as line breaks; positions computed from the source
        # (inline tag columns) must see the same lines, as editors do
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return _parse(
            source,
            file,
            slots,
            conditional_tags,
            allow_comments,
            allow_indentation,
            allow_link_validation,
            html,
            (delimiters[0], delimiters[1]),
        )
    except (RecursionError, RuntimeError, ValueError, IndexError) as exc:
        document = Node("document")
        document.location = {"file": file, "start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
        document.errors.append(
            {"id": "parse-error", "level": "critical", "message": f"Document could not be parsed: {exc}"}
        )
        document.dynamic = False
        return document


def _parse(
    source: str,
    file: str | None,
    slots: bool,
    conditional_tags: Iterable[str] | None,
    allow_comments: bool,
    allow_indentation: bool,
    allow_link_validation: bool,
    html: bool,
    delimiters: tuple[str, str],
) -> Node:
    tokens = tokenize(
        source,
        html=html,
        allow_comments=allow_comments,
        allow_indentation=allow_indentation,
        allow_link_validation=allow_link_validation,
        delimiters=delimiters,
    )
    return build_ast(tokens, source, file=file, slots=slots, conditional_tags=conditional_tags)
