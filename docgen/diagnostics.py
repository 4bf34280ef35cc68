"""Diagnostics shared by build, check and serve.

Every problem docgen reports — a Markdoc validation error, a broken link, a
missing partial, a corrupt image — becomes one `Diagnostic`, so that the CLI,
the check formats (text/json/github/sarif/junit) and the serve overlay all
speak one language. Positions are 1-based here (what editors and CI show);
the Markdoc AST keeps its own 0-based lines and characters.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import IntEnum
from pathlib import Path


class Severity(IntEnum):
    """Ordered so that `max()` over findings gives the worst one."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Accept docgen names and Markdoc's levels (debug/info/warning/error/critical)."""
        key = text.strip().lower()
        mapping = {
            "debug": cls.INFO,
            "info": cls.INFO,
            "warning": cls.WARNING,
            "warn": cls.WARNING,
            "error": cls.ERROR,
            "critical": cls.ERROR,
        }
        if key not in mapping:
            raise ValueError(f"unknown severity {text!r}")
        return mapping[key]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, positioned in a source file relative to the site root.

    `rule` is a stable id (for example ``link-broken`` or
    ``markdoc/attribute-undefined``) that users can configure and filter on.
    `line` and `column` are 1-based; either may be None when unknown.
    """

    file: str | None
    line: int | None
    column: int | None
    rule: str
    severity: Severity
    message: str
    target: str | None = None
    end_line: int | None = field(default=None, compare=False)

    @property
    def position(self) -> str:
        """``file:line:col`` as compilers print it, omitting unknown parts."""
        parts = [self.file or "<unknown>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.position}: {self.severity.label}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "target": self.target,
        }


def display_path(path: Path, cwd: Path | None = None) -> str:
    """`path` as a person or a CI runner wants it printed: relative to the working directory, POSIX.

    CI runs at the repository root, and annotations must name files from there
    (``docs/content/v1/a.md``) even when the site is a subfolder; a log must
    not carry the absolute folders of the machine that ran it. A path on
    another drive (Windows) has no relative form and stays as it is.
    """
    base = (cwd or Path.cwd()).resolve()
    try:
        return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def from_cwd(diagnostics: Iterable[Diagnostic], site_dir: Path, cwd: Path | None = None) -> list[Diagnostic]:
    """The diagnostics with each file (relative to the site root) made relative to the working directory."""
    rebased = {}
    result = []
    for diagnostic in diagnostics:
        if diagnostic.file and diagnostic.file not in rebased:
            rebased[diagnostic.file] = display_path(site_dir / diagnostic.file, cwd)
        result.append(replace(diagnostic, file=rebased[diagnostic.file]) if diagnostic.file else diagnostic)
    return result


def merged(*groups: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of several engines as one sorted list, each finding once.

    `docgen build --check` reports what the build found and what the check
    found: a missing partial or image is found by both, in each engine's own
    words, and must be printed once. A finding of a later group is dropped when
    an earlier group has one of the same rule on the same line of the same
    file (so the first group's wording wins): the column is not compared,
    because the engines may point at different parts of one construct (the
    build at a ``{% $x %}`` tag, the check at the ``$x`` in it). Within a
    group nothing is dropped but exact repeats.
    """
    kept: list[Diagnostic] = []
    taken: set[tuple] = set()
    for group in groups:
        mine: set[tuple] = set()
        for diagnostic in group:
            place = (diagnostic.rule, diagnostic.file, diagnostic.line)
            exact = (*place, diagnostic.column, diagnostic.message)
            if place in taken or exact in mine:
                continue
            mine.add(exact)
            kept.append(diagnostic)
        taken.update(key[:3] for key in mine)
    return sorted(kept, key=lambda d: (d.file or "", d.line or 0, d.column or 0, d.rule, d.message))
