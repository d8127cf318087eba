"""KD001: a document does not parse, for a reason other than indentation."""

from kdlint.findings import Severity
from kdlint.load.indentation import diagnose
from kdlint.model.objects import guess_identity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD001", "yaml-syntax", "YAML that does not parse", Severity.ERROR, Needs.DOCUMENT)


def check(doc, ctx):
    problem = doc.error
    if problem is None or diagnose(doc.lines, problem, doc.start_line) is not None:
        return
    line, column = min(problem.line, doc.end_line), problem.column
    if (problem.line > doc.end_line or "end of stream" in problem.problem) and problem.context_line:
        # an unclosed quote or bracket: where it was opened is what needs fixing
        line, column = problem.context_line, problem.context_column or 1
    elif line != problem.line:
        column = 1
    where = f" ({problem.context} started on line {problem.context_line})" if problem.context and problem.context_line else ""
    yield Violation(
        f"invalid YAML: {problem.problem}{where}; this document is skipped until it parses",
        file=doc.path,
        object_id=guess_identity(doc, ctx.settings.default_namespace),
        line=line,
        column=column,
    )
