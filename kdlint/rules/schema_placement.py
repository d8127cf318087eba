"""KD102's words: where a misplaced field is, where it belongs, and the column to move it to,
read from the positions of the fields it belongs with."""

from __future__ import annotations

from kdlint.fixes import Applicability, Fix, move_lines, reindent
from kdlint.load.indentation import block_end
from kdlint.schema.diagnose import MISPLACED_FIELD, Problem, value_at
from kdlint.schema.misplaced import Misplacement
from kdlint.schema.navigate import describe, dotted


def misplaced_problem(obj, place: Misplacement) -> Problem:
    line, column = obj.key_position(place.path)
    target = place.target
    goal = obj.key_position(place.anchor)[1] if place.anchor else None
    if goal is None and target and isinstance(target[-1], str) and value_at(obj.body, target) is None:
        goal = obj.key_position(target)[1] + 2  # an empty mapping: its fields go one level in
    at = f", at column {goal}" if goal else ""
    name = f"`{place.field}`"
    if place.in_map:
        if place.replaces is None:
            taken = "so it becomes an entry there"
        else:
            taken = f"which does not take {describe(value_at(obj.body, place.path))}"
        message = (
            f"{name} sits inside {dotted(place.path[:-1])}, a map of strings, {taken}; it looks like the field "
            f"{dotted(target + (place.field,))} and belongs {_in(target)}{at}, next to `{place.anchor[-1]}`"
        )
    else:
        if target and isinstance(target[-1], int):
            where = f"in {dotted(target)} (the list item on line {obj.key_position(target)[0]})"
        elif target:
            where = f"in {dotted(target)} (under `{target[-1]}` on line {obj.key_position(target)[0]})"
        else:
            where = "at the top level of the object"
        message = (
            f"{name} at column {column} lands in {dotted(place.path[:-1], 'the top level')}, which has no field "
            f"{name}; it belongs {where}{at}"
        )
    return Problem(
        MISPLACED_FIELD, place.path, message,
        fix=_indent_fix(obj, place.path, line, column, goal),
        warning=place.in_map and place.replaces is None,
        field=place.field, target=target,
        autofix=_move(obj, place, line, column, goal),
    )


def _in(target: tuple) -> str:
    return f"in {dotted(target)}" if target else "at the top level"


def _indent_fix(obj, path: tuple, line: int, column: int, goal: int | None) -> str | None:
    if goal is None or goal == column:
        return None
    doc, full = obj.origin(path)
    positions = doc.positions
    last = max((positions.value(p)[0] for p in positions.paths() if p[: len(full)] == full), default=line)
    direction = "indent" if goal > column else "outdent"
    if last <= line:
        return f"{direction} line {line} to column {goal}"
    shift = abs(goal - column)
    return f"{direction} lines {line}-{last} by {shift} space{'s' if shift != 1 else ''} (`{path[-1]}` to column {goal})"


def _move(obj, place: Misplacement, line: int, column: int, goal: int | None) -> Fix | None:
    """The edits that put the field's lines where it belongs: in place, re-indented, when it
    already sits at the edge of its target mapping; else cut and pasted after the mapping it is in.
    Moving an entry out of a map the schema accepts changes behaviour, so that one is unsafe."""
    if obj.provenance is not None:
        return None  # rendered by kustomize: its lines may come from several files
    lines = obj.doc.lines
    if goal is None or goal == column or lines[line - 1][: column - 1].strip():
        return None  # a field sharing its line with something else (`- name:`, a flow mapping)
    last = block_end(lines, line, column, siblings=False)
    shift = goal - column
    applicability = Applicability.UNSAFE if place.in_map and place.replaces is None else Applicability.SAFE
    name, span = place.field, f"line {line}" if last == line else f"lines {line}-{last}"
    into_previous = len(place.target) >= len(place.path) - 1  # one level down: the mapping just above it
    if into_previous or _next_column(lines, last) <= goal:
        direction = "indent" if shift > 0 else "outdent"
        return Fix(f"{direction} `{name}` ({span}) to column {goal}", reindent(obj.file, lines, line, last, shift), applicability)
    holder = place.path[: len(place.target) + 1]  # the key of the target mapping that the field sits under
    holder_line, holder_column = obj.key_position(holder)
    after = block_end(lines, holder_line, holder_column, siblings=False)
    if not holder_line < line <= last <= after:
        return None
    edits = move_lines(obj.file, lines, line, last, shift, after)
    return Fix(f"move `{name}` ({span}) below line {after}, to column {goal}", edits, applicability)


def _next_column(lines: list[str], after: int) -> int:
    """The column of the first content line after line `after` (0 at the end of the text)."""
    for text in lines[after:]:
        content = text.lstrip(" ")
        if content.strip() and not content.startswith("#"):
            return 0 if content.startswith(("---", "...")) and text == content else len(text) - len(content) + 1
    return 0
