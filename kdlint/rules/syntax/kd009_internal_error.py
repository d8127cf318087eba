"""KD009: a rule failed on some input; the engine reports it under this code."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta

META = RuleMeta("KD009", "internal-error", "A rule failed on this input", Severity.ERROR, Needs.SOURCE)


def check(source, ctx):
    # The engine creates these findings when another rule raises; nothing to look for here.
    return iter(())
