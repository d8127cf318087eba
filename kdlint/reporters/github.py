"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from kdlint.escaping import path_text, visible
from kdlint.findings import Severity
from kdlint.reporters.locations import repository_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report, path_prefix: str = "", **options) -> str:
    return "".join(annotation(f, path_prefix) + "\n" for f in report.findings)


def annotation(finding, path_prefix: str = "") -> str:
    where = finding.location
    properties = {
        "file": path_text(repository_path(where.file, path_prefix)),
        "line": str(where.line),
        "col": str(where.column),
        "title": f"{finding.code} {finding.name}",
    }
    text = visible(finding.message) + (f" ({visible(finding.object.label())})" if finding.object else "")
    if finding.fix:
        text += f"\nfix: {visible(finding.fix)}"
    for related in finding.related:
        where = related.location
        text += f"\nsee {path_text(where.file)}:{where.line}:{where.column}: {visible(related.message)}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(text)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
