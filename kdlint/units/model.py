"""What is deployed together: units, and the worlds of units that share one cluster."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Identity = tuple  # (kind, namespace, name): what the API server keeps one object of


def identity(obj) -> Identity:
    return (obj.kind, obj.namespace, obj.name)


@dataclass
class Unit:
    """A set of objects applied together, and the files they come from."""

    name: str  # the kustomization's folder, the files' common folder, or the one file
    kind: str  # "kustomization", "folder", "files", "file", "run" or "path"
    files: tuple[str, ...]  # display paths of every file whose content it holds
    objects: list = field(default_factory=list)  # K8sObject, rendered ones for a kustomization
    documents: list = field(default_factory=list)  # the parsed documents of its files
    variant_of: str | None = None  # the unit whose objects this one's files repeat
    why: str = ""  # one sentence: why these files form this unit
    rendering: Any = None  # kdlint.kustomize.Rendering of a kustomization unit

    @property
    def complete(self) -> bool:
        """False when kustomize features kdlint does not render left objects out."""
        return self.rendering is None or self.rendering.complete

    def identities(self) -> frozenset:
        return frozenset(identity(obj) for obj in self.objects)


@dataclass
class World:
    """Units that can be deployed into one cluster at once: what cluster rules see together."""

    units: list[Unit]
    objects: list  # the units' objects; an identical copy another unit deploys too is kept once
    documents: list

    @property
    def name(self) -> str:
        return " + ".join(unit.name for unit in self.units)


@dataclass
class Plan:
    """The units of a run, the worlds they form, and which unit owns each object."""

    units: list[Unit]
    worlds: list[World]
    owner: dict = field(default_factory=dict, repr=False)  # id(K8sObject) -> Unit, for this run only
    shared_files: frozenset = frozenset()  # files whose content more than one unit deploys

    def unit_of(self, obj) -> Unit | None:
        return self.owner.get(obj)
