"""Inline formatting: emphasis, strong and strikethrough may wrap a line.

Markdoc's default node schemas leave line breaks out of the children of `em`,
`strong`, `s` and `link`, so emphasis written across two source lines
(``*a\\nb*``) is a `child-invalid` warning although it renders exactly as
CommonMark says (a known gap: markdoc/markdoc PR #632). The OpenMetadata pages
wrap emphasis and links often; both build and check should stay quiet about it.
"""

from __future__ import annotations

from docgen.markdoc.schema import NODES as builtin_nodes

LINE_BREAKS = ("softbreak", "hardbreak")


def children_with_line_breaks(name: str) -> list[str]:
    """The built-in node's allowed children plus soft and hard line breaks."""
    return [*builtin_nodes[name]["children"], *LINE_BREAKS]


NODES = {name: {"children": children_with_line_breaks(name)} for name in ("em", "strong", "s")}

TAGS: dict[str, dict] = {}

CSS = ""
