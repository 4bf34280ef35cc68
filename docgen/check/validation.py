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
from docgen.check.cache import CheckCache
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


def validate_files(site: Site, facts: Iterable[PageFacts], findings: Findings, cache: CheckCache | None = None) -> None:
    """Validate each distinct page or partial file that some page's walk reached (unchanged files: stored errors).

    Partials' invalid UTF-8 and NUL bytes are reported here too (pages' come with `Site.diagnostics`).
    """
    cache = cache or CheckCache.disabled()
    files: dict[str, None] = {}
    pages: set[str] = set()
    for page_facts in facts:
        files.update(dict.fromkeys(sorted(page_facts.files)))
        pages.add(str(page_facts.page.source))
    config: dict | None = None
    for file in files:
        if file not in pages:
            findings.extend(site.source_problems(Path(file)))
        errors = cache.validation(file)
        if errors is None:
            config = config or validation_config()
            errors = validation_errors(site.parse_file(Path(file)), config)
            cache.store_validation(file, errors)
        if not errors:
            continue
        rel = site.rel_path(Path(file))
        for error_id, level, message, line, column in errors:
            findings.add(MARKDOC_PREFIX + error_id, rel, line, column, message, default=Severity.parse(level))


def validation_errors(ast: markdoc.Node, config: dict) -> list[list]:
    """One file's Markdoc errors as `[id, level, message, line, column]` (1-based), the walk's own ids left out."""
    errors = []
    for error in markdoc.validate(ast, config):
        if error.id not in WALK_DECIDES:
            errors.append([error.id, error.level or "error", error.message, *_position(error)])
    return errors


def _position(error: markdoc.ValidationError) -> tuple[int | None, int | None]:
    """1-based line and column from a validation error's location (or its lines)."""
    start = (error.location or {}).get("start") or {}
    line = start.get("line")
    if line is None and error.lines:
        line = error.lines[0]
    column = start.get("character")
    return (None if line is None else line + 1, None if column is None else column + 1)
