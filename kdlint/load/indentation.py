"""Explain a YAML syntax error that a mis-indented line causes.

The parser only says what it expected; this looks at the offending line and the
lines above it (the blocks still open at that point) to say at which column the
line belongs, judged from its siblings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kdlint.load.documents import SyntaxProblem

_INDENT_PROBLEMS = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "mapping values are not allowed",
    "expected <block end>",
    "block sequence entries are not allowed",
)
_ITEM = re.compile(r"^(\s*)-(\s+)(?=\S)")
_KEY = re.compile(r"^([^\s#'\"{}\[\],][^:#]*?|\"[^\"]*\"|'[^']*'):(\s|$)")


@dataclass(frozen=True)
class Block:
    column: int  # 1-based column of the keys (or dashes) of this block
    line: int
    text: str  # the key (or `- key`) that opens it, for messages


@dataclass(frozen=True)
class IndentDiagnosis:
    line: int
    column: int  # where the offending line's content starts
    expected: int | None  # the column it belongs at
    message: str
    last_line: int = 0  # the last line of the mis-indented block (its siblings and children)

    @property
    def lines(self) -> str:
        last = max(self.last_line, self.line)
        return f"line {self.line}" if last == self.line else f"lines {self.line}-{last}"


def diagnose(lines: list[str], problem: SyntaxProblem, first_line: int) -> IndentDiagnosis | None:
    """An IndentDiagnosis when `problem` comes from indentation, else None."""
    if problem.line > len(lines):
        return None
    text = lines[problem.line - 1]
    content = text.lstrip(" ")
    column = len(text) - len(content) + 1
    if "cannot start any token" in problem.problem and content.startswith("\t"):
        return IndentDiagnosis(
            problem.line, column, None,
            "the line is indented with a tab, and YAML allows only spaces for indentation",
        )
    if not any(p in problem.problem for p in _INDENT_PROBLEMS):
        return None
    if content.startswith("-"):
        split = _split_item(lines, problem.line, column, first_line)
        if split is not None:
            return split
    blocks = _open_blocks(lines, problem.line, first_line)
    if not blocks:
        return None
    name = _describe(content)
    previous = blocks[0]
    item = _ITEM.match(lines[previous.line - 1])
    if item and column == len(item.group(1)) + 1 and not content.startswith("-") and _holds_keys(lines[previous.line - 1], item):
        # `- a: 1` then `b: 2` at the dash's column: b was meant to be inside the item
        item_column = len(item.group(0)) + 1
        sibling = _describe(lines[previous.line - 1][item_column - 1:])
        last = block_end(lines, problem.line, column, new_items_end_it=True)
        return IndentDiagnosis(
            problem.line, column, item_column,
            f"{name} is at column {column}, the column of the `-` on line {previous.line}, so it falls out of "
            f"that list item, whose fields start at column {item_column} like {sibling}",
            last,
        )
    candidates = sorted({b.column: b for b in blocks if b.column != column}.values(), key=lambda b: (abs(b.column - column), -b.column))
    if not candidates:
        return None
    best = candidates[0]
    last = block_end(lines, problem.line, column, new_items_end_it=not content.startswith("-"))
    return IndentDiagnosis(
        problem.line, column, best.column,
        f"{name} is at column {column}, where no key or list item above it starts; "
        f"judged from the lines around it, it belongs at column {best.column}, like {best.text} on line {best.line}",
        last,
    )


def block_end(lines: list[str], line: int, column: int, new_items_end_it: bool = False, siblings: bool = True) -> int:
    """The last line of the block that starts at `line` (content at `column`): the lines after it
    deeper than `column` and, with `siblings`, those at `column` too, up to the first line left of
    it. Blank and comment lines count only between block lines. A `- ` at `column` right below a
    `key:` there opens that key's (compact) sequence, whose items belong to the block; any other
    `- ` at `column` starts a new list item, which ends the block without `siblings` or with
    `new_items_end_it`."""
    last = line
    opener, in_sequence = _opens_value(lines[line - 1]), False
    for number in range(line + 1, len(lines) + 1):
        text = lines[number - 1]
        content = text.lstrip(" ")
        if not content.strip() or content.startswith("#"):
            continue
        if content.startswith(("---", "...")) and len(text) == len(content):
            break
        at = len(text) - len(content) + 1
        if at < column:
            break
        if at > column:
            opener = False  # the key's value is this deeper block, not a sequence at its column
        elif _ITEM.match(text) or content.rstrip() == "-":
            if not (opener or in_sequence) and (new_items_end_it or not siblings):
                break
            opener, in_sequence = False, opener or in_sequence
        else:
            if not siblings:
                break
            opener, in_sequence = _opens_value(text), False
        last = number
    return last


def _holds_keys(text: str, item) -> bool:
    """Whether the list item on this line is a mapping (`- name: x`), not a scalar (`- x`)."""
    return bool(_KEY.match(text[item.end():].strip()))


def _opens_value(text: str) -> bool:
    """`key:` with its value on the lines below (a nested mapping or a sequence)."""
    key = _KEY.match(text.strip())
    return bool(key) and not text.strip()[key.end():].split("#")[0].strip()


def _split_item(lines: list[str], line: int, column: int, first_line: int) -> IndentDiagnosis | None:
    """A `- ` that cannot follow the `key: value` lines above it at its column, when a list item
    at that column came before them: those lines were meant inside that item (the item's fields
    written at the column of its `-`), and the `- ` is the next item."""
    culprit = None
    for number in range(line - 1, first_line - 1, -1):
        text = lines[number - 1]
        content = text.lstrip(" ")
        if not content.strip() or content.startswith("#"):
            continue
        at = len(text) - len(content) + 1
        if at > column:
            continue
        if at < column:
            return None
        item = _ITEM.match(text)
        if item is None:
            if not _KEY.match(content.strip()):
                return None
            culprit = number
            continue
        if culprit is None or not _holds_keys(text, item):
            return None
        item_column = len(item.group(0)) + 1
        last = block_end(lines, culprit, column, new_items_end_it=True)
        sibling = _describe(text[item_column - 1:])
        return IndentDiagnosis(
            culprit, column, item_column,
            f"{_describe(lines[culprit - 1])} is at column {column}, the column of the `-` on line {number}, so it "
            f"falls out of that list item (whose fields start at column {item_column}, like {sibling}) and the `-` "
            f"on line {line} cannot follow it",
            last,
        )
    return None


def _open_blocks(lines: list[str], line: int, first_line: int) -> list[Block]:
    """Blocks open just before `line`, innermost first (one per indentation level)."""
    blocks: list[Block] = []
    limit = None
    for number in range(line - 1, first_line - 1, -1):
        text = lines[number - 1]
        content = text.lstrip(" ")
        if not content.strip() or content.startswith("#") or content.startswith(("---", "...")):
            continue
        column = len(text) - len(content) + 1
        if limit is not None and column >= limit:
            continue
        item = _ITEM.match(text)
        if item:
            if _holds_keys(text, item):
                blocks.append(Block(len(item.group(0)) + 1, number, _describe(content[len(item.group(0)) - len(item.group(1)):])))
            blocks.append(Block(column, number, "`-`"))
        else:
            blocks.append(Block(column, number, _describe(content)))
        limit = column
        if column == 1:
            break
    return blocks


def _describe(content: str) -> str:
    key = _KEY.match(content.strip())
    return f"`{key.group(1)}`" if key else f"`{content.strip()[:30]}`"
