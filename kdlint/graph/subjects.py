"""The subjects and groupings a ClusterView computes once for the rules that judge them one at
a time (see ClusterView.subjects): namespaces, groups of same-named objects, pods sharing a
hostname, the ExternalName chains of a cluster and DNS references indexed by who reads them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class NamespacePlace:
    """A namespace of the input, at its Namespace object or else the first object placed in it."""

    name: str
    obj: object  # K8sObject
    path: tuple  # ("metadata", "name") of the Namespace, or ("metadata", "namespace") of the object


def namespace_places(objects) -> list[NamespacePlace]:
    """Each namespace the input creates or places an object in, by name."""
    placed: dict[str, NamespacePlace] = {}
    for obj in objects:
        if obj.kind == "Namespace" and obj.group == "" and obj.name and obj.name not in placed:
            placed[obj.name] = NamespacePlace(obj.name, obj, ("metadata", "name"))
    for obj in objects:
        if obj.namespace and obj.namespace not in placed and obj.get("metadata", "namespace") == obj.namespace:
            placed[obj.namespace] = NamespacePlace(obj.namespace, obj, ("metadata", "namespace"))
    return [placed[name] for name in sorted(placed)]


def same_name_groups(objects) -> list[list]:
    """The objects defined more than once: those sharing API group, kind, namespace and name,
    each group in input order."""
    groups: dict[tuple, list] = defaultdict(list)
    for obj in objects:
        if obj.name:
            groups[(obj.group, obj.kind, obj.namespace, obj.name)].append(obj)
    return [group for group in groups.values() if len(group) > 1]


def hostname_groups(sources) -> list[list]:
    """Pod templates that set both `hostname` and `subdomain`, grouped by namespace, subdomain
    and hostname: the pods that would publish one DNS name."""
    groups: dict[tuple, list] = defaultdict(list)
    for source in sources:
        if source.hostname and source.subdomain and source.template_path is not None:
            groups[(source.obj.namespace, source.subdomain, source.hostname)].append(source)
    return list(groups.values())


def external_name_loops(services, cluster_domain: str) -> dict[tuple, list[tuple]]:
    """(namespace, name) of each ExternalName Service on a loop of ExternalName targets -> the
    loop from it, as (namespace, name) keys; targets are in-cluster names of the cluster domain."""
    from kdlint.dns.refs import Form, RefKind, parse_ref  # only for clusters with Services

    targets = {}
    for service in services:
        target = service.get("spec", "externalName")
        if service.get("spec", "type") != "ExternalName" or not isinstance(target, str) or not target.strip():
            continue
        parsed = parse_ref(target.strip().rstrip(".").lower() + ".", service.namespace, cluster_domain)
        if parsed.kind is RefKind.SERVICE and parsed.form is Form.FQDN and not parsed.domain_mismatch:
            targets[(service.namespace, service.name)] = (parsed.namespace, parsed.service)
    loops = {}
    for start in targets:
        path, seen, node = [], set(), start
        while node in targets and node not in seen:
            seen.add(node)
            path.append(node)
            node = targets[node]
        if node in seen and node == start:
            loops[start] = path
    return loops


def by_consumer(references) -> dict:
    """Pod source -> the references its pods resolve, in input order."""
    found: dict = defaultdict(list)
    for ref in references:
        found[ref.consumer].append(ref)
    return found


def dotted_relative_by_last_label(references) -> dict[str, list]:
    """Last label -> references written as a relative name with dots that ends in it (`web.dev`,
    `web-0.web.dev`), which the search list may read either way."""
    from kdlint.dns.refs import Form  # loaded with the references

    found: dict[str, list] = defaultdict(list)
    for ref in references:
        parsed = ref.cluster_ref
        if ref.host.absolute or parsed.form is not Form.NAMESPACED or "." not in ref.name:
            continue
        found[ref.name.rsplit(".", 1)[1]].append(ref)
    return found
