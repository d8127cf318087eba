"""A finding per block: `path:line:col: CODE [severity] message (Kind namespace/name)`.

Optionally followed by the source line with a caret under the column; then, each on indented
lines, the rest of a message too long for the first line (WIDTH columns), a clause per line, the
fix and the related places. Coloured for a terminal.
"""

from __future__ import annotations

import re

from kdlint.escaping import path_text, visible, visible_line

SEVERITY_COLOURS = {"error": "31", "warning": "33", "info": "36"}  # red, yellow, cyan
WIDTH = 160  # the first line of a finding stays within this, when its message can be broken
INDENT = "    "


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
    head = f"{where}: {finding.code} [{severity}] "
    first, details = split_message(visible(finding.message), WIDTH - len(head) - len(subject))
    text = (
        f"{paint(where, '1')}: {paint(finding.code, '1')} {paint(f'[{severity}]', SEVERITY_COLOURS[severity])} "
        f"{first}{subject}"
    )
    if source is not None:
        text += "\n" + _excerpt(finding.location, source, paint, SEVERITY_COLOURS[severity])
    text += "".join(f"\n{INDENT}{line}" for line in details)
    if finding.fix:
        text += f"\n{INDENT}{paint('fix:', '32')} {visible(finding.fix)}"
    for related in finding.related:
        where = related.location
        text += f"\n{INDENT}see {path_text(where.file)}:{where.line}:{where.column}: {visible(related.message)}"
    return text


def split_message(message: str, room: int) -> tuple[str, list[str]]:
    """The clauses of `message` (parts ending in `; ` or `. `) that fit in `room` columns (at
    least the first), and the rest as lines of at most WIDTH columns, a clause per line broken
    between words when it is longer; a line end replaces the `;` of the clause it ends. Never
    inside backquotes, where names and values taken from the input are quoted."""
    if len(message) <= room:
        return message, []
    clauses = _split(message, ";.")
    first = clauses.pop(0)
    while clauses and len(first) + 1 + len(clauses[0]) <= room:
        first += " " + clauses.pop(0)
    lines = []
    for clause in clauses:
        lines += _wrap(clause.removesuffix(";")) if len(clause) > WIDTH - len(INDENT) else [clause.removesuffix(";")]
    return first.removesuffix(";"), lines


def _wrap(clause: str) -> list[str]:
    lines, line = [], ""
    for word in _split(clause, " "):
        if line and len(line) + 1 + len(word) > WIDTH - len(INDENT):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


# a backquoted span (skipped whole, to the end of the text when unclosed), or a space to break at
_BREAKS = {
    ";.": re.compile(r"`[^`]*`?|(?<=[;.]) "),
    " ": re.compile(r"`[^`]*`?| "),
}


def _split(text: str, after: str) -> list[str]:
    """`text` split at the spaces that follow `;` or `.` (`after` ";."), or at every space
    (" "), outside backquotes; the spaces are dropped."""
    parts, start = [], 0
    for match in _BREAKS[after].finditer(text):
        if match.group() == " ":
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part]


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
