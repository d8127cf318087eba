"""The rule contract: metadata declared once, and the violations rules yield.

A rule is a module with `META` (a RuleMeta) and `check(subject, ctx)`, a generator
of Violation. What `subject` is depends on `META.needs`:

- Needs.SOURCE: a kdlint.load.sources.SourceFile (raw text, possibly unreadable);
- Needs.DOCUMENT: a kdlint.load.documents.Document (parsed or failed);
- Needs.OBJECT: a kdlint.model.objects.K8sObject, only of `META.kinds` when set;
- Needs.CLUSTER: one subject of `META.subjects` (a Service, a pod source, a DNS reference place,
  a group of same-named objects...) with its cluster in `ctx.view`;
- Needs.UNIT: a kdlint.units.Unit, a set of objects applied together (a rendered kustomization).

Rules never print, read config files or compute line numbers from text: they point
at data (a subject object and a path inside it); the engine turns that into a
position. Rules that work on raw text (SOURCE and DOCUMENT) give line/column.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, NamedTuple

from kdlint.findings import Severity
from kdlint.fixes import Fix, FixAvailability


class Needs(enum.Enum):
    SOURCE = "source"
    DOCUMENT = "document"
    OBJECT = "object"
    CLUSTER = "cluster"
    UNIT = "unit"


@dataclass(frozen=True)
class RuleMeta:
    """What a rule is: declared once, in its module's `META`."""

    code: str  # KDnnn, stable forever
    name: str  # kebab-case alias
    summary: str  # one line, for listings
    severity: Severity
    needs: Needs
    kinds: tuple[str, ...] = ()  # OBJECT rules (and CLUSTER rules judging "objects"): only these kinds (empty: all)
    # CLUSTER rules: what one call judges, with the cluster in view (`ctx.view`): one or several
    # of ClusterView.SUBJECTS ("services", "pod-sources", "dns-places", groups of same-named
    # objects...); rules that compare objects with each other are given the groups they compare
    subjects: tuple[str, ...] | str = ()
    fix: FixAvailability = FixAvailability.NONE  # whether its findings carry a machine fix
    # OBJECT rules whose verdict on an object depends on the other objects of the run (beyond the
    # CRDs): never taken from the content cache
    whole_run: bool = False

    def __post_init__(self):
        if isinstance(self.subjects, str):  # one source, written as a plain string
            object.__setattr__(self, "subjects", (self.subjects,) if self.subjects else ())


class Ref(NamedTuple):
    """A place a violation points at: a path inside an object, or a raw position."""

    subject: Any = None  # K8sObject or None
    path: tuple = ()
    at_value: bool = False  # the value's position instead of the key's
    file: str | None = None
    line: int | None = None
    column: int | None = None


class RelatedRef(NamedTuple):
    ref: Ref
    message: str


class Violation(NamedTuple):
    # what is wrong, one sentence with the names and values involved (objects named by
    # kdlint.findings.object_name); what to do goes in `fix`, never in the message
    message: str
    subject: Any = None  # the K8sObject the finding is about, when there is one
    path: tuple = ()  # where in the subject (relative to the object)
    at_value: bool = False
    # raw position for SOURCE/DOCUMENT rules (or to override the path)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    related: tuple[RelatedRef, ...] = ()
    fix: str | None = None  # what to do, in words (lower case, no final period), whenever the rule knows
    autofix: Fix | None = None  # the edits that do it, for `kdlint check --fix`
    severity: Severity | None = None  # when a rule's severity depends on the case
    object_id: Any = None  # the ObjectId to report when there is no subject (a document that failed to parse)


@dataclass(frozen=True)
class RuleContext:
    """What rules may read besides their subject, all read-only: the run's settings, what the
    run holds as a whole (`run`, a kdlint.rules.run.RunFacts) and, for CLUSTER rules, the
    ClusterView of the subject's cluster."""

    settings: Any
    run: Any = None
    view: Any = None
