"""One line per finding: `path:line:col: CODE [severity] message (Kind namespace/name)`.

Optionally followed by the source line with a caret under the column, and coloured for a terminal.
"""

from __future__ import annotations

from kdlint.escaping import path_text, visible, visible_line

SEVERITY_COLOURS = {"error": "31", "warning": "33", "info": "36"}  # red, yellow, cyan


def render(report, color: bool = False, show_source: bool = False, quiet: bool = False, **options) -> str:
    paint = _painter(color)
    split: dict[str, list[str]] = {}
    lines = []
    for finding in report.findings:
        source = _source_line(report, finding, split) if show_source else None
        lines.append(format_finding(finding, paint, source))
    if quiet:
        return "".join(line + "\n" for line in lines)
    counts = report.counts()
    summary = (
        f"{report.files} file(s), {report.objects} object(s): "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )
    if report.baselined:
        summary += f"; {report.baselined} more in the baseline"
    if report.fixed:
        summary += f"; {report.fixed} fixed"
    return "\n".join([*lines, summary]) + "\n"


def format_finding(finding, paint=None, source: str | None = None) -> str:
    paint = paint or _painter(False)
    where = f"{path_text(finding.location.file)}:{finding.location.line}:{finding.location.column}"
    subject = f" ({visible(finding.object.label())})" if finding.object else ""
    if finding.units:
        subject += f" [{'unit' if len(finding.units) == 1 else 'units'} {visible(', '.join(finding.units))}]"
    severity = str(finding.severity)
    text = (
        f"{paint(where, '1')}: {paint(finding.code, '1')} {paint(f'[{severity}]', SEVERITY_COLOURS[severity])} "
        f"{visible(finding.message)}{subject}"
    )
    if source is not None:
        text += "\n" + _excerpt(finding.location, source, paint, SEVERITY_COLOURS[severity])
    if finding.fix:
        text += f"\n    {paint('fix:', '32')} {visible(finding.fix)}"
    for related in finding.related:
        where = related.location
        text += f"\n    see {path_text(where.file)}:{where.line}:{where.column}: {visible(related.message)}"
    return text


def _excerpt(location, line: str, paint, colour: str) -> str:
    gutter = f"{location.line:>5} | "
    # keep tabs in the padding so the caret lines up however the terminal shows them
    padding = "".join(c if c == "\t" else " " for c in visible_line(line[: location.column - 1]))
    return f"{paint(gutter, '2')}{visible_line(line)}\n{paint(' ' * 6 + '| ', '2')}{padding}{paint('^', colour)}"


def _source_line(report, finding, split: dict) -> str | None:
    file = finding.location.file
    if file not in split:
        text = report.texts.get(file)
        split[file] = text.split("\n") if text is not None else []
    lines = split[file]
    number = finding.location.line
    return lines[number - 1] if 1 <= number <= len(lines) else None


def _painter(color: bool):
    if not color:
        return lambda text, code: text
    return lambda text, code: f"\033[{code}m{text}\033[0m"
