"""Diagnostics shared by build, check and serve.

Every problem docgen reports — a Markdoc validation error, a broken link, a
missing partial, a corrupt image — becomes one `Diagnostic`, so that the CLI,
the check formats (text/json/github/sarif/junit) and the serve overlay all
speak one language. Positions are 1-based here (what editors and CI show);
the Markdoc AST keeps its own 0-based lines and characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


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
