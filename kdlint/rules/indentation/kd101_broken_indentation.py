"""KD101: a document does not parse because a block of lines is mis-indented."""

from kdlint.findings import Severity
from kdlint.fixes import Fix, FixAvailability, reindent
from kdlint.load.indentation import diagnose
from kdlint.model.objects import guess_identity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta(
    "KD101", "broken-indentation", "A mis-indented line breaks the YAML", Severity.ERROR, Needs.DOCUMENT,
    fix=FixAvailability.SOMETIMES,
)


def check(doc, ctx):
    if doc.error is None:
        return
    diagnosis = diagnose(doc.lines, doc.error, doc.start_line)
    if diagnosis is None:
        return
    fix, autofix = "indent with spaces instead of the tab", None
    if diagnosis.expected is not None:
        shift = diagnosis.expected - diagnosis.column
        last = max(diagnosis.last_line, diagnosis.line)
        direction = "indent" if shift > 0 else "outdent"
        if last == diagnosis.line:
            fix = f"{direction} line {diagnosis.line} to column {diagnosis.expected}"
        else:
            fix = f"{direction} {diagnosis.lines} by {abs(shift)} space{'s' if abs(shift) != 1 else ''} (line {diagnosis.line} to column {diagnosis.expected})"
        autofix = Fix(fix, reindent(doc.path, doc.lines, diagnosis.line, last, shift))
    yield Violation(
        f"{diagnosis.message}; the document is skipped until it parses",
        file=doc.path,
        object_id=guess_identity(doc, ctx.settings.default_namespace),
        line=diagnosis.line,
        column=diagnosis.column,
        fix=fix,
        autofix=autofix,
    )
