"""The objects a rule's subject stands for: where its findings land (for `--context`, which
judges only the subjects of the named files), and where the subject is and how a message names
it (for the engine's KD009, when a rule fails on one subject: an object, a pod template, a
written host name, a group of objects)."""

from __future__ import annotations

from typing import Any, NamedTuple

from kdlint.rules.base import Ref
from kdlint.findings import object_name as ident

SHOWN_MEMBERS = 3  # a group's members a message names


class Whereabouts(NamedTuple):
    obj: Any  # the K8sObject the subject stands for
    ref: Ref  # the subject's position
    text: str  # "Service/dev/web", "the host name `db` (env DB_HOST of container api)"


def reported_at(subject) -> list:
    """The objects findings on a cluster rule's subject land on: the object itself, the holder of
    a written host name or Service reference, each member of a group. Duck-typed: called for
    every subject of a `--context` run, it loads no model module."""
    if isinstance(subject, (list, tuple)):
        if subject and hasattr(subject[0], "site"):  # the references written at one place
            return [subject[0].holder]
        return [getattr(member, "obj", member) for member in subject]  # a group of objects or pod sources
    if hasattr(subject, "holder"):  # a Service reference
        return [subject.holder]
    return [getattr(subject, "obj", subject)]  # an object, a pod source, a namespace


def whereabouts(subject) -> Whereabouts | None:
    """None for a subject that is not about objects (a file, a document, a unit)."""
    from kdlint.graph.subjects import NamespacePlace
    from kdlint.model.objects import K8sObject
    from kdlint.model.workloads import PodSource
    from kdlint.references.model import Reference, ServiceRef

    if isinstance(subject, K8sObject):
        return _named(subject)
    if isinstance(subject, PodSource):
        return _named(subject.obj, "the pod template of ")
    if isinstance(subject, ServiceRef):
        return Whereabouts(subject.holder, Ref(subject.holder, subject.path), f"the Service that {subject.what} calls ({ident(subject.holder)})")
    if isinstance(subject, NamespacePlace):
        return Whereabouts(subject.obj, Ref(subject.obj, subject.path, at_value=True), f"namespace {subject.name}")
    if isinstance(subject, (list, tuple)) and subject:
        first = subject[0]
        if isinstance(first, Reference):  # the references written at one place
            line, column = first.position
            ref = Ref(first.holder, first.path, file=first.file, line=line, column=column)
            return Whereabouts(first.holder, ref, f"the host name `{first.text}` in {first.where} of {ident(first.holder)}")
        objects = [getattr(member, "obj", member) for member in subject]  # a group of objects or pod sources
        shown = ", ".join(ident(obj) for obj in objects[:SHOWN_MEMBERS])
        more = f" and {len(objects) - SHOWN_MEMBERS} more" if len(objects) > SHOWN_MEMBERS else ""
        return Whereabouts(objects[0], Ref(objects[0], ("metadata", "name")), f"the group {shown}{more}")
    return None


def _named(obj, prefix: str = "") -> Whereabouts:
    return Whereabouts(obj, Ref(obj, ("metadata", "name")), prefix + ident(obj))

