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
            "a tab is used for indentation; YAML allows only spaces: replace the tab with spaces",
        )
    if not any(p in problem.problem for p in _INDENT_PROBLEMS):
        return None
    blocks = _open_blocks(lines, problem.line, first_line)
    if not blocks:
        return None
    name = _describe(content)
    previous = blocks[0]
    item = _ITEM.match(lines[previous.line - 1])
    if item and column == len(item.group(1)) + 1 and not content.startswith("-"):
        # `- a: 1` then `b: 2` at the dash's column: b was meant to be inside the item
        item_column = len(item.group(0)) + 1
        sibling = _describe(lines[previous.line - 1][item_column - 1:])
        last = block_end(lines, problem.line, column, new_items_end_it=True)
        return IndentDiagnosis(
            problem.line, column, item_column,
            f"{name} is at column {column}, the column of the `-` on line {previous.line}; "
            f"indent {_it(problem.line, last)} to column {item_column}, like {sibling}, to keep {'it' if last == problem.line else 'them'} in that list item",
            last,
        )
    candidates = sorted({b.column: b for b in blocks if b.column != column}.values(), key=lambda b: (abs(b.column - column), -b.column))
    if not candidates:
        return None
    best = candidates[0]
    last = block_end(lines, problem.line, column)
    return IndentDiagnosis(
        problem.line, column, best.column,
        f"{name} is at column {column}, which matches no open block; "
        f"judged from its siblings it belongs at column {best.column}, like {best.text} on line {best.line}"
        + ("" if last == problem.line else f": move {_it(problem.line, last)} there"),
        last,
    )


def block_end(lines: list[str], line: int, column: int, new_items_end_it: bool = False, siblings: bool = True) -> int:
    """The last line of the block that starts at `line` (content at `column`): the lines after it
    deeper than `column` and, with `siblings`, those at `column` too, up to the first line left of
    it. Blank and comment lines count only between block lines. With `new_items_end_it`, a `- `
    at `column` starts a new list item (and ends the block); without `siblings`, `- ` items at
    `column` belong to the block only as the sequence of a `key:` that opens the block."""
    last = line
    opens_sequence = _opens_value(lines[line - 1])
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
        if at == column:
            item = _ITEM.match(text) or content.rstrip() == "-"
            if not siblings:
                if not (item and opens_sequence):
                    break
            elif new_items_end_it and item and not opens_sequence:
                break
            else:
                opens_sequence = _opens_value(text)
        last = number
    return last


def _opens_value(text: str) -> bool:
    """`key:` with its value on the lines below (a nested mapping or a sequence)."""
    key = _KEY.match(text.strip())
    return bool(key) and not text.strip()[key.end():].split("#")[0].strip()


def _it(line: int, last: int) -> str:
    following = last - line
    if following == 0:
        return "it"
    return f"it and the {'line' if following == 1 else f'{following} lines'} after it (lines {line}-{last})"


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
