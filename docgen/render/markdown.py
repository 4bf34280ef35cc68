"""A page as clean Markdown, for tools (LLMs, search bots, readers of raw text).

The rendition is made from the page's render tree, after Markdoc did its
work: tags are resolved, partials inlined, variables filled in and links
resolved to their published URLs, exactly as the HTML page shows them — so no
Markdoc tag is left. Our own markup (cards, steps, notes, code previews) is
read as the plain structure it stands for: headings, paragraphs, lists,
tables, links, images and fenced code. Decoration (icons, anchor links,
controls, text hidden from screen readers) is left out.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from docgen.markdoc import RawHTML, Tag

HEADINGS = {f"h{level}": level for level in range(1, 7)}
CONTAINERS = frozenset(
    {"div", "section", "article", "aside", "nav", "header", "footer", "main", "figure", "picture", "ol", "ul"}
)
BLOCKS = frozenset(
    {*HEADINGS, *CONTAINERS, "p", "pre", "table", "blockquote", "hr", "figcaption", "details", "dl", "li", "iframe"}
)
SKIPPED = frozenset({"script", "style", "button", "input", "select", "textarea", "template", "svg", "source"})
_LANGUAGE = re.compile(r'class="language-([^"\s]+)"')
_MARKUP = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n{3,}")


MARKDOWN_FILE = "index.md"


def markdown_url(page_url: str) -> str:
    """``/v1/a/`` → ``/v1/a/index.md``: the rendition sits beside the page's index.html."""
    return page_url.rstrip("/") + "/" + MARKDOWN_FILE


def page_markdown(title: str, description: str, tree: Any, *, title_heading: bool) -> str:
    """The page: its title as `# heading` when the content has no h1, the description as a quote, the body."""
    body = blocks(_children(tree))
    quote = ["> " + _one_line(description)] if description else []
    if title_heading:
        body = [f"# {_one_line(title)}", *quote, *body]
    else:  # the description follows the content's own h1
        at = next((index + 1 for index, text in enumerate(body) if text.startswith("# ")), 0)
        body[at:at] = quote
    text = "\n\n".join(body)
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def blocks(children: list) -> list[str]:
    """Markdown blocks of a run of nodes: consecutive inline nodes make one paragraph."""
    found: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run).strip()
        if text:
            found.append(text)
        run.clear()

    for child in _flat(children):
        if _is_block(child):
            flush()
            found.extend(block(child))
        else:
            run.append(inline(child))
    flush()
    return found


def block(node: Any) -> list[str]:
    """One block node as Markdown blocks."""
    if isinstance(node, RawHTML):
        return [code_block(node.html)] if "<pre" in node.html else []
    name = node.name
    if _hidden(node) or name in SKIPPED or name == "iframe":
        return []
    if name in HEADINGS:
        return [f"{'#' * HEADINGS[name]} {inline_children(node)}"]
    if name == "p":
        text = inline_children(node)
        return [text] if text else []
    if name in ("ul", "ol"):
        return [list_markdown(node, ordered=name == "ol")]
    if name == "table":
        return [table_markdown(node)]
    if name == "blockquote":
        inner = "\n\n".join(blocks(node.children))
        return ["\n".join(f"> {line}".rstrip() for line in inner.splitlines())]
    if name == "hr":
        return ["---"]
    if name == "figcaption":
        return [f"*{inline_children(node)}*"]
    if name == "details":
        return blocks(node.children)
    if name == "dl":
        return [definition_list(node)]
    return blocks(node.children)


