"""KD202: a field the schema does not have (a typo, or a field of another kind or version)."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.schema_analysis import violations

META = RuleMeta("KD202", "unknown-field", "A field the Kubernetes schema does not know", Severity.ERROR, Needs.OBJECT)


def check(obj, ctx):
    return violations(obj, ctx, META.code)
