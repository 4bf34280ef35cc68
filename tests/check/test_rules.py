"""Rule registry and per-rule configuration."""

from __future__ import annotations

import pytest

from docgen.check.findings import Findings
from docgen.check.rules import RULES, CheckConfigError, RuleSettings, rule_for
from docgen.diagnostics import Severity
from docgen.site.config import ConfigError


def test_rules_have_stable_ids_and_defaults():
    assert RULES["link-broken"].severity is Severity.ERROR
    assert RULES["page-orphan"].severity is Severity.WARNING
    assert RULES["external-redirect"].severity is Severity.INFO
    assert rule_for("markdoc/attribute-undefined", Severity.WARNING).severity is Severity.WARNING
    # an id some other layer reports keeps its reporter's level instead of crashing the run
    assert rule_for("some-new-rule", Severity.INFO).severity is Severity.INFO


def test_config_changes_levels_and_switches_rules_off():
    settings = RuleSettings.from_table({"page-orphan": "error", "image-unused": "off"})
    findings = Findings(settings)
    findings.add("page-orphan", "a.md", 1, 1, "orphan")
    findings.add("image-unused", "b.png", None, None, "unused")
    findings.add("link-broken", "a.md", 2, 1, "broken")
    found = findings.sorted()
    assert [(d.rule, d.severity) for d in found] == [("page-orphan", Severity.ERROR), ("link-broken", Severity.ERROR)]


def test_unknown_rule_in_config_is_a_config_error_naming_the_key():
    with pytest.raises(CheckConfigError, match=r'check\.rules\."link-brokn"') as caught:
        RuleSettings.from_table({"link-brokn": "off"})
    assert isinstance(caught.value, ConfigError)


def test_findings_are_deduplicated_and_sorted():
    findings = Findings()
    findings.add("link-broken", "b.md", 1, 1, "x")
    findings.add("link-broken", "a.md", 5, 2, "y")
    findings.add("link-broken", "a.md", 5, 2, "y")
    assert [(d.file, d.line) for d in findings.sorted()] == [("a.md", 5), ("b.md", 1)]
