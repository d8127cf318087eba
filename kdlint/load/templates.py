"""Recognise unrendered Go/Helm templates, which are not YAML yet.

A document is a template when `{{` stands where YAML reads structure: at the start of a line,
or as an unquoted value or list item. Inside a string — a quoted scalar or the content of a
block scalar (`run.sh: |`, an Alertmanager template in a ConfigMap) — it is just text. One pass
over the lines, no backtracking: linear in the size of the document.
"""

from __future__ import annotations

import re

_BLOCK_HEADER = re.compile(r"(?:[&!][^\s]*\s+)*[|>][0-9+-]*\s*(?:#.*)?$")


def template_line(text: str) -> int | None:
    """1-based line of the first structural `{{` in `text` (one document), or None."""
    if "{{" not in text:
        return None
    block_indent = -1  # while >= 0: lines indented deeper than this are block scalar content
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent >= 0:
            if not stripped.strip() or indent > block_indent:
                continue
            block_indent = -1
        if "{{" not in line and not _ends_with_block_header(stripped):
            continue
        column, rest = _after_dashes(indent, stripped)
        if rest.startswith("{{"):
            return number
        value = _value_after_key(rest)
        if value is not None:
            if value.startswith("{{"):
                return number
            if _BLOCK_HEADER.match(value):
                block_indent = column
        elif _BLOCK_HEADER.match(rest):
            block_indent = column - 1
    return None


def _ends_with_block_header(stripped: str) -> bool:
    return "|" in stripped or ">" in stripped


def _after_dashes(column: int, text: str) -> tuple[int, str]:
    """Skip sequence entry indicators (`- - x`): the column and text of what follows."""
    while text.startswith("-") and text[1:2] in (" ", "\t"):
        rest = text[1:].lstrip(" \t")
        column += len(text) - len(rest)
        text = rest
    return column, text


def _value_after_key(text: str) -> str | None:
    """The text after `key: ` on a mapping line, or None when the line holds no plain/quoted key."""
    if not text or text[0] in "#{[":
        return None
    if text[0] in "\"'":
        end = _closing_quote(text)
        if end < 0:
            return None
        after = text[end + 1:].lstrip(" \t")
        return after[1:].lstrip(" \t") if after.startswith(":") else None
    end = text.find(": ")
    tab = text.find(":\t")
    if tab >= 0 and (end < 0 or tab < end):
        end = tab
    comment = text.find(" #")
    if end < 0 or (0 <= comment < end):
        return "" if text.rstrip().endswith(":") and (comment < 0 or comment > len(text.rstrip()) - 1) else None
    return text[end + 2:].lstrip(" \t")


def _closing_quote(text: str) -> int:
    quote, index = text[0], 1
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1:index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return -1
