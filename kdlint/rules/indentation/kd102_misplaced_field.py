"""KD102: a field at the wrong indentation that still parses, so it lands in the wrong mapping."""

from kdlint.findings import Severity
from kdlint.fixes import FixAvailability
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.schema_analysis import violations

META = RuleMeta(
    "KD102", "misplaced-field", "A field is indented into the wrong mapping, where the schema rejects or misreads it",
    Severity.ERROR, Needs.OBJECT, fix=FixAvailability.SOMETIMES,
)


def check(obj, ctx):
    return violations(obj, ctx, META.code)
