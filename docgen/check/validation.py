"""Markdoc validation of every page and partial the site uses, once per file.

Unknown tags and attributes, values a schema does not allow, unclosed tags:
Markdoc's validator knows these from docgen.tags' schemas. A partial
included by many pages is validated once (its AST is the same object), and
each error keeps Markdoc's id under the `markdoc/` prefix and its level.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import docgen.markdoc as markdoc
from docgen.check.findings import Findings
from docgen.check.rules import MARKDOC_PREFIX
from docgen.check.walk import PageFacts
from docgen.diagnostics import Severity
from docgen.site import Site
from docgen.tags import markdoc_config
from docgen.tags.context import StandaloneContext

# Reported by the walk with the includer's variables in view (`partial-variable-undefined`);
# a partial validated on its own would see every variable as undefined.
WALK_DECIDES = frozenset({"variable-undefined"})


def validation_config() -> dict:
    """The build's Markdoc config without a page; a context so partial existence is left to the walk."""
    return markdoc_config(StandaloneContext(), {}, {})


def validate_files(site: Site, facts: Iterable[PageFacts], findings: Findings) -> None:
    """Validate each distinct page or partial file that some page's walk reached."""
    files: dict[Path, None] = {}
    for page_facts in facts:
        files.update(dict.fromkeys(sorted(page_facts.files)))
    config = validation_config()
    for path in files:
        rel = site.rel_path(path)
        for error in markdoc.validate(site.parse_file(path), config):
            if error.id in WALK_DECIDES:
                continue
            line, column = _position(error)
            findings.add(
                MARKDOC_PREFIX + error.id, rel, line, column, error.message,
                default=Severity.parse(error.level or "error"),
            )


def _position(error: markdoc.ValidationError) -> tuple[int | None, int | None]:
    """1-based line and column from a validation error's location (or its lines)."""
    start = (error.location or {}).get("start") or {}
    line = start.get("line")
    if line is None and error.lines:
        line = error.lines[0]
    column = start.get("character")
    return (None if line is None else line + 1, None if column is None else column + 1)
