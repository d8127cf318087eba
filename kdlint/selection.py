"""Which rules run, and at which severity: select/ignore by code, prefix or name."""

from __future__ import annotations

from dataclasses import dataclass, field

from kdlint.findings import Finding

# Input that could not be read or parsed hides everything in it: like ruff's syntax errors,
# these are reported whatever --select and --ignore say, so a selection never turns them into a pass.
ALWAYS_REPORTED = frozenset({"KD001", "KD004", "KD101"})


@dataclass(frozen=True)
class Selection:
    """The rules a run checks, and the severities the config changes."""

    select: tuple[str, ...] = ("KD",)
    ignore: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict, hash=False)  # code or name -> Severity

    def enabled(self, meta) -> bool:
        """Whether the rule runs: chosen, or always reported."""
        return meta.code in ALWAYS_REPORTED or self.chosen(meta)

    def chosen(self, meta) -> bool:
        """Longest matching entry wins; on a tie, ignore wins."""
        chosen = _longest(self.select, meta)
        dropped = _longest(self.ignore, meta)
        if chosen < 0:
            return False
        return dropped < chosen

    def restamp(self, finding: Finding) -> Finding:
        override = self.severity.get(finding.code) or self.severity.get(finding.name)
        return finding._replace(severity=override) if override else finding


def _longest(entries, meta) -> int:
    best = -1
    for entry in entries:
        if entry.lower() == meta.name:
            best = max(best, 100)  # a rule's full name is as specific as its code
        elif meta.code.startswith(entry.upper()):
            best = max(best, len(entry))
    return best
