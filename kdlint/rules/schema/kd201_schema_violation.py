"""KD201: a value has the wrong type, a required field is missing, or a value is not allowed."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.schema_analysis import violations

META = RuleMeta(
    "KD201", "schema-violation", "A value breaks the Kubernetes schema (type, required field, allowed values)",
    Severity.ERROR, Needs.OBJECT,
)


def check(obj, ctx):
    return violations(obj, ctx, META.code)
