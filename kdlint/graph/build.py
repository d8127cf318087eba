"""Build the discovery graph of one cluster: a frozen MultiDiGraph with typed edges.

Nodes are keyed (kind, namespace, name); the namespace is part of the key, so an edge can
only join objects whose namespaces the Kubernetes semantics connect. A reference to an
object that is not in the input gets a node with `missing=True`, so broken edges are visible.
"""

from __future__ import annotations

import enum

from kdlint.graph.index import ClusterIndex
from kdlint.graph.ports import resolve
from kdlint.graph.references import (
    endpoints_service,
    grant_allows,
    ingress_backends,
    is_route,
    route_backends,
    scale_target,
)


class EdgeKind(str, enum.Enum):
    SELECTS = "selects"  # Service -> pod source (attr `ports`: PortResolution per Service port)
    GOVERNED_BY = "governed-by"  # StatefulSet -> its serviceName Service
    ROUTES_TO = "routes-to"  # Ingress / Gateway API route -> Service (attr `ref`: BackendRef)
    ENDPOINTS_OF = "endpoints-of"  # Endpoints / EndpointSlice -> Service
    SCALES = "scales"  # HorizontalPodAutoscaler / ScaledObject -> workload
    REFERS_TO_DNS = "refers-to-dns"  # workload -> Service it names in DNS (added by graph/dns)

    def __str__(self) -> str:
        return self.value


DISCOVERY_KINDS = frozenset({
    "Service", "StatefulSet", "Ingress", "Endpoints", "EndpointSlice", "HorizontalPodAutoscaler", "ScaledObject",
    "ReferenceGrant", "HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute",
})


def node_key(obj) -> tuple[str, str, str]:
    return (obj.kind, obj.namespace or "", obj.name)


def is_external_name(service) -> bool:
    return service.get("spec", "type") == "ExternalName"


def build_graph(index: ClusterIndex, extra_edges=()):
    """The frozen graph; `extra_edges` lets later stages (DNS references) add their own edges."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for obj in index.objects:
        # only what takes part in discovery: ConfigMaps, RBAC, CRDs... stay out of the graph
        if obj.kind in DISCOVERY_KINDS or index.source_of(obj) is not None:
            key = node_key(obj)
            if key not in graph:  # a duplicate keeps the first object; KD5xx reports duplicates
                graph.add_node(key, obj=obj, missing=False)
    _add_selections(graph, index)
    _add_governing_services(graph, index)
    _add_backends(graph, index)
    _add_endpoints(graph, index)
    _add_scalers(graph, index)
    for source_key, target_key, kind, attrs in extra_edges:
        _ensure(graph, index, source_key)
        _ensure(graph, index, target_key)
        graph.add_edge(source_key, target_key, key=kind, kind=kind, **attrs)
    return nx.freeze(graph)


def _ensure(graph, index: ClusterIndex, key) -> None:
    """A node for `key`: the object when the input has it, else a `missing` placeholder."""
    if key not in graph:
        obj = index.get(key[0], key[1] or None, key[2])
        graph.add_node(key, obj=obj, missing=obj is None)


def _add_selections(graph, index: ClusterIndex) -> None:
    for service in index.of_kind("Service"):
        selector = index.service_selector(service)
        if selector is None or service.namespace is None:
            continue
        ports = index.service_ports(service)
        for source in index.label_index(service.namespace).matching(selector):
            resolutions = tuple(resolve(port, source) for port in ports)
            graph.add_edge(node_key(service), node_key(source.obj), key=EdgeKind.SELECTS, kind=EdgeKind.SELECTS, ports=resolutions)


def _add_governing_services(graph, index: ClusterIndex) -> None:
    for sts in index.of_kind("StatefulSet"):
        name = sts.get("spec", "serviceName")
        if not isinstance(name, str) or not name or sts.namespace is None:
            continue
        target = ("Service", sts.namespace, name)
        _ensure(graph, index, target)
        graph.add_edge(node_key(sts), target, key=EdgeKind.GOVERNED_BY, kind=EdgeKind.GOVERNED_BY, path=("spec", "serviceName"))


def _add_backends(graph, index: ClusterIndex) -> None:
    grants = {}
    for grant in index.of_kind("ReferenceGrant"):
        grants.setdefault(grant.namespace, []).append(grant)
    for obj in index.objects:
        if obj.kind == "Ingress":
            refs = ingress_backends(obj)
        elif is_route(obj):
            refs = route_backends(obj)
        else:
            continue
        for number, ref in enumerate(refs):
            target = ("Service", ref.namespace, ref.name)
            service = index.get("Service", ref.namespace, ref.name)
            broken = _backend_problem(index, ref, service, grants.get(ref.namespace, ()))
            _ensure(graph, index, target)
            graph.add_edge(node_key(obj), target, key=(EdgeKind.ROUTES_TO, number), kind=EdgeKind.ROUTES_TO, ref=ref, broken=broken)


def _backend_problem(index, ref, service, grants) -> str | None:
    if ref.cross_namespace and ref.source.kind != "Ingress":
        if not any(grant_allows(g, ref.source, ref.name) for g in grants):
            return "no-grant"
    if service is None:
        return "missing-service"
    if ref.port is None or is_external_name(service):
        return None
    ports = index.service_ports(service)
    if isinstance(ref.port, int):
        return None if any(p.port == ref.port for p in ports) else "missing-port"
    return None if any(p.name == ref.port for p in ports) else "missing-port"


def _add_endpoints(graph, index: ClusterIndex) -> None:
    for obj in index.of_kind("Endpoints", "EndpointSlice"):
        name = endpoints_service(obj)
        if name is None or obj.namespace is None:
            continue
        target = ("Service", obj.namespace, name)
        _ensure(graph, index, target)
        graph.add_edge(node_key(obj), target, key=EdgeKind.ENDPOINTS_OF, kind=EdgeKind.ENDPOINTS_OF)


def _add_scalers(graph, index: ClusterIndex) -> None:
    for obj in index.of_kind("HorizontalPodAutoscaler", "ScaledObject"):
        target = scale_target(obj)
        if target is None or obj.namespace is None:
            continue
        key = (target[0], obj.namespace, target[1])
        _ensure(graph, index, key)
        graph.add_edge(node_key(obj), key, key=EdgeKind.SCALES, kind=EdgeKind.SCALES)
