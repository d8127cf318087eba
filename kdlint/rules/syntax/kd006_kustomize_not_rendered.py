"""KD006: a kustomize feature kdlint does not render, so part of a unit is not checked."""

import posixpath

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta(
    "KD006", "kustomize-not-rendered", "A kustomize feature kdlint does not render", Severity.INFO, Needs.UNIT,
)


def check(unit, ctx):
    yield from notes(unit, "unsupported", _render_with_kustomize)


def _render_with_kustomize(note) -> str:
    folder = posixpath.dirname(note.file) or "."
    helm = " --enable-helm" if note.feature.startswith("helm") else ""
    return f"to check what it produces, lint kustomize's own output: `kustomize build{helm} {folder} | kdlint check -`"


def notes(unit, kind: str, fix=None):
    """The rendering's notes of `kind`; `fix(note)`: what to do about one."""
    rendering = unit.rendering
    if rendering is None:
        return
    for note in rendering.notes:
        if note.kind == kind:
            yield Violation(note.message, file=note.file, line=note.line, column=note.column, fix=fix(note) if fix else None)
