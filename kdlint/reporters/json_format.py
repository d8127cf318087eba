"""The stable JSON report (documented in the README)."""

from __future__ import annotations

import json

import orjson

from kdlint import __version__
from kdlint.escaping import json_safe, path_text


def render(report, **options) -> str:
    data = to_dict(report)
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:  # text orjson refuses, such as a lone surrogate: the standard encoder
        text = json.dumps(data, indent=2, ensure_ascii=False)
    return json_safe(text) + "\n"


def to_dict(report) -> dict:
    return {
        "kdlint": __version__,
        "findings": [_finding(f) for f in report.findings],
        "summary": {
            "files": report.files,
            "documents": report.documents,
            "objects": report.objects,
            **report.counts(),
            **({"baselined": report.baselined} if report.baselined else {}),
        },
    }


def _finding(finding) -> dict:
    obj = finding.object
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": finding.message,
        "file": path_text(finding.location.file),
        "line": finding.location.line,
        "column": finding.location.column,
        "object": (
            {"apiVersion": obj.api_version, "kind": obj.kind, "namespace": obj.namespace, "name": obj.name}
            if obj
            else None
        ),
        "related": [
            {"file": path_text(r.location.file), "line": r.location.line, "column": r.location.column, "message": r.message}
            for r in finding.related
        ],
        "fix": finding.fix,
        "units": list(finding.units),
        "autofix": _autofix(finding.autofix),
    }


def _autofix(autofix) -> dict | None:
    """The machine fix: what `kdlint check --fix` (or `--unsafe-fixes`) would change."""
    if autofix is None:
        return None
    return {
        "title": autofix.title,
        "applicability": str(autofix.applicability),
        "edits": [
            {
                "file": edit.file,
                "start": {"line": edit.start[0], "column": edit.start[1]},
                "end": {"line": edit.end[0], "column": edit.end[1]},
                "replacement": edit.replacement,
            }
            for edit in autofix.edits
        ],
    }
