"""KD002: a mapping repeats a key."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, Ref, RelatedRef, RuleMeta, Violation

META = RuleMeta("KD002", "duplicate-key", "A mapping repeats a key", Severity.ERROR, Needs.DOCUMENT)


def check(doc, ctx):
    for dup in doc.duplicates:
        yield Violation(
            f"key `{dup.key}` appears again (first on line {dup.first_line}); Kubernetes silently keeps "
            "only the last one: remove one of them or merge their contents",
            file=doc.path,
            line=dup.line,
            column=dup.column,
            related=(RelatedRef(Ref(file=doc.path, line=dup.first_line, column=dup.first_column), f"first `{dup.key}`"),),
        )
