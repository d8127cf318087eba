"""KD010: a suppression that suppresses nothing; the engine reports it from kdlint.suppress."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta

META = RuleMeta(
    "KD010", "unused-suppression", "A suppression that suppresses nothing", Severity.INFO, Needs.SOURCE
)


def check(source, ctx):
    # Whether a suppression is used is known only after every other rule ran, so the engine
    # reports these findings (see kdlint.suppress); nothing to look for here.
    return iter(())
