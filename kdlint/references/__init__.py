"""DNS references in manifests (spec §6): every host name a workload uses, where it is written.

`collect(...)` walks the pod sources (env, command, args, probes, hooks, the ConfigMaps they
read) and the objects that name Services (ExternalName targets, webhooks, APIServices), and
returns References that keep the exact line and column of each host. What a name resolves
to is the graph's business (kdlint.graph.dns_edges); the string parsing is kdlint.dns's.
"""

from __future__ import annotations

from kdlint.references.containers import HeldValues, PodScan
from kdlint.references.model import Reference, ServiceRef
from kdlint.references.objects import external_name_references, service_refs
from kdlint.references.scanner import Scanner


def collect(sources, objects, service_names, namespaces, lookup, cluster_domain: str):
    """(references, service refs) of one cluster.

    `sources`: the PodSources; `objects`: every object; `lookup(kind, namespace, name)`: a
    ConfigMap or Secret of the input, or None.
    """
    scanner = Scanner(service_names, namespaces, cluster_domain)
    held = HeldValues(scanner)  # a ConfigMap read by many pods is read once
    references: list[Reference] = []
    for source in sources:
        references += PodScan(source, scanner, lookup, cluster_domain, held).run()
    refs: list[ServiceRef] = []
    for obj in objects:
        if obj.kind == "Service":
            references += external_name_references(obj, scanner, cluster_domain)
        else:
            refs += service_refs(obj)
    return references, refs


__all__ = ["Reference", "ServiceRef", "collect"]
