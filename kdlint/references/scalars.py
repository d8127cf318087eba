"""Where character `offset` of a string value sits in the file, for every YAML scalar style.

The loader records where each scalar starts (its first character: the quote, the `|`/`>`
indicator, or the first letter of a plain scalar). Inside the scalar, escapes, quotes, line
folding and block indentation make the value's characters drift from the source text; this
module replays the scalar from the source lines, character by character, until it reaches
the offset. The replay is checked against the value: if the two disagree (an exotic
style such as an explicit indentation indicator), the occurrence of the same text in the
source is used instead, and failing that the scalar's start.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

# YAML double-quoted escapes: character after the backslash -> (decoded text, hex digits)
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}

Char = tuple[str, int, int]  # decoded character, 1-based line, 0-based column


def offset_position(
    lines: Sequence[str], start: tuple[int, int], value: str, offset: int, length: int = 1
) -> tuple[int, int]:
    """(line, column), both 1-based, of `value[offset]` for the scalar starting at `start`.

    `lines` are the file's lines; `start` is the scalar's (line, column) as the loader
    records it; `length` is how much of the value from `offset` must agree for the replay
    to be trusted.
    """
    if not 0 <= offset < len(value):
        return start
    wanted = offset + max(length, 1)
    replayed: list[Char] = []
    for char in _replay(lines, start):
        replayed.append(char)
        if len(replayed) >= wanted:
            break
    if len(replayed) >= wanted and "".join(c[0] for c in replayed[:wanted]) == value[:wanted]:
        _, line, column = replayed[offset]
        return line, column + 1
    return _by_occurrence(lines, start, value, offset, length) or start


def _by_occurrence(lines, start, value, offset, length) -> tuple[int, int] | None:
    """The n-th occurrence of value[offset:offset+length] in the source after `start`."""
    needle = value[offset:offset + max(length, 1)]
    if not needle or "\n" in needle:
        return None
    nth, at = 0, value.find(needle)
    while at != -1 and at < offset:
        nth += 1
        at = value.find(needle, at + len(needle))
    line, column = start
    for number in range(line, len(lines) + 1):
        text = lines[number - 1]
        pos = text.find(needle, column - 1 if number == line else 0)
        while pos != -1:
            if nth == 0:
                return number, pos + 1
            nth -= 1
            pos = text.find(needle, pos + len(needle))
    return None


def _line(lines: Sequence[str], number: int) -> str | None:
    """1-based line without its line break, or None past the end."""
    if number > len(lines):
        return None
    return lines[number - 1].rstrip("\r")


def _replay(lines: Sequence[str], start: tuple[int, int]) -> Iterator[Char]:
    line, column = start
    text = _line(lines, line)
    if text is None or column - 1 >= len(text):
        return
    first = text[column - 1]
    if first == '"':
        yield from _flow(lines, line, column, _double_quoted)
    elif first == "'":
        yield from _flow(lines, line, column, _single_quoted)
    elif first in "|>":
        yield from _block(lines, line, column - 1, folded=first == ">")
    else:
        yield from _flow(lines, line, column - 1, _plain)


# ---- flow scalars (plain, single- and double-quoted): line folding --------------------------


def _flow(lines, line: int, column: int, read_line) -> Iterator[Char]:
    """Plain and quoted scalars: each line is read by `read_line`; a line break between two
    lines becomes a space, or one newline per empty line in between."""
    continues = True
    text = _line(lines, line)
    while True:
        chars, continues, escaped_break = read_line(text, line, column)
        if not continues:
            yield from chars
            return
        if not escaped_break:
            while chars and chars[-1][0] in " \t":  # trailing white space is folded away
                chars.pop()
        yield from chars
        empty = 0
        line += 1
        text = _line(lines, line)
        while text is not None and not text.strip():
            empty += 1
            line += 1
            text = _line(lines, line)
        if text is None:
            return
        if empty:
            for _ in range(empty):
                yield "\n", line, 0
        elif not escaped_break:
            yield " ", line, 0
        column = len(text) - len(text.lstrip(" \t"))


def _double_quoted(text: str, line: int, column: int):
    """(chars, continues on the next line, ends with an escaped line break)."""
    chars: list[Char] = []
    i = column
    while i < len(text):
        ch = text[i]
        if ch == '"':
            return chars, False, False
        if ch == "\\":
            if i + 1 >= len(text):
                return chars, True, True
            code = text[i + 1]
            if code in _HEX_ESCAPES:
                digits = _HEX_ESCAPES[code]
                try:
                    decoded = chr(int(text[i + 2:i + 2 + digits], 16))
                except ValueError:
                    decoded = code
                chars.append((decoded, line, i))
                i += 2 + digits
                continue
            chars.append((_ESCAPES.get(code, code), line, i))
            i += 2
            continue
        chars.append((ch, line, i))
        i += 1
    return chars, True, False


def _single_quoted(text: str, line: int, column: int):
    chars: list[Char] = []
    i = column
    while i < len(text):
        ch = text[i]
        if ch == "'":
            if text.startswith("''", i):
                chars.append(("'", line, i))
                i += 2
                continue
            return chars, False, False
        chars.append((ch, line, i))
        i += 1
    return chars, True, False


def _plain(text: str, line: int, column: int):
    chars: list[Char] = []
    i = column
    while i < len(text):
        ch = text[i]
        if ch == "#" and i > 0 and text[i - 1] in " \t":
            return chars, False, False  # a comment ends the scalar
        chars.append((ch, line, i))
        i += 1
    return chars, True, False


# ---- block scalars (| and >) -------------------------------------------------------------


def _block(lines, line: int, column: int, folded: bool) -> Iterator[Char]:
    content: list[tuple[int, str | None, int]] = []  # (line, text after indent or None if empty, indent)
    indent = None
    number = line + 1
    while True:
        text = _line(lines, number)
        if text is None:
            break
        if not text.strip():
            content.append((number, None, 0))
        else:
            width = len(text) - len(text.lstrip(" "))
            if indent is None:
                indent = width
            if width < indent:
                break
            content.append((number, text[indent:], indent))
        number += 1
    if indent is None:
        return
    yield from (_folded(content) if folded else _literal(content))


def _literal(content) -> Iterator[Char]:
    for number, text, indent in content:
        for i, ch in enumerate(text or ""):
            yield ch, number, indent + i
        yield "\n", number, indent + len(text or "")


def _folded(content) -> Iterator[Char]:
    previous = None  # "normal" or "more" (more-indented lines keep their line breaks)
    empty = 0
    last_line = content[0][0] if content else 0
    for number, text, indent in content:
        if text is None:
            empty += 1
            continue
        kind = "more" if text[:1] in (" ", "\t") else "normal"
        if previous is None:
            breaks = empty
        elif previous == "normal" and kind == "normal":
            breaks = empty
            if not empty:
                yield " ", last_line, 0
        else:
            breaks = empty + 1
        for _ in range(breaks):
            yield "\n", last_line, 0
        for i, ch in enumerate(text):
            yield ch, number, indent + i
        previous, empty, last_line = kind, 0, number
