"""Finding values: what every rule reports and every reporter renders."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int  # 1-based
    column: int  # 1-based


def object_name(obj) -> str:
    """How messages and reports name an object (an ObjectId or a K8sObject): `Deployment dev/web`,
    or `Namespace prod` for a cluster-scoped one."""
    return f"{obj.kind} {obj.namespace}/{obj.name}" if obj.namespace else f"{obj.kind} {obj.name}"


@dataclass(frozen=True, order=True)
class ObjectId:
    api_version: str
    kind: str
    namespace: str | None
    name: str

    def label(self) -> str:
        return object_name(self)


@dataclass(frozen=True, order=True)
class Related:
    location: Location
    message: str
    object: ObjectId | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Finding:
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
        return (self.code, self.location.file, label, _LINE_NUMBER.sub(r"\1 N", self.message))


_LINE_NUMBER = re.compile(r"\b(lines?) \d+(?:-\d+)?")


@dataclass
class Report:
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
