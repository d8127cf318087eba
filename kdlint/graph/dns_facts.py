"""What the cluster DNS of one cluster knows, read from the input: the resolver's ClusterFacts.

Namespaces (Namespace objects and every namespace an object is in, plus those every cluster
has), Services with their type, headless flag, named ports and ExternalName target, and the
endpoint hostnames the endpoints controller publishes: pods with `hostname` whose `subdomain`
names a Service selecting them, StatefulSet pods `<name>-<ordinal>` behind `serviceName`, and
hostnames written in manual Endpoints / EndpointSlices.
"""

from __future__ import annotations

from collections import defaultdict

from kdlint.dns.coredns import ClusterFacts, ServiceFacts
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


def cluster_facts(index) -> ClusterFacts:
    hostnames = endpoint_hostnames(index)
    services = list(BUILTIN_SERVICES)
    for service in index.of_kind("Service"):
        if service.namespace is None or not service.name:
            continue
        spec = service.get("spec") if isinstance(service.get("spec"), dict) else {}
        external = spec.get("externalName")
        services.append(ServiceFacts(
            name=service.name,
            namespace=service.namespace,
            type=str(spec.get("type") or "ClusterIP"),
            headless=spec.get("clusterIP") == "None",
            ports=frozenset((p.name, p.protocol.upper()) for p in index.service_ports(service) if p.name),
            endpoint_hostnames=frozenset(hostnames.get((service.namespace, service.name), ())),
            external_name=external if isinstance(external, str) else None,
        ))
    return ClusterFacts.build((*SYSTEM_NAMESPACES, *index.namespaces), services)


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
