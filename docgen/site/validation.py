"""Markdoc validation of one page or partial file, as diagnostics: the one conversion build, serve and check use.

Markdoc's `ValidationError`s keep Markdoc's ids under the ``markdoc/`` prefix
and the level Markdoc gave them (docgen.rules), positioned 1-based in the file
the node came from. One exemption: in a partial, a ``$variable`` comes from the
includer, so Markdoc's ``variable-undefined`` on the partial alone would report
every variable; ``partial-variable-undefined`` decides that per include, with
the includer's variables in view (the `partial` tag while rendering, the walk
in docgen.check). On a page, ``variable-undefined`` is reported as Markdoc
reports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import docgen.markdoc as markdoc
from docgen.diagnostics import Diagnostic, Severity
from docgen.rules import MARKDOC_PREFIX
from docgen.site.index import SiteIndex
from docgen.tags.context import node_position

#: Markdoc ids that say nothing about a partial validated on its own (decided per include instead).
DECIDED_PER_INCLUDE = frozenset({"variable-undefined"})


def reported_in(error_id: str, *, partial: bool) -> bool:
    """Whether a Markdoc error of `error_id` is reported for a page (`partial` False) or a partial file."""
    return not (partial and error_id in DECIDED_PER_INCLUDE)


def validation_diagnostics(
    errors: Iterable[markdoc.ValidationError], default_file: str, *, partial: bool = False
) -> list[Diagnostic]:
    """Markdoc ValidationErrors → Diagnostics with rule ``markdoc/<id>``, Markdoc's level and 1-based positions.

    `default_file` names the file for errors whose node has no location; `partial`
    leaves out what is decided per include (`DECIDED_PER_INCLUDE`).
    """
    found = []
    for error in errors:
        if not reported_in(error.id, partial=partial):
            continue
        file, line, column = node_position(error)
        severity = Severity.parse(error.level or "error")
        found.append(Diagnostic(file or default_file, line, column, MARKDOC_PREFIX + error.id, severity, error.message))
    return found


def validate_file(site: SiteIndex, path: Path, config: dict) -> list[Diagnostic]:
    """The Markdoc findings of one page or partial file of `site` (which of the two, the site knows).

    A partial's invalid bytes (docgen.site.source) come with them; a page's are reported
    when the page is loaded (`Site.diagnostics`), so they are not repeated here.
    """
    partial = site.is_partial_file(path)
    found = validation_diagnostics(
        markdoc.validate(site.parse_file(path), config), site.rel_path(path), partial=partial
    )
    return (site.source_problems(path) + found) if partial else found
