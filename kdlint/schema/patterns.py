"""Schema `pattern`s with the semantics the API server gives them: RE2, linear in the input.

Kubernetes compiles `pattern` with Go's regexp (RE2 syntax, no backtracking). Python's `re`
backtracks: `^(a+)+$` against 37 `a`s and a `!` runs for minutes. Every pattern kdlint
evaluates goes through google-re2 instead; a pattern RE2 rejects is reported, never evaluated.
"""

from __future__ import annotations

from functools import cache, lru_cache


@cache
def _re2():
    """google-re2 and its options, loaded by the first pattern a run evaluates."""
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print each rejected pattern to standard error
    return re2, options


@lru_cache(maxsize=4096)
def compiled(pattern: str):
    """The RE2 program for `pattern`, or None when RE2 rejects it."""
    re2, options = _re2()
    try:
        return re2.compile(pattern, options=options)
    except (re2.error, TypeError, ValueError):
        return None


def valid_regex(pattern: str) -> bool:
    return compiled(pattern) is not None


def search(pattern: str, text: str) -> bool | None:
    """Whether `pattern` matches somewhere in `text`; None when RE2 rejects the pattern."""
    program = compiled(pattern)
    return None if program is None else program.search(text) is not None


def pattern_keyword(validator, pattern, instance, schema):
    """jsonschema's `pattern` keyword, evaluated by RE2 (a rejected pattern checks nothing)."""
    if isinstance(instance, str) and isinstance(pattern, str) and search(pattern, instance) is False:
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def rejected_patterns(schema, path: tuple = ()):
    """(path, pattern) of every `pattern` keyword under `schema` that RE2 rejects."""
    stack = [(schema, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            value = node.get("pattern")
            if isinstance(value, str) and not valid_regex(value):
                yield where + ("pattern",), value
            stack.extend((sub, where + (key,)) for key, sub in node.items() if isinstance(sub, (dict, list)))
        elif isinstance(node, list):
            stack.extend((sub, where + (index,)) for index, sub in enumerate(node) if isinstance(sub, (dict, list)))
