"""KD3xx: selectors, Endpoints and the backends of Services, Ingresses and routes.

Helpers shared by the rule modules of this family: how objects and labels read in messages.
"""

from __future__ import annotations

from kdlint.rules.base import Ref, RelatedRef

# kinds that create pods: a failed document of one of these may explain "no backends"
POD_KINDS = frozenset({"Pod", "Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "DaemonSet", "Job", "CronJob", "Rollout"})


def related_source(source, message: str) -> RelatedRef:
    return RelatedRef(Ref(subject=source.obj, path=source.labels_path), message)


def related_object(obj, message: str, path=()) -> RelatedRef:
    return RelatedRef(Ref(subject=obj, path=path), message)


def missing_service_hint(view, name: str, namespace: str) -> tuple[str, object | None]:
    """What to say about a Service name that is not in `namespace`: a near name, or where it is."""
    close = view.similar_service(namespace, name)
    if close is not None:
        return f"did you mean `{close.name}`?", close
    elsewhere = [s for s in view.services_named(name) if s.namespace != namespace]
    if elsewhere:
        return f"a Service `{name}` exists in namespace {elsewhere[0].namespace}", elsewhere[0]
    return "", None


def selected_labels(selector) -> dict[str, str]:
    """The `key: value` labels a Service selector asks for (each of its requirements is one)."""
    return {r.key: r.values[0] for r in selector.requirements if len(r.values) == 1}
