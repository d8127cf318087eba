"""Turn jsonschema's errors into problems a person can act on: one per real problem, at the
exact key or value, in plain words.

A :class:`Problem` is data only (a path inside the object, a message); the rules turn it into
a Violation, and :mod:`kdlint.schema.misplaced` may turn an unknown field into a misplaced one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kdlint.schema.navigate import describe, dotted, expected_words, field_names, short
from kdlint.schema.patterns import search
from kdlint.schema.store import QUANTITY_PATTERN
from kdlint.suggest import closest_term

SCHEMA_VIOLATION, UNKNOWN_FIELD, MISPLACED_FIELD = "KD201", "KD202", "KD102"


@dataclass(frozen=True)
class Problem:
    code: str
    path: tuple  # the key or value it is about, relative to the object
    message: str
    at_value: bool = False
    fix: str | None = None
    warning: bool = False  # a likely mistake that the schema itself accepts
    field: str | None = None  # an unknown or misplaced field's name
    target: tuple | None = None  # KD102: the mapping the field belongs in
    required: str | None = None  # a missing required field's name
    suggestion: str | None = None  # the field an unknown one is likely a misspelling of
    added_in: str | None = None  # an unknown field that a newer Kubernetes version has
    autofix: object = None  # KD102: the kdlint.fixes.Fix that moves the field where it belongs


def problems_from(errors, root: dict) -> list[Problem]:
    """Problems for a sorted list of ``jsonschema.ValidationError`` of one object."""
    problems: list[Problem] = []
    seen: set = set()
    for error in errors:
        for problem in _explain(error, root):
            key = (problem.code, problem.path, problem.field, problem.required, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    # a misspelt required field is one problem, not two
    misspelt = {(p.path[:-1], p.suggestion) for p in problems if p.suggestion}
    return [p for p in problems if not (p.required and (p.path, p.required) in misspelt)]


def _explain(error, root: dict):
    path = tuple(error.absolute_path)
    keyword, expected, instance = error.validator, error.validator_value, error.instance
    where = dotted(path)
    if keyword == "additionalProperties" and expected is False and isinstance(instance, dict):
        for name in _unknown_names(error.schema, instance):
            yield _unknown(path, name, field_names(root, error.schema))
    elif keyword == "required" and isinstance(instance, dict):
        for name in expected:
            if name not in instance:
                yield Problem(SCHEMA_VIOLATION, path, f'{where} is missing the required field "{name}"', required=name,
                              fix=f"add `{name}`")
    elif keyword == "type":
        yield _at_value(path, f"{where} must be {expected_words(expected)}, not {describe(instance)}", _type_fix(expected, instance))
    elif keyword in ("enum", "const"):
        yield _enum(path, expected if keyword == "enum" else [expected], instance)
    elif keyword == "pattern":
        yield _pattern(path, expected, instance)
    elif keyword in ("oneOf", "anyOf"):
        yield from _alternatives(error, root)
    else:
        yield _at_value(path, f"{where} {_limit_words(keyword, expected, instance, error.message, error.schema)}")


def _type_fix(expected, instance) -> str:
    wanted = expected_words(expected)
    if wanted == "a string" and isinstance(instance, (int, float, bool)):
        return "quote the value, so that YAML reads it as a string"
    if wanted == "an integer" and isinstance(instance, str) and instance.strip().isdigit():
        return "remove the quotes, so that YAML reads it as a number"
    return f"write {wanted} here"


def _at_value(path, message, fix=None) -> Problem:
    return Problem(SCHEMA_VIOLATION, path, message, at_value=True, fix=fix)


def _unknown_names(schema: dict, instance: dict) -> list[str]:
    properties = schema.get("properties") or {}
    patterns = [p for p in (schema.get("patternProperties") or {}) if isinstance(p, str)]
    return [k for k in instance if k not in properties and not any(search(p, k) for p in patterns)]


def _unknown(path: tuple, name: str, known) -> Problem:
    where = f"in {dotted(path)}" if path else "at the top level"
    suggestion = closest_term(name, known)
    message = f"unknown field `{name}` {where}"
    if suggestion:
        message += f"; did you mean `{suggestion}`?"
        fix = f"rename `{name}` to `{suggestion}`"
    else:
        message += "; the API server rejects it with strict field validation (kubectl's default) and drops it silently otherwise"
        fix = "remove the field, or correct its name or indentation"
    return Problem(UNKNOWN_FIELD, path + (name,), message, field=name, fix=fix, suggestion=suggestion)


def _enum(path: tuple, allowed, instance) -> Problem:
    # "" in a built-in field's set stands for "defaulted": not worth showing next to real values
    shown = [v for v in allowed if v not in (None, "")] or [v for v in allowed if v is not None]
    choices = ", ".join(str(v) if isinstance(v, str) and v else short(v) for v in shown)
    message = f"{dotted(path)} must be {'one of ' if len(shown) > 1 else ''}{choices}, not {describe(instance)}"
    suggestion = closest_term(instance, shown) if isinstance(instance, str) else None
    fix = f"use `{suggestion}`" if suggestion and suggestion != instance else None
    return _at_value(path, message, fix)


def _pattern(path: tuple, pattern: str, instance) -> Problem:
    if pattern == QUANTITY_PATTERN:
        return _at_value(
            path, f"{dotted(path)} must be a Kubernetes quantity such as 500m, 1.5, 128Mi or 2Gi, not {describe(instance)}"
        )
    return _at_value(path, f"{dotted(path)} must match the pattern {short(pattern)}, not {describe(instance)}")


def _limit_words(keyword: str, expected, instance, fallback: str, schema) -> str:
    schema = schema if isinstance(schema, dict) else {}
    if keyword in ("minimum", "exclusiveMinimum"):
        strict = keyword == "exclusiveMinimum" or schema.get("exclusiveMinimum") is True  # draft 4's boolean form
        bound = schema.get("minimum", expected) if expected is True else expected
        return f"must be {'more than' if strict else 'at least'} {bound}, not {instance}"
    if keyword in ("maximum", "exclusiveMaximum"):
        strict = keyword == "exclusiveMaximum" or schema.get("exclusiveMaximum") is True
        bound = schema.get("maximum", expected) if expected is True else expected
        return f"must be {'less than' if strict else 'at most'} {bound}, not {instance}"
    if keyword in ("minLength", "maxLength") and isinstance(instance, str):
        bound = "at least" if keyword == "minLength" else "at most"
        return f"must be {bound} {expected} characters long, not {len(instance)}"
    if keyword in ("minItems", "maxItems") and isinstance(instance, list):
        bound = "at least" if keyword == "minItems" else "at most"
        return f"must have {bound} {expected} item(s), not {len(instance)}"
    if keyword in ("minProperties", "maxProperties") and isinstance(instance, dict):
        bound = "at least" if keyword == "minProperties" else "at most"
        return f"must have {bound} {expected} field(s), not {len(instance)}"
    if keyword == "uniqueItems":
        return "must not repeat an item"
    if keyword == "multipleOf":
        return f"must be a multiple of {expected}, not {instance}"
    return f"is not allowed here: {fallback}"


def _alternatives(error, root: dict):
    """oneOf/anyOf: one message, however many branches jsonschema tried."""
    path = tuple(error.absolute_path)
    branches = error.validator_value if isinstance(error.validator_value, list) else []
    required_sets = [b.get("required") for b in branches if isinstance(b, dict)]
    exactly = error.validator == "oneOf"
    if branches and all(isinstance(r, list) and len(b) == 1 for r, b in zip(required_sets, branches)):
        names = sorted({name for r in required_sets for name in r})
        fields = ", ".join(f"`{n}`" for n in names)
        if exactly and not error.context:
            message, fix = f"{dotted(path)} must set only one of {fields}", f"keep one of {fields}"
        else:
            message = f"{dotted(path)} must set {'exactly' if exactly else 'at least'} one of {fields}"
            fix = f"set one of {fields}"
        yield Problem(SCHEMA_VIOLATION, path, message, fix=fix)
        return
    if exactly and not error.context:
        yield _at_value(path, f"{dotted(path)} matches more than one of the allowed forms, so it is ambiguous")
        return
    from jsonschema.exceptions import best_match

    best = best_match(error.context) if error.context else None
    if best is None:
        yield _at_value(path, f"{dotted(path)} does not match any allowed form")
        return
    yield from _explain(best, root)


def drop(problems: list[Problem], unwanted) -> list[Problem]:
    """``problems`` without those in ``unwanted`` (compared by identity)."""
    ids = {id(p) for p in unwanted}
    return [p for p in problems if id(p) not in ids]


def value_at(body: Any, path) -> Any:
    for step in path:
        if isinstance(step, int) and isinstance(body, list) and 0 <= step < len(body):
            body = body[step]
        elif isinstance(step, str) and isinstance(body, dict) and step in body:
            body = body[step]
        else:
            return None
    return body
