"""KD502: the same object (API group, kind, namespace, name) defined more than once."""

from kdlint.findings import Severity, object_name
from kdlint.rules.base import Needs, Ref, RelatedRef, RuleMeta, Violation
from kdlint.rules.names import templated

META = RuleMeta(
    "KD502", "duplicate-object", "The same object is defined twice in one cluster", Severity.ERROR, Needs.CLUSTER,
    subjects="same-name-groups",
)


def check(objects, ctx):
    """`objects`: the copies of one object, in input order (ClusterView.subjects)."""
    if templated(objects[0].name):
        return
    shown = object_name(objects[0])
    identical = all(o.body == objects[0].body for o in objects)
    for obj in objects:
        others = [o for o in objects if o is not obj]
        places = ", ".join("{}:{}".format(*o.locate(("metadata", "name"))[:2]) for o in others)
        yield Violation(
            f"{shown} is defined {len(objects)} times; also at {places}; "
            + (
                "the copies are identical today, but the API server keeps one object per name and any later edit "
                "to one copy is silently overwritten by the other"
                if identical else
                "the API server keeps one object per name, so applying these manifests keeps only the last one "
                "and silently drops the others"
            ),
            fix="keep one definition (or rename); if the files are alternatives that are never applied "
            "together, `kdlint units` shows why kdlint checks them as one unit",
            subject=obj,
            path=("metadata", "name"),
            at_value=True,
            related=tuple(RelatedRef(Ref(subject=o, path=("metadata", "name"), at_value=True), f"another {shown}") for o in others),
            severity=Severity.WARNING if identical else None,
        )
