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
from pathlib import Path

from docgen.diagnostics import Severity
from docgen.site.config import ConfigError
from docgen.site.images import IMAGE_RULES
from docgen.site.source import ENCODING_RULE, NUL_RULE

MARKDOC_PREFIX = "markdoc/"
OFF = "off"


class CheckConfigError(ConfigError):
    """A bad value in the `[check]` configuration or options; the message names the key.

    A `ConfigError`, so the CLI turns it into exit status 2 like any config error.
    """


@dataclass(frozen=True)
class Rule:
    """One kind of finding: its id, the level it has unless configured, and what it means."""

    id: str
    severity: Severity
    summary: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}


ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = _rules(
    Rule("link-broken", ERR, "A link points to a page that does not exist (in some edition)."),
    Rule("link-fragment", ERR, "A #fragment names no heading or id on the target page."),
    Rule("image-missing", IMAGE_RULES["image-missing"], "An image reference points to no file."),
    Rule(
        "image-case-mismatch",
        IMAGE_RULES["image-case-mismatch"],
        "An image exists only with different letter case (breaks on case-sensitive hosts).",
    ),
    Rule("image-empty", IMAGE_RULES["image-empty"], "An image file is empty."),
    Rule("image-undecodable", IMAGE_RULES["image-undecodable"], "An image file cannot be decoded."),
    Rule(
        "image-extension-mismatch",
        IMAGE_RULES["image-extension-mismatch"],
        "An image file's content does not match its extension.",
    ),
    Rule("image-too-large", IMAGE_RULES["image-too-large"], "An image is over the [images] size budget."),
    Rule("partial-missing", ERR, "A partial file does not exist."),
    Rule("partial-cycle", ERR, "Partials include each other in a cycle."),
    Rule(
        "partial-too-deep",
        ERR,
        "Partials included in each other would nest the page too deep; the deepest include is left out.",
    ),
    Rule("partial-variable-undefined", ERR, "A partial uses a $variable that its includer does not pass."),
    Rule("page-orphan", WARN, "A page is in no menu and linked from no page."),
    Rule("image-unused", INFO, "An image under the images folder is used by no page of its version."),
    Rule("menu-broken", ERR, "A menu entry points to no page."),
    Rule("url-duplicate", ERR, "Two pages have the same URL."),
    Rule("page-invalid", ERR, "A page cannot be read (bad front matter, unreadable file)."),
    Rule(
        ENCODING_RULE,
        ERR,
        "A page, partial or menu is not valid UTF-8; the bytes are shown as U+FFFD (position and byte offset given).",
    ),
    Rule(NUL_RULE, ERR, "A page, partial or menu contains NUL bytes; they are shown as U+FFFD."),
    Rule("external-broken", ERR, "An external link answers with an HTTP error."),
    Rule("external-unreachable", ERR, "An external link times out or its host cannot be reached."),
    Rule("external-redirect", INFO, "An external link redirects; link to the final address instead."),
)


def rule_for(rule_id: str, fallback: Severity = Severity.ERROR) -> Rule:
    """The registered rule; otherwise (a `markdoc/…` id, or a rule another layer added) one at `fallback`.

    Unknown ids never crash a check run: the diagnostic keeps the level its reporter gave it.
    """
    if rule_id in RULES:
        return RULES[rule_id]
    if rule_id.startswith(MARKDOC_PREFIX):
        return Rule(rule_id, fallback, f"Markdoc validation: {rule_id[len(MARKDOC_PREFIX) :]}.")
    return Rule(rule_id, fallback, f"Reported by docgen: {rule_id}.")


@dataclass(frozen=True)
class RuleSettings:
    """Per-rule severity overrides; `None` means the rule is switched off."""

    overrides: Mapping[str, Severity | None]

    @classmethod
    def default(cls) -> RuleSettings:
        return cls({})

    @classmethod
    def from_table(cls, rules: Mapping[str, str], config_file: Path | None = None) -> RuleSettings:
        """Take `[check] rules` (levels already validated by the site config), checking the ids."""
        overrides: dict[str, Severity | None] = {}
        for rule_id, level in rules.items():
            if rule_id not in RULES and not rule_id.startswith(MARKDOC_PREFIX):
                known = ", ".join(sorted(RULES))
                raise CheckConfigError(
                    f"unknown rule (known rules: {known}, markdoc/<id>)",
                    key=f'check.rules."{rule_id}"',
                    file=config_file,
                )
            overrides[rule_id] = None if level == OFF else Severity.parse(level)
        return cls(overrides)

    def severity(self, rule_id: str, default: Severity) -> Severity | None:
        """The configured level for a rule, its default when not configured, None when off."""
        if rule_id in self.overrides:
            return self.overrides[rule_id]
        return default
