"""One line per finding: `path:line:col: CODE [severity] message (Kind namespace/name)`."""

from __future__ import annotations


def render(report, **options) -> str:
    lines = [format_finding(f) for f in report.findings]
    counts = report.counts()
    summary = (
        f"{report.files} file(s), {report.objects} object(s): "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )
    return "\n".join([*lines, summary]) + "\n"


def format_finding(finding) -> str:
    where = f"{finding.location.file}:{finding.location.line}:{finding.location.column}"
    subject = f" ({finding.object.label()})" if finding.object else ""
    text = f"{where}: {finding.code} [{finding.severity}] {finding.message}{subject}"
    if finding.fix:
        text += f"\n    fix: {finding.fix}"
    for related in finding.related:
        text += f"\n    see {related.location.file}:{related.location.line}:{related.location.column}: {related.message}"
    return text
