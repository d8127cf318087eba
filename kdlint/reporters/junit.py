"""JUnit XML: a test suite per file checked, a test case per finding.

A finding fails its test case only when it is at or above `--fail-on`, as it fails the run;
the others pass, with their text in `system-out`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from kdlint.escaping import path_text, visible
from kdlint.findings import Severity

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def render(report, fail_on: str = "error", **options) -> str:
    by_file: dict[str, list] = {path: [] for path in report.paths}
    for finding in report.findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    root = ET.Element("testsuites", name="kdlint", tests="0", failures="0", errors="0")
    total = failed = 0
    for path in sorted(by_file):
        findings = by_file[path]
        cases = max(len(findings), 1)
        failures = sum(1 for f in findings if _fails(f, fail_on))
        total, failed = total + cases, failed + failures
        shown = path_text(path)
        suite = ET.SubElement(root, "testsuite", name=shown, tests=str(cases), failures=str(failures), errors="0", skipped="0")
        if not findings:
            ET.SubElement(suite, "testcase", classname=shown, name="kdlint")
        for finding in findings:
            where = finding.location
            case = ET.SubElement(suite, "testcase", classname=shown, name=f"{finding.code} {finding.name} at {where.line}:{where.column}")
            if _fails(finding, fail_on):
                failure = ET.SubElement(case, "failure", message=visible(finding.message), type=str(finding.severity))
                failure.text = _safe(_details(finding))
            else:
                ET.SubElement(case, "system-out").text = _safe(_details(finding))
    root.set("tests", str(total))
    root.set("failures", str(failed))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fails(finding, fail_on: str) -> bool:
    return fail_on != "never" and finding.severity >= Severity.parse(fail_on)


def _details(finding) -> str:
    where = finding.location
    lines = [f"{path_text(where.file)}:{where.line}:{where.column}: {finding.code} [{finding.severity}] {visible(finding.message)}"]
    if finding.object:
        lines.append(f"object: {visible(finding.object.label())}")
    if finding.fix:
        lines.append(f"fix: {visible(finding.fix)}")
    lines += [
        f"see {path_text(r.location.file)}:{r.location.line}:{r.location.column}: {visible(r.message)}"
        for r in finding.related
    ]
    return "\n".join(lines)


def _safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped."""
    return _NOT_IN_XML.sub("\N{REPLACEMENT CHARACTER}", text)
