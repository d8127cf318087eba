"""Build the discovery graph of one cluster: a frozen MultiDiGraph with typed edges.

Nodes are keyed (kind, namespace, name); the namespace is part of the key, so an edge can
only join objects whose namespaces the Kubernetes semantics connect. A reference to an
object that is not in the input gets a node with `missing=True`, so broken edges are visible.
"""

from __future__ import annotations

import enum

from kdlint.graph.index import ClusterIndex
from kdlint.graph.references import endpoints_service, is_route, scale_target


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


def _owns(graph, obj) -> bool:
    """The object is its node's: of two different objects with one name the first has the node."""
    key = node_key(obj)
    return key in graph and graph.nodes[key]["obj"] is obj


def _add_selections(graph, index: ClusterIndex) -> None:
    for service in index.of_kind("Service"):
        if not _owns(graph, service):
            continue
        for source, resolutions in index.backends(service):
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
    for obj in index.objects:
        if (obj.kind == "Ingress" or is_route(obj)) and _owns(graph, obj):
            for number, (ref, broken) in enumerate(index.routes(obj)):
                target = ("Service", ref.namespace, ref.name)
                _ensure(graph, index, target)
                graph.add_edge(node_key(obj), target, key=(EdgeKind.ROUTES_TO, number), kind=EdgeKind.ROUTES_TO, ref=ref, broken=broken)


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
