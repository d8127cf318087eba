"""DNS references in manifests (docs/dns.md, Where host names are written): every host name a workload uses, where it is written.

`collect(...)` walks the pod sources (env, command, args, probes, hooks, the ConfigMaps they
read) and the objects that name Services (ExternalName targets, webhooks, APIServices), and
returns References that keep the exact line and column of each host. What a name resolves
to is the graph's business (kdlint.dns_index); the string parsing is kdlint.dns's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kdlint.references.objects import SERVICE_REF_KINDS, external_name, external_name_references, service_refs

if TYPE_CHECKING:
    from kdlint.references.model import Reference, ServiceRef


def collect(sources, objects, service_names, namespaces, lookup, cluster_domain: str, needle: str | None = None):
    """(references, service refs) of one cluster.

    `sources`: the PodSources; `objects`: every object; `lookup(kind, namespace, name)`: a
    ConfigMap or Secret of the input, or None; `needle` (ASCII, lower case): only the pods'
    references whose host may contain it are wanted (values that cannot hold one are not scanned).
    """
    refs: list[ServiceRef] = [ref for obj in objects if obj.kind in SERVICE_REF_KINDS for ref in service_refs(obj)]
    targets = [obj for obj in objects if obj.kind == "Service" and external_name(obj) is not None]
    if not sources and not targets:
        return [], refs  # no value that could hold a host name: the extraction machinery is not even loaded
    from kdlint.references.containers import HeldValues, PodScan
    from kdlint.references.scanner import Scanner

    scanner = Scanner(service_names, namespaces, cluster_domain)
    held = HeldValues(scanner)  # a ConfigMap read by many pods is read once
    references: list[Reference] = []
    for source in sources:
        references += PodScan(source, scanner, lookup, cluster_domain, held, needle).run()
    for service in targets:
        references += external_name_references(service, scanner, cluster_domain)
    return references, refs


def __getattr__(name: str):
    # Reference and ServiceRef load the model on first use: a run without pods needs neither
    if name in ("Reference", "ServiceRef"):
        from kdlint.references import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Reference", "ServiceRef", "collect"]
