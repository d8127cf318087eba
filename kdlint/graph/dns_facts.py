"""What the cluster DNS of one cluster knows, read from the input: the resolver's ClusterFacts.

Namespaces (Namespace objects and every namespace an object is in, plus those every cluster
has), Services with their type, headless flag, named ports and ExternalName target, and the
endpoint hostnames the endpoints controller publishes: pods with `hostname` whose `subdomain`
names a Service selecting them, StatefulSet pods `<name>-<ordinal>` behind `serviceName`, and
hostnames written in manual Endpoints / EndpointSlices.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from kdlint.dns.coredns import ServiceFacts
from kdlint.graph.references import endpoints_service
from kdlint.graph.selectors import service_selector
from kdlint.model.workloads import STS_POD_NAME

# every cluster has these, whatever the input says
SYSTEM_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")
BUILTIN_SERVICES = (
    ServiceFacts("kubernetes", "default", ports=frozenset({("https", "TCP")})),
    ServiceFacts("kube-dns", "kube-system", ports=frozenset({("dns", "UDP"), ("dns-tcp", "TCP"), ("metrics", "TCP")})),
)
BUILTIN_KEYS = frozenset((s.namespace, s.name) for s in BUILTIN_SERVICES)


def cluster_facts(index) -> IndexFacts:
    return IndexFacts(index)


class IndexFacts:
    """The resolver's ClusterFacts (kdlint.dns.coredns.ClusterView) of one index, a Service's
    facts read when the resolver first asks for it: a run resolves few names of many Services.
    Namespaces and names compare lower-case; of Services equal that way, the last one counts."""

    pods_mode = "disabled"

    def __init__(self, index) -> None:
        self._index = index
        table: dict[tuple[str, str], object] = {(s.namespace, s.name): s for s in BUILTIN_SERVICES}
        for service in index.of_kind("Service"):
            if service.namespace is not None and service.name:
                table[(service.namespace.lower(), service.name.lower())] = service
        self._table = table  # (namespace, name) -> a ServiceFacts, or the Service it is read from
        self.namespaces = frozenset({n.lower() for n in (*SYSTEM_NAMESPACES, *index.namespaces)} | {ns for ns, _ in table})

    def namespace_exists(self, namespace: str) -> bool:
        return namespace.lower() in self.namespaces

    def service(self, namespace: str, name: str) -> ServiceFacts | None:
        key = (namespace.lower(), name.lower())
        found = self._table.get(key)
        if found is None or isinstance(found, ServiceFacts):
            return found
        found = self._table[key] = self._facts_of(found)
        return found

    def _facts_of(self, service) -> ServiceFacts:
        spec = service.get("spec") if isinstance(service.get("spec"), dict) else {}
        external = spec.get("externalName")
        return ServiceFacts(
            name=service.name,
            namespace=service.namespace,
            type=str(spec.get("type") or "ClusterIP"),
            headless=spec.get("clusterIP") == "None",
            ports=frozenset((p.name, p.protocol.upper()) for p in self._index.service_ports(service) if p.name),
            endpoint_hostnames=frozenset(self._hostnames.get((service.namespace, service.name), ())),
            external_name=external if isinstance(external, str) else None,
        )

    @cached_property
    def _hostnames(self) -> dict[tuple[str, str], set[str]]:
        return endpoint_hostnames(self._index)


def endpoint_hostnames(index) -> dict[tuple[str, str], set[str]]:
    """(namespace, Service name) -> the endpoint hostnames its DNS records will have."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for source in index.sources:
        namespace = source.obj.namespace
        if source.kind == "StatefulSet":
            service_name = source.obj.get("spec", "serviceName")
            names = source.labels.choices.get(STS_POD_NAME, ())
        else:
            service_name = source.subdomain
            names = (source.hostname,) if source.hostname else ()
        if not isinstance(service_name, str) or not names:
            continue
        service = index.get("Service", namespace, service_name)
        selector = service_selector(service.get("spec", "selector")) if service is not None else None
        if selector is not None and selector.matches(source.labels):
            found[(namespace, service_name)].update(names)
    for obj in index.of_kind("Endpoints", "EndpointSlice"):
        name = endpoints_service(obj)
        if name and obj.namespace:
            found[(obj.namespace, name)].update(_written_hostnames(obj))
    return found


def _written_hostnames(obj):
    if obj.kind == "Endpoints":
        subsets = obj.get("subsets")
        groups = [s.get("addresses") for s in subsets if isinstance(s, dict)] if isinstance(subsets, list) else []
        entries = [a for group in groups if isinstance(group, list) for a in group]
    else:
        endpoints = obj.get("endpoints")
        entries = endpoints if isinstance(endpoints, list) else []
    for entry in entries:
        hostname = entry.get("hostname") if isinstance(entry, dict) else None
        if isinstance(hostname, str) and hostname:
            yield hostname
