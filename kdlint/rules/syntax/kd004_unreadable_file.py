"""KD004: a file that cannot be read as UTF-8 text, or a path kdlint refuses to open."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD004", "unreadable-file", "A file that cannot be read as text", Severity.ERROR, Needs.SOURCE)


def check(source, ctx):
    if source.problem is not None:
        yield Violation(
            f"{source.problem}; it is skipped", file=source.path, line=source.problem_line, column=1,
            fix="if it is not meant to be checked, exclude it (`--exclude`, or `exclude` in the kdlint configuration)",
        )
