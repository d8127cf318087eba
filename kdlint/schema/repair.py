"""Look inside the fields the schema could not read: a misspelt field's value, a misplaced
field's value.

The schema stops at an unknown field, so ``contianers: [...]`` hides every problem in the
containers.  Here the body is repaired (the misspelt field renamed to its suggestion, the
misplaced field moved where it belongs) and validated again; the problems found inside the
repaired fields are reported at their place in the original body.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from kdlint.schema.diagnose import UNKNOWN_FIELD, Problem, problems_from, value_at
from kdlint.schema.misplaced import Misplacement


def problems_inside(body, compiled, problems: list[Problem], places: list[Misplacement]) -> list[Problem]:
    """Problems inside repaired fields, with paths in the original body."""
    moves = []  # (old path of the field, new path of the field)
    moved = {place.path for place in places}
    for problem in problems:
        if problem.code == UNKNOWN_FIELD and problem.suggestion and problem.path not in moved:
            moves.append((problem.path, problem.path[:-1] + (problem.suggestion,)))
    for place in places:
        if not place.in_map:
            moves.append((place.path, place.target + (place.field,)))
    if not moves:
        return []
    fixed = copy.deepcopy(body)
    applied = []
    for old, new in moves:
        source, target = value_at(fixed, old[:-1]), value_at(fixed, new[:-1])
        if isinstance(source, dict) and isinstance(target, dict) and old[-1] in source and new[-1] not in target:
            target[new[-1]] = source.pop(old[-1])
            applied.append((old, new))
    found = []
    for problem in problems_from(compiled.errors(fixed), compiled.schema):
        for old, new in applied:
            if len(problem.path) > len(new) and problem.path[: len(new)] == new:
                found.append(replace(problem, path=old + problem.path[len(new):]))
                break
    return found
