"""KD007: a kustomization that `kustomize build` would reject."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.syntax.kd006_kustomize_not_rendered import notes

META = RuleMeta(
    "KD007", "kustomize-build-error", "A kustomization that kustomize build would reject", Severity.ERROR, Needs.UNIT,
)


def check(unit, ctx):
    yield from notes(unit, "error")
