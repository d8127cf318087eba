"""KD001: a document does not parse, for a reason other than indentation."""

from kdlint.findings import Severity
from kdlint.load.indentation import diagnose
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD001", "yaml-syntax", "YAML that does not parse", Severity.ERROR, Needs.DOCUMENT)


def check(doc, ctx):
    problem = doc.error
    if problem is None or diagnose(doc.lines, problem, doc.start_line) is not None:
        return
    line = min(problem.line, doc.end_line)
    where = f" ({problem.context} started on line {problem.context_line})" if problem.context and problem.context_line else ""
    yield Violation(
        f"invalid YAML: {problem.problem}{where}; this document is skipped until it parses",
        file=doc.path,
        line=line,
        column=problem.column if line == problem.line else 1,
    )
