"""Markdoc validation of every page and partial the site uses, once per file.

Unknown tags and attributes, values a schema does not allow, unclosed tags:
Markdoc's validator knows these from docgen.tags' schemas. A partial
included by many pages is validated once, and each file's findings come from
`docgen.site.validation` — the conversion the build uses, with the same
exemption for ``$variables`` in partials (the walk reports
`partial-variable-undefined` with the includer's variables in view).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docgen.check.cache import CheckCache
from docgen.check.findings import Findings
from docgen.check.walk import PageFacts
from docgen.diagnostics import Severity
from docgen.site import Site
from docgen.site.validation import validate_file
from docgen.tags import markdoc_config
from docgen.tags.context import StandaloneContext


def validation_config(site: Site, file: Path | None = None) -> dict:
    """The build's Markdoc config without a render; a context so partial existence is left to the walk.

    A page is validated with its variables (the config's and ``markdoc.frontmatter``), as the build does;
    a partial with none (whether its includer passes them is the partial tag's finding).
    """
    page = site.page_for_source(file) if file is not None else None
    variables = site.variables(page) if page is not None else {}
    return markdoc_config(StandaloneContext(), variables, {}, site.schema)


def validate_files(site: Site, facts: Iterable[PageFacts], findings: Findings, cache: CheckCache | None = None) -> None:
    """Validate each distinct page or partial file that some page's walk reached (unchanged files: stored rows).

    A partial's invalid UTF-8 and NUL bytes come with its rows (pages' come with `Site.diagnostics`).
    """
    cache = cache or CheckCache.disabled()
    files: dict[str, None] = {}
    for page_facts in facts:
        files.update(dict.fromkeys(sorted(page_facts.files)))
    for file in files:
        rows = cache.validation(file)
        if rows is None:
            config = validation_config(site, Path(file))
            rows = [
                [d.file, d.line, d.column, d.rule, d.severity.label, d.message]
                for d in validate_file(site, Path(file), config)
            ]
            cache.store_validation(file, rows)
        for path, line, column, rule, level, message in rows:
            findings.add(rule, path, line, column, message, default=Severity.parse(level))
