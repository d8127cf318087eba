"""KD006: a kustomize feature kdlint does not render, so part of a unit is not checked."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta(
    "KD006", "kustomize-not-rendered", "A kustomize feature kdlint does not render", Severity.INFO, Needs.UNIT,
)


def check(unit, ctx):
    yield from notes(unit, "unsupported")


def notes(unit, kind: str):
    rendering = unit.rendering
    if rendering is None:
        return
    for note in rendering.notes:
        if note.kind == kind:
            yield Violation(note.message, file=note.file, line=note.line, column=note.column)
