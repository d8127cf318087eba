"""KD102's words: where a misplaced field is, where it belongs, and the column to move it to,
read from the positions of the fields it belongs with."""

from __future__ import annotations

from kdlint.schema.diagnose import MISPLACED_FIELD, Problem, value_at
from kdlint.schema.misplaced import Misplacement
from kdlint.schema.navigate import describe, dotted


def misplaced_problem(obj, place: Misplacement) -> Problem:
    line, column = obj.key_position(place.path)
    target = place.target
    goal = obj.key_position(place.anchor)[1] if place.anchor else None
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
            f"{name} belongs {where}{at}; at column {column} it lands in "
            f"{dotted(place.path[:-1], 'the top level')}, which has no field {name}"
        )
    return Problem(
        MISPLACED_FIELD, place.path, message,
        fix=_indent_fix(obj, place.path, line, column, goal),
        warning=place.in_map and place.replaces is None,
        field=place.field, target=target,
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
