"""KD3xx: selectors, Endpoints and the backends of Services, Ingresses and routes.

Helpers shared by the rule modules of this family: how objects and labels read in messages.
"""

from __future__ import annotations

from kdlint.findings import object_name
from kdlint.rules.base import Ref, RelatedRef

# kinds that create pods: a failed document of one of these may explain "no backends"
POD_KINDS = frozenset({"Pod", "Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "DaemonSet", "Job", "CronJob", "Rollout"})


def ident(obj) -> str:
    """Kind/namespace/name, the way kdlint names objects in messages."""
    return object_name(obj)


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


def port_list(view, service) -> str:
    shown = [f"{p.name}={p.port}" if p.name else str(p.port) for p in view.ports_of(service)]
    return ", ".join(shown) or "none"


def port_hint(view, service, wanted) -> str:
    """'; 8080 is the container port behind its port http (80)' when a backend used the container port."""
    if wanted is None:
        return ""
    container_numbers = {
        r.service_port.index: r.container_port.number
        for backend in view.pods_selected_by(service) for r in backend.ports if r.container_port is not None
    }
    for port in view.ports_of(service):
        if port.port != wanted and wanted in (port.target, container_numbers.get(port.index)):
            shown = f"{port.name} ({port.port})" if port.name else str(port.port)
            return f"; {wanted} is the container port behind its port {shown}"
    return ""
