"""SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from urllib.parse import quote

from kdlint import __version__, rules as registry
from kdlint.escaping import json_safe
from kdlint.findings import Severity
from kdlint.reporters.locations import repository_path
from kdlint.reporters.rule_help import rule_help

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


INTERNAL_ERROR = "KD009"  # a rule crashed: a fault of kdlint, reported as one, not as an alert


def render(report, path_prefix: str = "", **options) -> str:
    findings = [f for f in report.findings if f.code != INTERNAL_ERROR]
    crashes = [f for f in report.findings if f.code == INTERNAL_ERROR]
    codes = sorted({f.code for f in findings})
    rule_index = {code: number for number, code in enumerate(codes)}
    occurrences: Counter = Counter()
    results = []
    for finding in findings:
        fingerprint = _fingerprint(finding, path_prefix)
        occurrences[fingerprint] += 1
        results.append(_result(finding, rule_index[finding.code], f"{fingerprint}:{occurrences[fingerprint]}", path_prefix))
    invocation: dict = {"executionSuccessful": not crashes}
    if crashes:
        invocation["toolExecutionNotifications"] = [_notification(f, path_prefix) for f in crashes]
    run = {
        "tool": {"driver": {
            "name": "kdlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(code) for code in codes],
        }},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The root of the repository kdlint ran in"}}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _notification(finding, prefix: str) -> dict:
    return {
        "level": "error",
        "message": {"text": _text(finding)},
        "locations": [_location(finding.location, finding.object, prefix)],
        "descriptor": {"id": finding.code},
    }


def _rule(code: str) -> dict:
    rule = registry.get(code)
    if rule is None:  # a finding of a rule this build does not register (e.g. a test double)
        return {"id": code, "shortDescription": {"text": code}}
    meta = rule.META
    description, page = rule_help(meta)
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": description},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"tags": ["kubernetes", "service-discovery"]},
    }


def _result(finding, rule_index: int, fingerprint: str, prefix: str) -> dict:
    result = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _text(finding)},
        "locations": [_location(finding.location, finding.object, prefix)],
        "partialFingerprints": {"kdlintFinding/v1": fingerprint},
    }
    if finding.fix:
        result["properties"] = {"fix": finding.fix}
    if finding.autofix is not None:
        result["fixes"] = [_fix(finding.autofix, prefix)]
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, **_location(related.location, related.object, prefix), "message": {"text": related.message}}
            for number, related in enumerate(finding.related, start=1)
        ]
    return result


def _text(finding) -> str:
    """The message, the object it is about, and the fix in words on a line of its own (SARIF's
    `fixes` are edits: the autofix)."""
    text = finding.message + (f" ({finding.object.label()})" if finding.object else "")
    return text + (f"\nFix: {finding.fix}" if finding.fix else "")


def _fix(autofix, prefix: str) -> dict:
    """A SARIF fix: per file, the regions to delete and the text to insert there (end columns
    are exclusive, as SARIF's are)."""
    changes = {}
    for edit in autofix.edits:
        change = changes.setdefault(edit.file, {"artifactLocation": _artifact(edit.file, prefix), "replacements": []})
        change["replacements"].append({
            "deletedRegion": {
                "startLine": edit.start[0], "startColumn": edit.start[1],
                "endLine": edit.end[0], "endColumn": edit.end[1],
            },
            "insertedContent": {"text": edit.replacement},
        })
    return {
        "description": {"text": autofix.title},
        "artifactChanges": list(changes.values()),
        "properties": {"applicability": str(autofix.applicability)},
    }


def _artifact(file: str, prefix: str) -> dict:
    path = repository_path(file, prefix)
    if path.startswith("/"):
        return {"uri": "file://" + _uri(path)}
    return {"uri": _uri(path), "uriBaseId": SRCROOT}


def _location(location, obj, prefix: str) -> dict:
    artifact = _artifact(location.file, prefix)
    result = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": location.line, "startColumn": location.column},
        }
    }
    if obj is not None:
        qualified = "/".join(part for part in (obj.namespace, obj.kind, obj.name) if part)
        result["logicalLocations"] = [{"name": obj.name, "fullyQualifiedName": qualified, "kind": "resource"}]
    return result


def _uri(path: str) -> str:
    """Percent-encoded, from the file name's bytes (a name that is not UTF-8 keeps its bytes)."""
    return quote(path, errors="surrogateescape")


def _fingerprint(finding, prefix: str) -> str:
    code, file, label, message = finding.identity()
    key = json.dumps([code, repository_path(file, prefix), label, message])
    return hashlib.sha256(key.encode("utf-8", errors="surrogateescape")).hexdigest()[:32]
