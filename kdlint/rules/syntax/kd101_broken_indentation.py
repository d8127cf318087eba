"""KD101: a document does not parse because a line is mis-indented."""

from kdlint.findings import Severity
from kdlint.load.indentation import diagnose
from kdlint.model.objects import guess_identity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD101", "broken-indentation", "A mis-indented line breaks the YAML", Severity.ERROR, Needs.DOCUMENT)


def check(doc, ctx):
    if doc.error is None:
        return
    diagnosis = diagnose(doc.lines, doc.error, doc.start_line)
    if diagnosis is None:
        return
    fix = None
    if diagnosis.expected is not None:
        fix = f"indent line {diagnosis.line} to column {diagnosis.expected}"
    yield Violation(
        f"{diagnosis.message}; the document is skipped until it parses",
        file=doc.path,
        object_id=guess_identity(doc, ctx.settings.default_namespace),
        line=diagnosis.line,
        column=diagnosis.column,
        fix=fix,
    )
