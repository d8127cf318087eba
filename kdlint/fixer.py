"""Apply the machine fixes of findings to files' bytes, pass after pass until nothing changes.

Edits are positions on the text the loader sees (LF line ends, no BOM); they are mapped onto the
original bytes, so everything outside them stays as it was: CRLF, a BOM, the final newline,
comments and quoting. A fix is kept only when it overlaps no fix already taken in that pass and
leaves no more documents failing to parse than before (and, inside a document that does not
parse, moves the syntax error on); the others are dropped and their findings stay.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kdlint.findings import Finding, Report
from kdlint.fixes import Applicability, Edit, Fix
from kdlint.load.documents import load_documents
from kdlint.load.sources import SourceFile, decode

MAX_PASSES = 8
_BOM = b"\xef\xbb\xbf"


@dataclass
class Target:
    """A file to fix: the name it is reported under and its bytes."""

    path: str
    data: bytes
    root: str | None = None


@dataclass
class Outcome:
    fixed: dict[str, bytes]  # path -> new bytes, for the files that changed
    applied: list[Fix] = field(default_factory=list)
    report: Report | None = None  # the findings that remain


def fix(targets: list[Target], run_lint, unsafe: bool = False) -> Outcome:
    """Lint, apply what can be fixed, and again, until a pass changes nothing.

    `run_lint(sources) -> Report` is the caller's lint with its settings and selection."""
    current = {t.path: t.data for t in targets}
    applied: list[Fix] = []
    report = None
    for _ in range(MAX_PASSES):
        report = run_lint(_sources(targets, current))
        fixes = _fixes_by_file(report.findings, unsafe, set(current))
        changed = False
        for path, candidates in fixes.items():
            data, taken = apply_verified(path, current[path], candidates)
            if taken and data != current[path]:
                current[path] = data
                applied.extend(taken)
                changed = True
        if not changed:
            break
    else:
        report = run_lint(_sources(targets, current))
    fixed = {t.path: current[t.path] for t in targets if current[t.path] != t.data}
    return Outcome(fixed, applied, report)


def _sources(targets: list[Target], current: dict[str, bytes]) -> list[SourceFile]:
    return [decode(t.path, current[t.path], root=t.root) for t in targets]


def _fixes_by_file(findings: list[Finding], unsafe: bool, paths: set[str]) -> dict[str, list[Fix]]:
    wanted: dict[str, list[Fix]] = defaultdict(list)
    for finding in findings:
        autofix = finding.autofix
        if autofix is None or not autofix.edits:
            continue
        if autofix.applicability is Applicability.UNSAFE and not unsafe:
            continue
        files = {edit.file for edit in autofix.edits}
        if len(files) != 1 or not files <= paths:
            continue
        (file,) = files
        if autofix not in wanted[file]:  # one place reported for several units, or twice
            wanted[file].append(autofix)
    return wanted


def apply_verified(path: str, data: bytes, candidates: list[Fix]) -> tuple[bytes, list[Fix]]:
    """`data` with every candidate applied that overlaps none taken before it and keeps the
    file parsing at least as well; and the fixes taken."""
    taken: list[Fix] = []
    state = _parse_state(path, data)
    result = data
    for candidate in sorted(candidates, key=lambda f: min(e.start for e in f.edits)):
        if any(candidate.overlaps(other) for other in taken):
            continue
        try:
            trial = apply_edits(data, [e for f in (*taken, candidate) for e in f.edits])
        except ValueError:
            continue
        trial_state = _parse_state(path, trial)
        if _no_worse(state, trial_state, candidate):
            taken.append(candidate)
            result, state = trial, trial_state
    return result, taken


@dataclass(frozen=True)
class _ParseState:
    failing: tuple[tuple[int, int, int], ...]  # (first line, last line, error line) of documents that do not parse
    unreadable: bool = False


def _parse_state(path: str, data: bytes) -> _ParseState:
    source = decode(path, data)
    if source.text is None:
        return _ParseState((), True)
    failing = tuple(
        (doc.start_line, doc.end_line, doc.error.line) for doc in load_documents(path, source.text) if doc.error is not None
    )
    return _ParseState(failing)


