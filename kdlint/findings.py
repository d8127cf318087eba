"""Finding values: what every rule reports and every reporter renders."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # a run that fixes nothing never needs kdlint.fixes
    from kdlint.fixes import Fix


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


# Location, ObjectId and Finding are named tuples, Related a plain class: every run imports them,
# and making a frozen dataclass (six to ten generated methods each) costs more at start-up than
# they cost a run.


class Location(NamedTuple):
    file: str
    line: int  # 1-based
    column: int  # 1-based


def object_name(obj) -> str:
    """How messages and reports name an object (an ObjectId or a K8sObject): `Deployment dev/web`,
    or `Namespace prod` for a cluster-scoped one."""
    return f"{obj.kind} {obj.namespace}/{obj.name}" if obj.namespace else f"{obj.kind} {obj.name}"


class ObjectId(NamedTuple):
    api_version: str
    kind: str
    namespace: str | None
    name: str

    def label(self) -> str:
        return object_name(self)


class Related:
    """Another place a finding points to. Compared, hashed and ordered by place and message: the
    object is only what the place belongs to."""

    __slots__ = ("location", "message", "object")

    def __init__(self, location: Location, message: str, object: ObjectId | None = None) -> None:  # noqa: A002
        self.location = location
        self.message = message
        self.object = object

    def _key(self) -> tuple:
        return (self.location, self.message)

    def __eq__(self, other) -> bool:
        return self._key() == other._key() if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other) -> bool:
        return self._key() < other._key() if other.__class__ is self.__class__ else NotImplemented

    def __le__(self, other) -> bool:
        return self._key() <= other._key() if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self, other) -> bool:
        return self._key() > other._key() if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self, other) -> bool:
        return self._key() >= other._key() if other.__class__ is self.__class__ else NotImplemented

    def __repr__(self) -> str:
        return f"Related(location={self.location!r}, message={self.message!r}, object={self.object!r})"


class Finding(NamedTuple):
    """One finding, as rules report it and reporters render it (`finding._replace(...)` to change one)."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    object: ObjectId | None = None
    related: tuple[Related, ...] = ()
    fix: str | None = None  # what to do, in words
    units: tuple[str, ...] = ()  # the deployment units it occurs in, when its file serves several
    autofix: Fix | None = None  # the edits that do it (kdlint.fixes)

    def sort_key(self) -> tuple:
        obj = self.object
        return (
            self.location.file,
            self.location.line,
            self.location.column,
            self.code,
            (obj.kind, obj.namespace or "", obj.name) if obj else ("", "", ""),
            self.message,
        )

    def identity(self) -> tuple[str, str, str | None, str]:
        """What stays the same when lines move: rule, file, object and message without line numbers."""
        label = self.object.label() if self.object else None
        return (self.code, self.location.file, label, re.sub(_LINE_NUMBER, r"\1 N", self.message))


_LINE_NUMBER = r"\b(lines?) \d+(?:-\d+)?"  # compiled on first use (re keeps it): baselines and SARIF need it


@dataclass
class Report:
    """What a run found, and what it read."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    documents: int = 0
    objects: int = 0
    paths: tuple[str, ...] = ()  # the files reported on, in order
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # file -> text, for showing source lines
    baselined: int = 0  # findings left out because the baseline lists them
    fixed: int = 0  # fixes applied by `--fix` before this report

    def counts(self) -> dict[str, int]:
        counts = {str(s): 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts
