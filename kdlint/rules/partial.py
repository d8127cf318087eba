"""The partial-input policy of every rule that says "X does not exist" (README: Partial input).

Such a rule first asks whether the input holds any object of X's kind in X's namespace. None at
all means the input is most likely a part of what is deployed (one chart, one file, an Ingress
linted without its application): the finding is info and says so. When the namespace has
objects of that kind, but not the one named, the rule keeps its own severity: the name is
probably wrong. A document of that kind that failed to parse is not partial input; the
finding names the document instead.
"""

from __future__ import annotations

from kdlint.findings import Severity

PARTIAL = Severity.INFO


def no_services(view, namespace: str | None) -> bool:
    return not view.services(namespace) if namespace is not None else False


def partial_clause(namespace: str, what: str) -> str:
    """The clause that ends the problem of a finding on partial input."""
    return (
        f"; the input has no {what} in namespace {namespace} at all, so it is probably only part of what runs "
        "there (lint the whole namespace, or load the rest with --context)"
    )