def _no_worse(before: _ParseState, after: _ParseState, candidate: Fix) -> bool:
    if after.unreadable or len(after.failing) > len(before.failing):
        return False
    if len(after.failing) < len(before.failing):
        return True
    touched = candidate.lines()
    inside = [doc for doc in before.failing if any(doc[0] <= line <= doc[1] for line in touched)]
    if not inside:
        return True  # a fix in documents that parse, which still all parse
    # the same documents still fail: the fix must at least move the first error past itself
    errors_before = sorted(doc[2] for doc in before.failing)
    errors_after = sorted(doc[2] for doc in after.failing)
    return errors_after > errors_before and all(error not in touched for error in errors_after)


def apply_edits(data: bytes, edits: list[Edit]) -> bytes:
    """`data` with `edits` applied; positions are on the decoded text (LF line ends, no BOM).
    A newline inserted on a CRLF line is written as CRLF. Raises ValueError on overlapping edits
    or a position outside the text."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    line_starts = [start]
    at = data.find(b"\n", start)
    while at != -1:
        line_starts.append(at + 1)
        at = data.find(b"\n", at + 1)
    spans = []
    for edit in edits:
        begin, end = _offset(data, line_starts, edit.start), _offset(data, line_starts, edit.end)
        if end < begin:
            raise ValueError(f"edit ends before it starts: {edit}")
        replacement = edit.replacement
        if "\n" in replacement and _ends_crlf(data, line_starts, edit.start[0]):
            replacement = replacement.replace("\n", "\r\n")
        spans.append((begin, end, replacement.encode("utf-8")))
    spans.sort(key=lambda s: (s[0], s[1]))
    for (_, end, _), (begin, _, _) in zip(spans, spans[1:]):
        if begin < end:
            raise ValueError("overlapping edits")
    out = bytearray(data)
    for begin, end, replacement in reversed(spans):
        out[begin:end] = replacement
    return bytes(out)


def _offset(data: bytes, line_starts: list[int], position: tuple[int, int]) -> int:
    line, column = position
    if line == len(line_starts) + 1 and column == 1:
        return len(data)
    if not 1 <= line <= len(line_starts):
        raise ValueError(f"line {line} is outside the text")
    begin = line_starts[line - 1]
    end = line_starts[line] - 1 if line < len(line_starts) else len(data)
    text = data[begin:end].decode("utf-8")
    if text.endswith("\r"):
        text = text[:-1]
    if column - 1 > len(text):
        if column - 1 == len(text) + 1 and line < len(line_starts):
            return line_starts[line]  # just after the line end
        raise ValueError(f"column {column} is outside line {line}")
    return begin + len(text[: column - 1].encode("utf-8"))


def _ends_crlf(data: bytes, line_starts: list[int], line: int) -> bool:
    """Whether `line` (or, at the end of the text, the line before it) ends in CRLF."""
    line = min(line, len(line_starts))
    for number in (line, line - 1):
        if 1 <= number < len(line_starts):
            return data[line_starts[number] - 2 : line_starts[number]] == b"\r\n"
    return False


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff for people and `patch`; control and bidirectional-override characters from
    the input are shown escaped (`\\x1b`), so a file cannot drive the terminal it is shown on."""
    import difflib

    old, new = _lines(before), _lines(after)
    shown = _visible(path)
    lines = difflib.unified_diff(old, new, f"a/{shown}", f"b/{shown}")
    return "".join(
        _visible(line) + ("\n" if line.endswith("\n") else "\n\\ No newline at end of file\n") for line in lines
    )


def _lines(data: bytes) -> list[str]:
    """Lines ending in LF (CR, form feed and the like stay inside their line, as YAML reads them)."""
    parts = data.decode("utf-8", errors="replace").split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(text: str) -> str:
    ending = "\r" if text.endswith("\r\n") else ""
    body = text[: len(text) - len(ending) - 1] if text.endswith("\n") else text
    return _HIDDEN.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", body) + ending
