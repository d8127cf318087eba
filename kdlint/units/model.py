"""What is deployed together: units, and the worlds of units that share one cluster."""

from __future__ import annotations

from typing import Any

Identity = tuple  # (kind, namespace, name): what the API server keeps one object of


def identity(obj) -> Identity:
    return (obj.kind, obj.namespace, obj.name)


# Plain classes, not dataclasses: making a dataclass costs more at import than these classes
# cost a run. Units and worlds are compared by identity.
class Unit:
    """A set of objects applied together, and the files they come from."""

    def __init__(self, name: str, kind: str, files: tuple[str, ...], objects: list | None = None,
                 documents: list | None = None, variant_of: str | None = None, why: str = "", rendering: Any = None) -> None:
        self.name = name  # the kustomization's folder, the files' common folder, or the one file
        self.kind = kind  # "kustomization", "folder", "files", "file", "run" or "path"
        self.files = files  # display paths of every file whose content it holds
        self.objects = [] if objects is None else objects  # K8sObject, rendered ones for a kustomization
        self.documents = [] if documents is None else documents  # the parsed documents of its files
        self.variant_of = variant_of  # the unit whose objects this one's files repeat
        self.why = why  # one sentence: why these files form this unit
        self.rendering = rendering  # kdlint.kustomize.Rendering of a kustomization unit

    @property
    def complete(self) -> bool:
        """False when kustomize features kdlint does not render left objects out."""
        return self.rendering is None or self.rendering.complete

    def identities(self) -> frozenset:
        return frozenset(map(identity, self.objects))


class World:
    """Units that can be deployed into one cluster at once: what cluster rules see together."""

    def __init__(self, units: list[Unit], objects: list, documents: list) -> None:
        self.units = units
        self.objects = objects  # the units' objects; an identical copy another unit deploys too is kept once
        self.documents = documents

    @property
    def name(self) -> str:
        return " + ".join(unit.name for unit in self.units)


class Plan:
    """The units of a run, the worlds they form, and which unit owns each object."""

    def __init__(self, units: list[Unit], worlds: list[World], owner: dict | None = None,
                 shared_files: frozenset = frozenset()) -> None:
        self.units = units
        self.worlds = worlds
        self.owner = {} if owner is None else owner  # K8sObject -> Unit, for this run only
        self.shared_files = shared_files  # files whose content more than one unit deploys

    def unit_of(self, obj) -> Unit | None:
        return self.owner.get(obj)
