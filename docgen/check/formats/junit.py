"""JUnit XML: test dashboards (GitLab, Jenkins, Azure) show each finding as a test case.

One test suite per rule and one test case per finding; a finding that fails
the run (an error, or a warning under --strict) is a `<failure>`, the others
pass and carry their message as output, so the dashboard agrees with the
exit status. A clean run still has one passing case so the report is not empty.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence

from docgen.check.findings import failing
from docgen.check.formats import FormatContext
from docgen.diagnostics import Diagnostic


def format_junit(findings: Sequence[Diagnostic], context: FormatContext) -> str:
    """`<testsuites>` with a `<testsuite>` per rule and a `<testcase>` per finding."""
    by_rule: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in findings:
        by_rule[d.rule].append(d)
    root = ET.Element("testsuites", name="docgen check")
    if not by_rule:
        suite = ET.SubElement(root, "testsuite", name="docgen check", tests="1", failures="0", errors="0")
        ET.SubElement(suite, "testcase", name="no findings", classname="docgen.check")
    for rule, items in sorted(by_rule.items()):
        failures = sum(failing(d, context.strict) for d in items)
        suite = ET.SubElement(root, "testsuite", name=rule, tests=str(len(items)), failures=str(failures), errors="0")
        for d in items:
            case = ET.SubElement(suite, "testcase", name=d.position, classname=f"docgen.check.{rule}")
            if d.file:
                case.set("file", d.file)
            if d.line is not None:
                case.set("line", str(d.line))
            body = f"{d.position}: {d.message}" + (f" (target: {d.target})" if d.target else "")
            if failing(d, context.strict):
                failure = ET.SubElement(case, "failure", message=d.message, type=d.severity.label)
                failure.text = body
            else:
                ET.SubElement(case, "system-out").text = f"{d.severity.label}: {body}"
    total = sum(len(items) for items in by_rule.values()) or 1
    root.set("tests", str(total))
    root.set("failures", str(sum(failing(d, context.strict) for d in findings)))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
