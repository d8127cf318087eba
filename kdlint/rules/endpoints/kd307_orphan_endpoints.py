"""KD307: Endpoints or EndpointSlices that no Service uses, or that fight the controller."""

from kdlint.findings import Severity
from kdlint.graph.references import MANAGED_BY_LABEL, SERVICE_NAME_LABEL, endpoints_service
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.partial import PARTIAL, no_services, partial_clause

META = RuleMeta("KD307", "orphan-endpoints", "Endpoints or EndpointSlice that belongs to no Service", Severity.WARNING, Needs.CLUSTER, subjects="objects", kinds=('Endpoints', 'EndpointSlice'))

CONTROLLER_MANAGERS = ("endpointslice-controller.k8s.io", "endpointslicemirroring-controller.k8s.io")


def check(obj, ctx):
    view = ctx.view
    if obj.namespace is None or (obj.kind == "Endpoints" and obj.group != ""):
        return
    name = endpoints_service(obj)
    if name is None:
        yield Violation(
            f"EndpointSlice has no `{SERVICE_NAME_LABEL}` label, so it belongs to no Service",
            fix=f"label it `{SERVICE_NAME_LABEL}: <service name>`",
            subject=obj,
            path=("metadata", "labels") if obj.get("metadata", "labels") is not None else ("metadata",),
        )
        return
    service = view.get("Service", obj.namespace, name)
    path = ("metadata", "name") if obj.kind == "Endpoints" else ("metadata", "labels", SERVICE_NAME_LABEL)
    if service is None:
        partial = (no_services(view, obj.namespace) and not view.services_named(name)
                   and not view.unparsed_note(obj.namespace, {"Service"}, name=name))
        message, fix = _orphan(view, obj, name, partial)
        yield Violation(message, fix=fix, subject=obj, path=path, at_value=True, severity=PARTIAL if partial else None)
    elif view.selector_of(service) is not None and not _controller_owned(obj):
        if obj.kind == "Endpoints":
            effect = "the endpoints controller owns the Endpoints of a Service with a selector and overwrites these"
        else:
            effect = "kube-proxy adds these addresses to the ones computed from the selector, mixing both sets of backends"
        yield Violation(
            f"{obj.kind} is written by hand for Service {service.namespace}/{service.name}, which has a selector: "
            f"{effect}",
            fix="remove the selector from the Service (to keep these endpoints), or delete this object",
            subject=obj,
            path=path,
            at_value=True,
        )


def _orphan(view, obj, name: str, partial: bool) -> tuple[str, str]:
    """(message, fix) for an Endpoints or EndpointSlice whose Service is not in its namespace."""
    how = "its name" if obj.kind == "Endpoints" else f"its `{SERVICE_NAME_LABEL}` label"
    message = f"{obj.kind} belongs to no Service: {how} says `{name}`, and namespace {obj.namespace} has no Service `{name}`"
    if partial:
        message += partial_clause(obj.namespace, "Service")
    close = view.similar_service(obj.namespace, name)
    elsewhere = [s.namespace for s in view.services_named(name) if s.namespace != obj.namespace]
    if close:
        message += f"; the closest Service name there is `{close.name}`"
        fix = f"name it exactly like its Service, `{close.name}`"
    elif elsewhere:
        message += f"; Service `{name}` exists in namespace {elsewhere[0]}"
        fix = f"move this object to namespace {elsewhere[0]}, next to its Service"
    else:
        fix = "add the Service, or delete this object"
    return message + view.unparsed_note(obj.namespace, {"Service"}, name=name), fix


def _controller_owned(obj) -> bool:
    """Objects exported from a cluster: written by the controller, not by hand."""
    if obj.labels.get(MANAGED_BY_LABEL) in CONTROLLER_MANAGERS:
        return True
    metadata = obj.get("metadata") or {}
    return any(key in metadata for key in ("uid", "resourceVersion", "ownerReferences"))
