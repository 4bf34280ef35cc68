"""Collecting findings: one place applies rule settings, removes duplicates and orders them.

Every check reports through a `Findings` collector instead of building
`Diagnostic`s itself, so that a rule switched off in the config costs nothing
downstream, a partial included by twenty pages yields its fault once, and
every output format sees the same sorted list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from docgen.diagnostics import Diagnostic, Severity
from docgen.rules import RuleLevels


class Findings:
    """An ordered, de-duplicated set of diagnostics with rule settings applied."""

    def __init__(self, levels: RuleLevels | None = None) -> None:
        self.levels = levels or RuleLevels.default()
        self._seen: dict[tuple, Diagnostic] = {}

    def add(
        self,
        rule: str,
        file: str | None,
        line: int | None,
        column: int | None,
        message: str,
        target: str | None = None,
        *,
        default: Severity | None = None,
    ) -> None:
        """Record a finding at 1-based `line`/`column` unless its rule is off.

        Its level is the configured one, else the rule's default (docgen.rules); `default`
        is the reporter's level, used only by rules without one (``markdoc/…``).
        """
        severity = self.levels.severity(rule, default or Severity.ERROR)
        if severity is None:
            return
        key = (file, line, column, rule, message, target)
        if key not in self._seen:
            self._seen[key] = Diagnostic(file, line, column, rule, severity, message, target)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Take diagnostics made elsewhere (site loading), re-levelled by the configured levels."""
        for d in diagnostics:
            self.add(d.rule, d.file, d.line, d.column, d.message, d.target, default=d.severity)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self._seen.values(), key=sort_key)


def sort_key(d: Diagnostic) -> tuple:
    """File, then position, then rule: the order a reader fixes things in."""
    return (d.file or "", d.line or 0, d.column or 0, d.rule, d.message)


def summarize(findings: Iterable[Diagnostic]) -> dict:
    """Counts by severity and by rule, the `summary` of the JSON format and the text footer."""
    findings = list(findings)
    by_severity = Counter(d.severity.label for d in findings)
    by_rule = Counter(d.rule for d in findings)
    return {
        "total": len(findings),
        "errors": by_severity.get("error", 0),
        "warnings": by_severity.get("warning", 0),
        "info": by_severity.get("info", 0),
        "files": len({d.file for d in findings if d.file}),
        "by_rule": dict(sorted(by_rule.items())),
    }


def failing(d: Diagnostic, strict: bool) -> bool:
    """Whether a finding fails the run: errors always, warnings under --strict."""
    return d.severity >= (Severity.WARNING if strict else Severity.ERROR)


def exit_status(findings: Iterable[Diagnostic], strict: bool) -> int:
    """0 when clean, 1 when any finding fails the run (usage errors are 2, decided by the CLI)."""
    return 1 if any(failing(d, strict) for d in findings) else 0
