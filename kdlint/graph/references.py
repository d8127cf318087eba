"""References from one object to another, read from the manifest fields that carry them.

Ingress and Gateway API route backends, Endpoints/EndpointSlices to their Service,
autoscalers to their workload, ReferenceGrants. Tolerant of malformed input: a field of the
wrong type yields no reference (schema rules report it).
"""

from __future__ import annotations

from typing import NamedTuple

from kdlint.model.objects import K8sObject

GATEWAY_GROUP = "gateway.networking.k8s.io"
ROUTE_KINDS = ("HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute")
SERVICE_NAME_LABEL = "kubernetes.io/service-name"
MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by"


class BackendRef(NamedTuple):
    source: K8sObject
    namespace: str  # where the Service is looked up
    name: str
    port: int | str | None  # number or name; None when not given
    path: tuple  # the backend entry inside the source object
    name_path: tuple
    port_path: tuple | None

    @property
    def cross_namespace(self) -> bool:
        return self.namespace != self.source.namespace


def is_route(obj: K8sObject) -> bool:
    return obj.kind in ROUTE_KINDS and obj.group == GATEWAY_GROUP


def ingress_backends(ingress: K8sObject) -> list[BackendRef]:
    refs = []
    spec = ingress.get("spec")
    if not isinstance(spec, dict) or ingress.namespace is None:
        return refs
    for key in ("defaultBackend", "backend"):
        ref = _ingress_backend(ingress, ("spec", key))
        if ref:
            refs.append(ref)
    rules = spec.get("rules")
    for r, rule in enumerate(rules if isinstance(rules, list) else []):
        paths = ingress.get("spec", "rules", r, "http", "paths")
        for p in range(len(paths) if isinstance(paths, list) else 0):
            ref = _ingress_backend(ingress, ("spec", "rules", r, "http", "paths", p, "backend"))
            if ref:
                refs.append(ref)
    return refs


def _ingress_backend(ingress: K8sObject, path: tuple) -> BackendRef | None:
    backend = ingress.get(*path)
    if not isinstance(backend, dict):
        return None
    service = backend.get("service")
    if isinstance(service, dict):  # networking.k8s.io/v1
        name = service.get("name")
        port = service.get("port") if isinstance(service.get("port"), dict) else {}
        if "number" in port:
            value, port_path = port.get("number"), path + ("service", "port", "number")
        elif "name" in port:
            value, port_path = port.get("name"), path + ("service", "port", "name")
        else:
            value, port_path = None, None
        name_path = path + ("service", "name")
    elif "serviceName" in backend:  # extensions / networking.k8s.io v1beta1
        name, value = backend.get("serviceName"), backend.get("servicePort")
        name_path, port_path = path + ("serviceName",), path + ("servicePort",)
    else:
        return None  # a resource backend
    if not isinstance(name, str) or not name:
        return None
    return BackendRef(ingress, ingress.namespace, name, _port(value), path, name_path, port_path)


def route_backends(route: K8sObject) -> list[BackendRef]:
    refs = []
    rules = route.get("spec", "rules")
    if route.namespace is None or not isinstance(rules, list):
        return refs
    for r, rule in enumerate(rules):
        backends = rule.get("backendRefs") if isinstance(rule, dict) else None
        for b, backend in enumerate(backends if isinstance(backends, list) else []):
            if not isinstance(backend, dict):
                continue
            if backend.get("group", "") not in ("", None) or backend.get("kind", "Service") != "Service":
                continue  # references to other kinds are implementation-specific
            name = backend.get("name")
            if not isinstance(name, str) or not name:
                continue
            namespace = backend.get("namespace")
            path = ("spec", "rules", r, "backendRefs", b)
            refs.append(
                BackendRef(
                    route,
                    namespace if isinstance(namespace, str) and namespace else route.namespace,
                    name,
                    _port(backend.get("port")),
                    path,
                    path + ("name",),
                    path + ("port",) if "port" in backend else None,
                )
            )
    return refs


def grant_allows(grant: K8sObject, route: K8sObject, service_name: str) -> bool:
    """Whether a ReferenceGrant (in the Service's namespace) lets `route` refer to the Service."""
    spec = grant.get("spec")
    if not isinstance(spec, dict):
        return False
    sources = spec.get("from") if isinstance(spec.get("from"), list) else []
    targets = spec.get("to") if isinstance(spec.get("to"), list) else []
    from_ok = any(
        isinstance(f, dict) and f.get("group") == GATEWAY_GROUP and f.get("kind") == route.kind and f.get("namespace") == route.namespace
        for f in sources
    )
    to_ok = any(
        isinstance(t, dict) and t.get("group", "") in ("", None) and t.get("kind") == "Service" and t.get("name") in (None, "", service_name)
        for t in targets
    )
    return from_ok and to_ok


def backend_problem(ref: BackendRef, service: K8sObject | None, grants, ports_of) -> str | None:
    """Why a backend reference is broken: "no-grant", "missing-service", "missing-port"; None if it is not."""
    if ref.cross_namespace and ref.source.kind != "Ingress":
        if not any(grant_allows(g, ref.source, ref.name) for g in grants):
            return "no-grant"
    if service is None:
        return "missing-service"
    if ref.port is None or service.get("spec", "type") == "ExternalName":
        return None
    ports = ports_of(service)
    if isinstance(ref.port, int):
        return None if any(p.port == ref.port for p in ports) else "missing-port"
    return None if any(p.name == ref.port for p in ports) else "missing-port"


def endpoints_service(obj: K8sObject) -> str | None:
    """The Service name an Endpoints / EndpointSlice belongs to (None: to none)."""
    if obj.kind == "Endpoints" and obj.group == "":
        return obj.name or None
    if obj.kind == "EndpointSlice":
        value = obj.labels.get(SERVICE_NAME_LABEL)
        return str(value) if value else None
    return None


def scale_target(obj: K8sObject) -> tuple[str, str] | None:
    """(kind, name) an autoscaler (HPA, KEDA ScaledObject) scales."""
    target = obj.get("spec", "scaleTargetRef")
    if obj.kind not in ("HorizontalPodAutoscaler", "ScaledObject") or not isinstance(target, dict):
        return None
    name = target.get("name")
    kind = target.get("kind") or "Deployment"
    return (str(kind), name) if isinstance(name, str) and name else None


def _port(value) -> int | str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value) if value.isdigit() else value
    return None
