"""Code: highlighted fences.

Fences are highlighted at build time with Pygments (no client-side highlighter,
readable without script) inside a `.highlight` block, the class the theme's
Pygments styles and copy-button script look for. A fence's `srNumber`
(```` ```yaml {% srNumber=N %} ````) is kept as `data-sr-number` and shown as a
badge, for the OpenMetadata tag set's code tags (docgen.tagsets.openmetadata.code).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

from docgen.markdoc import Node, RawHTML
from docgen.tags.base import (
    attributes_of,
    class_names,
    element,
    plain_text,
)

# Info strings the corpus uses that are not Pygments names, mapped to what they contain.
LANGUAGE_ALIASES = {"commandline": "bash", "azure-cli": "bash", "env": "bash", "shell": "bash", "code": "text"}
_FORMATTER = HtmlFormatter(nowrap=True)


@lru_cache(maxsize=256)
def lexer_for(language: str) -> Lexer:
    """The Pygments lexer for a fence's info string; plain text when unknown.

    Cached: Pygments' lookup scans every lexer and plugin entry point (~5 ms),
    and lexer instances are reusable.
    """
    name = language.strip().lower()
    try:
        return get_lexer_by_name(LANGUAGE_ALIASES.get(name, name))
    except ClassNotFound:
        return TextLexer()


@lru_cache(maxsize=4096)
def highlighted_pre(code: str, language: str) -> str:
    """`<pre><code>` with Pygments token spans; cached because partials repeat fences."""
    body = highlight(code, lexer_for(language), _FORMATTER) if code else ""
    language_class = f' class="language-{_attr(language)}"' if language else ""
    return f"<pre><code{language_class}>{body}</code></pre>"


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def fence_code(node: Node, config: dict) -> str:
    """The fence's text: literal with ``process=false``, otherwise with variables resolved."""
    if node.attributes.get("process") is False or not node.children:
        return str(node.attributes.get("content", ""))
    return plain_text(node.transform_children(config))


def transform_fence(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)
    language = str(attributes.get("language") or "").strip()
    sr_number = attributes.get("srNumber")
    return element(
        "div",
        {
            "class": class_names("highlight", "dg-fence", "dg-fence--numbered" if sr_number is not None else None),
            "data-language": language or None,
            "data-sr-number": sr_number,
        },
        [RawHTML(highlighted_pre(fence_code(node, config), language))],
    )


TAGS: dict[str, dict] = {}  # the tags built on these nodes live in tag sets

NODES = {
    "fence": {
        "attributes": {
            "content": {"type": "String"},
            "language": {"type": "String"},
            "process": {"type": "Boolean", "default": True},
            "srNumber": {"type": "Number"},
            "isCodeBlock": {"type": "Boolean"},
        },
        "transform": transform_fence,
    },
}

CSS = """
.dg-fence { position: relative; }
.dg-fence pre { overflow-x: auto; padding: .85rem 1rem; font: .875rem/1.55 var(--dg-mono, ui-monospace, monospace); tab-size: 4; }
.dg-fence--numbered::before {
  content: attr(data-sr-number); position: absolute; inset-inline-start: -.65rem; top: .55rem;
}
.dg-sr, .dg-fence--numbered::before {
  display: inline-grid; place-items: center; min-width: 1.5rem; height: 1.5rem; padding: 0 .3rem; border-radius: 999px;
  font: 600 .75rem/1 var(--dg-font, system-ui); color: var(--dg-bg, #fff); background: var(--dg-accent, #3358d4);
}
"""
