"""Machine fixes as data: the text edits that repair a finding, and how safe applying them is.

A rule builds a :class:`Fix` from positions it already knows; the fixer (kdlint.fixer) applies
it to the file's bytes. Positions are (line, column), 1-based, on the text the loader sees (CRLF
read as LF); columns count characters. An edit replaces [start, end) with its replacement.
The helpers below build the edits the indentation and reference fixes need from a file's lines.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Applicability(enum.Enum):
    SAFE = "safe"  # keeps the meaning the author evidently intended (re-indenting a block)
    UNSAFE = "unsafe"  # changes behaviour (which Service a name reaches); applied only when asked

    def __str__(self) -> str:
        return self.value


class FixAvailability(enum.Enum):
    """What a rule's metadata promises: never a fix, one for some findings, or one for all."""

    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"

    def __str__(self) -> str:
        return self.value


class Edit(NamedTuple):
    file: str
    start: tuple[int, int]  # (line, column) of the first replaced character
    end: tuple[int, int]  # (line, column) just after the last one; equal to start for an insertion
    replacement: str


class Fix(NamedTuple):
    title: str  # what applying it does, e.g. "indent lines 10-12 by 2 spaces"
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def overlaps(self, other: "Fix") -> bool:
        return any(_touch(a, b) for a in self.edits for b in other.edits if a.file == b.file)

    def lines(self) -> set[int]:
        """The lines this fix touches, in the coordinates of the text it was made for."""
        return {line for edit in self.edits for line in range(edit.start[0], max(edit.end[0], edit.start[0]) + 1)}


def _touch(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one place: their order would be arbitrary
    return a.start < b.end and b.start < a.end or a.start == b.start


def reindent(file: str, lines: list[str], first: int, last: int, shift: int) -> tuple[Edit, ...]:
    """Edits that move lines first..last right (shift > 0) or left by `shift` columns, keeping
    their relative indentation (see `shifted`); each edit touches only a line's leading spaces."""
    edits = []
    for number, text in enumerate(shifted(lines, first, last, shift), start=first):
        old = lines[number - 1]
        old_indent, new_indent = len(old) - len(old.lstrip(" ")), len(text) - len(text.lstrip(" "))
        if new_indent > old_indent:
            edits.append(Edit(file, (number, 1), (number, 1), " " * (new_indent - old_indent)))
        elif new_indent < old_indent:
            edits.append(Edit(file, (number, 1), (number, 1 + old_indent - new_indent), ""))
    return tuple(edits)


def move_lines(file: str, lines: list[str], first: int, last: int, shift: int, after: int) -> tuple[Edit, ...]:
    """Edits that cut lines first..last and paste them, shifted by `shift` columns, after line
    `after` (outside first..last)."""
    pasted = "".join(f"{text}\n" for text in shifted(lines, first, last, shift))
    cut = delete_lines(file, lines, first, last)
    paste = Edit(file, (after + 1, 1), (after + 1, 1), pasted)
    if after >= len(lines):  # the last line, with no newline after it
        paste = Edit(file, (after, len(lines[after - 1]) + 1), (after, len(lines[after - 1]) + 1), "\n" + pasted.rstrip("\n"))
    return (cut, paste) if after > last else (paste, cut)


def shifted(lines: list[str], first: int, last: int, shift: int) -> list[str]:
    """Lines first..last moved right (shift > 0) or left by `shift` columns. Blank lines are left
    alone when indenting; when outdenting their spaces shrink too, so a block scalar keeps its
    content exactly. A comment left of the block's first line is not part of it and stays."""
    own = len(lines[first - 1]) - len(lines[first - 1].lstrip(" "))
    result = []
    for number in range(first, last + 1):
        text = lines[number - 1]
        indent = len(text) - len(text.lstrip(" "))
        loose = not text.strip() or text.lstrip(" ").startswith("#")  # blank, or a comment
        if loose and text.strip() and indent < own:
            result.append(text)
        elif shift > 0:
            result.append(" " * shift + text if text.strip() else text)
        elif indent >= -shift or loose:
            result.append(text[min(indent, -shift):])
        else:
            raise ValueError(f"line {number} has only {indent} spaces to remove")
    return result


def delete_lines(file: str, lines: list[str], first: int, last: int) -> Edit:
    """An edit removing lines first..last whole (the last line of a text without a final newline:
    with the newline before it, so the text still ends the way it did)."""
    if last >= len(lines) and first > 1:
        return Edit(file, (first - 1, len(lines[first - 2]) + 1), (last, len(lines[last - 1]) + 1), "")
    return Edit(file, (first, 1), (last + 1, 1), "")


def replace_on_line(file: str, lines: list[str], line: int, column: int, old: str, new: str) -> tuple[Edit, ...] | None:
    """An edit replacing `old`, written at (line, column), with `new`; None when the text there
    is not `old` (an escaped or folded scalar: the position cannot be trusted)."""
    if not 1 <= line <= len(lines) or "\n" in old:
        return None
    text = lines[line - 1]
    if text[column - 1 : column - 1 + len(old)] != old:
        return None
    return (Edit(file, (line, column), (line, column + len(old)), new),)


def replace_scalar(file: str, lines: list[str], line: int, column: int, old: str, new: str) -> tuple[Edit, ...] | None:
    """An edit replacing the one-line scalar `old` written at (line, column), plain or in
    quotes (kept), with `new`; None when it is written otherwise (escaped, folded, an alias)."""
    for quote in ("", '"', "'"):
        edits = replace_on_line(file, lines, line, column, f"{quote}{old}{quote}", f"{quote}{new}{quote}")
        if edits is not None:
            return edits
    return None