def inline(node: Any) -> str:
    """Inline Markdown of one node."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (str, int, float)):
        return _text(str(node))
    if isinstance(node, list):
        return "".join(inline(child) for child in node)
    if isinstance(node, RawHTML):
        return "" if "<svg" in node.html else _text(unescape(_MARKUP.sub("", node.html)))
    if not isinstance(node, Tag):
        return ""
    name = node.name
    if not name:
        return inline(node.children)
    if _hidden(node) or name in SKIPPED or "dg-anchor" in _classes(node):
        return ""
    text = inline_children(node)
    if name == "a":
        href = node.attributes.get("href")
        if "dg-zoom-link" in _classes(node) or not href:
            return text
        return f"[{text or href}]({href})"
    if name == "img":
        return f"![{_one_line(str(node.attributes.get('alt') or ''))}]({node.attributes.get('src', '')})"
    if name in ("strong", "b", "summary", "dt"):
        return f"**{text.strip()}**" if text.strip() else ""
    if name in ("em", "i"):
        return f"*{text.strip()}*" if text.strip() else ""
    if name in ("code", "kbd"):
        return _code_span(_plain(node))
    if name == "br":
        return "\n"
    return text


def inline_children(node: Tag) -> str:
    return _one_line("".join(inline(child) for child in node.children))


def code_block(html: str) -> str:
    """A Pygments-highlighted `<pre>` as a fenced block with its language."""
    match = _LANGUAGE.search(html)
    code = unescape(_MARKUP.sub("", html)).rstrip("\n")
    fence = "````" if "```" in code else "```"
    return f"{fence}{match.group(1) if match else ''}\n{code}\n{fence}"


def list_markdown(node: Tag, *, ordered: bool) -> str:
    items = []
    number = 1
    for child in _flat(node.children):
        if not (isinstance(child, Tag) and child.name == "li"):
            continue
        marker = f"{number}. " if ordered else "- "
        number += 1
        content = "\n\n".join(blocks(child.children)) or ""
        lines = content.splitlines() or [""]
        indent = " " * len(marker)
        items.append("\n".join([marker + lines[0], *(indent + line if line else "" for line in lines[1:])]))
    return "\n".join(items)


def table_markdown(node: Tag) -> str:
    rows = [row for row in _descendants(node) if row.name == "tr"]
    cells = [[_cell(cell) for cell in _flat(row.children) if isinstance(cell, Tag)] for row in rows]
    if not cells:
        return ""
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines.extend("| " + " | ".join(row) + " |" for row in cells[1:])
    return "\n".join(lines)


def definition_list(node: Tag) -> str:
    lines: list[str] = []
    for child in _descendants(node):
        if child.name == "dt":
            lines.append(f"- **{inline_children(child)}:**")
        elif child.name == "dd" and lines:
            lines[-1] += f" {inline_children(child)}"
    return "\n".join(lines)


def _cell(cell: Tag) -> str:
    text = " ".join(blocks(cell.children))
    return _one_line(text).replace("|", "\\|")


def _descendants(node: Tag) -> list[Tag]:
    found = []
    for child in _flat(node.children):
        if isinstance(child, Tag):
            found.append(child)
            found.extend(_descendants(child))
    return found


def _flat(children: Any) -> list:
    """Children with lists and nameless tags (fragments) expanded."""
    found: list = []
    for child in children if isinstance(children, list) else [children]:
        if isinstance(child, list):
            found.extend(_flat(child))
        elif isinstance(child, Tag) and not child.name:
            found.extend(_flat(child.children))
        elif child is not None:
            found.append(child)
    return found


def _children(tree: Any) -> list:
    """The page's top-level nodes (the render tree's root is an `<article>`)."""
    if isinstance(tree, Tag) and tree.name == "article":
        return tree.children
    return _flat(tree)


def _is_block(node: Any) -> bool:
    if isinstance(node, RawHTML):
        return "<pre" in node.html
    return isinstance(node, Tag) and node.name in BLOCKS


def _hidden(node: Tag) -> bool:
    return str(node.attributes.get("aria-hidden")) == "true" or node.attributes.get("hidden") is True


def _classes(node: Tag) -> list[str]:
    return str(node.attributes.get("class") or "").split()


def _plain(node: Any) -> str:
    if isinstance(node, Tag):
        return "".join(_plain(child) for child in node.children)
    if isinstance(node, list):
        return "".join(_plain(child) for child in node)
    if isinstance(node, RawHTML):
        return unescape(_MARKUP.sub("", node.html))
    return "" if node is None or isinstance(node, bool) else str(node)


def _code_span(code: str) -> str:
    ticks = "``" if "`" in code else "`"
    padding = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{padding}{code}{padding}{ticks}" if code else ""


def _text(text: str) -> str:
    """Running text; `<` is escaped so nothing reads as HTML, other characters are kept as written."""
    return text.replace("<", "&lt;")


def _one_line(text: str) -> str:
    return " ".join(text.split())
