"""The rule registry of `docgen check`: stable ids, default severities, overrides.

Rule ids are part of docgen's public interface — users switch rules off or
change their level in the `[check]` table (`rules = {image-unused = "off"}`),
CI annotations and SARIF results carry them — so they live in one table
here and never change meaning. Markdoc validation errors keep Markdoc's own
ids under the `markdoc/` prefix; their default severity is the level the
validator gave them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from docgen.diagnostics import Severity

MARKDOC_PREFIX = "markdoc/"
OFF = "off"


class CheckConfigError(ValueError):
    """A bad value in the `[check]` configuration; the message names the key."""


@dataclass(frozen=True)
class Rule:
    """One kind of finding: its id, the level it has unless configured, and what it means."""

    id: str
    severity: Severity
    summary: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = _rules(
    Rule("link-broken", E, "A link points to a page that does not exist (in some edition)."),
    Rule("link-fragment", E, "A #fragment names no heading or id on the target page."),
    Rule("image-missing", E, "An image reference points to no file."),
    Rule("image-case", E, "An image exists only with different letter case (breaks on case-sensitive hosts)."),
    Rule("image-empty", E, "An image file is empty."),
    Rule("image-undecodable", E, "An image file cannot be decoded."),
    Rule("image-extension", W, "An image file's content does not match its extension."),
    Rule("partial-missing", E, "A partial file does not exist."),
    Rule("partial-cycle", E, "Partials include each other in a cycle."),
    Rule("partial-variable", E, "A partial uses a $variable that its includer does not pass."),
    Rule("page-orphan", W, "A page is in no menu and linked from no page."),
    Rule("image-unused", I, "An image under the images folder is used by no page of its version."),
    Rule("menu-broken", E, "A menu entry points to no page."),
    Rule("url-duplicate", E, "Two pages have the same URL."),
    Rule("page-invalid", E, "A page cannot be read (bad front matter, unreadable file)."),
    Rule("external-broken", E, "An external link answers with an HTTP error."),
    Rule("external-unreachable", E, "An external link times out or its host cannot be reached."),
    Rule("external-redirect", I, "An external link redirects; link to the final address instead."),
)


def rule_for(rule_id: str, fallback: Severity = Severity.ERROR) -> Rule:
    """The registered rule, or a `markdoc/…` rule whose default is the validator's level."""
    if rule_id in RULES:
        return RULES[rule_id]
    if rule_id.startswith(MARKDOC_PREFIX):
        return Rule(rule_id, fallback, f"Markdoc validation: {rule_id[len(MARKDOC_PREFIX):]}.")
    raise KeyError(rule_id)


@dataclass(frozen=True)
class RuleSettings:
    """Per-rule severity overrides; `None` means the rule is switched off."""

    overrides: Mapping[str, Severity | None]

    @classmethod
    def default(cls) -> "RuleSettings":
        return cls({})

    @classmethod
    def from_table(cls, table: Mapping[str, object] | None, *, key: str = "check.rules") -> "RuleSettings":
        """Read `{rule-id = "error"|"warning"|"info"|"off"}`, naming the bad key on error."""
        if table is None:
            return cls.default()
        if not isinstance(table, Mapping):
            raise CheckConfigError(f"{key}: expected a table of rule ids, got {type(table).__name__}")
        overrides: dict[str, Severity | None] = {}
        for rule_id, value in table.items():
            if rule_id not in RULES and not rule_id.startswith(MARKDOC_PREFIX):
                known = ", ".join(sorted(RULES))
                raise CheckConfigError(f"{key}.{rule_id}: unknown rule (known rules: {known}, markdoc/<id>)")
            overrides[rule_id] = _parse_level(value, f"{key}.{rule_id}")
        return cls(overrides)

    def severity(self, rule_id: str, default: Severity) -> Severity | None:
        """The configured level for a rule, its default when not configured, None when off."""
        if rule_id in self.overrides:
            return self.overrides[rule_id]
        return default


def _parse_level(value: object, key: str) -> Severity | None:
    if not isinstance(value, str):
        raise CheckConfigError(f"{key}: expected \"error\", \"warning\", \"info\" or \"off\", got {value!r}")
    if value.strip().lower() == OFF:
        return None
    if value.strip().lower() not in ("error", "warning", "info"):
        raise CheckConfigError(f"{key}: expected \"error\", \"warning\", \"info\" or \"off\", got {value!r}")
    return Severity.parse(value)
