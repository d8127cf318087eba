"""ClusterView: the read-only questions cluster rules ask about one cluster."""

from __future__ import annotations

import heapq
from collections import defaultdict
from functools import cached_property

from kdlint.graph.build import EdgeKind, is_external_name, node_key
from kdlint.graph.index import ClusterIndex
from kdlint.graph.ports import PortResolution, ServicePort
from kdlint.graph.selectors import Requirement, Selector
from kdlint.graph.subjects import (
    NamespacePlace, external_name_loops, hostname_groups, namespace_places,
    same_name_groups,
)
from kdlint.graph.unparsed import note_for, unparsed_documents
from kdlint.model.operators import creates_pods
from kdlint.model.workloads import PodSource
from kdlint.suggest import NameIndex

# where operators conventionally declare the labels of the pods they create
POD_LABEL_HINTS = (("spec", "podMetadata", "labels"), ("spec", "podTemplate", "metadata", "labels"))


# Plain classes, not dataclasses: making a dataclass costs more at import than these cost a run.
class Backend:
    __slots__ = ("source", "ports")

    def __init__(self, source: PodSource, ports: tuple[PortResolution, ...]) -> None:
        self.source = source
        self.ports = ports


class Difference:
    __slots__ = ("requirement", "actual")

    def __init__(self, requirement: Requirement, actual: str | None) -> None:
        self.requirement = requirement
        self.actual = actual

    def text(self) -> str:
        wanted = self.requirement.text()
        if self.actual is None:
            return f"`{wanted}` vs no `{self.requirement.key}` label"
        return f"`{wanted}` vs `{self.requirement.key}: {self.actual}`"


class Candidate:
    __slots__ = ("source", "differences")

    def __init__(self, source: PodSource, differences: tuple[Difference, ...]) -> None:
        self.source = source
        self.differences = differences

    def text(self) -> str:
        return ", ".join(d.text() for d in self.differences)


class ClusterView:
    def __init__(self, index: ClusterIndex, graph_factory, name: str = "run", dns_factory=None) -> None:
        self.index = index
        self._graph_factory = graph_factory
        self._dns_factory = dns_factory
        self.name = name
        self.settings = index.settings
        self._backends: dict = {}  # Service -> its backends
        self._operators: dict[str, list] = {}
        self.presents: dict = {}  # commands: the objects this view lists -> unit name
        self._elsewhere: dict[Selector, list[PodSource]] = {}
        self._linked: dict[str | None, dict] = {}
        self._service_names: dict[str, NameIndex] = {}

    @cached_property
    def graph(self):
        """The frozen networkx graph, built (and networkx imported) on first use: a run whose
        questions the index answers alone, such as a lone Service, never pays for it."""
        return self._graph_factory()

    # -- objects ---------------------------------------------------------------------------
    @property
    def objects(self) -> list:
        """One object per set of identical copies (see kdlint.graph.index)."""
        return self.index.objects

    @property
    def all_objects(self) -> list:
        """Every object, copies included: for the rule that reports duplicates (KD502)."""
        return self.index.all_objects

    @property
    def documents(self) -> list:
        return self.index.documents

    def of_kind(self, *kinds: str) -> list:
        return self.index.of_kind(*kinds)

    def get(self, kind: str, namespace: str | None, name: str):
        return self.index.get(kind, namespace, name)

    def linked_services(self, namespace: str | None) -> dict:
        """VARIABLE_PREFIX -> Service, for the Services of `namespace` the kubelet injects
        service-link environment variables for (those with a cluster IP: not headless, not
        ExternalName)."""
        linked = self._linked.get(namespace)
        if linked is None:
            linked = self._linked[namespace] = {
                service.name.upper().replace("-", "_"): service
                for service in self.services(namespace)
                if not is_external_name(service) and service.get("spec", "clusterIP") != "None"
            }
        return linked

    # -- Services by name ------------------------------------------------------------------------
    def services(self, namespace: str | None = None) -> list:
        """The Services of `namespace` (of the whole cluster when None), in input order."""
        if namespace is None:
            return self.index.of_kind("Service")
        return self._services_by_namespace.get(namespace, [])

    @cached_property
    def _services_by_namespace(self) -> dict[str, list]:
        found: dict[str, list] = defaultdict(list)
        for service in self.index.of_kind("Service"):
            found[service.namespace].append(service)
        return dict(found)

    def service(self, namespace: str | None, name: str | None):
        """The Service `namespace/name` of the input, or None."""
        if namespace is None or name is None:
            return None
        return self.index.get("Service", namespace, name)

    def services_named(self, name: str) -> list:
        """The Services called `name`, by namespace (then file)."""
        return sorted(self.index.by_key_name("Service", name), key=lambda s: (s.namespace or "", s.file))

    def similar_service(self, namespace: str, name: str, ends: bool = True):
        """The one Service of `namespace` whose name `name` most likely stands for, or None
        (kdlint.suggest.NameIndex; `ends=False`: only a name one typo away)."""
        names = self._service_names.get(namespace)
        if names is None:
            names = self._service_names[namespace] = NameIndex(s.name for s in self.services(namespace))
        similar = names.closest(name, ends)
        return None if similar is None else self.service(namespace, similar)

    def builtin_service(self, namespace: str, name: str) -> bool:
        """A Service every cluster has (`kubernetes` in default, `kube-dns` in kube-system) that
        the input does not hold."""
        from kdlint.graph.dns_facts import BUILTIN_KEYS  # with the resolver's facts: loaded on first use

        return (namespace, name) in BUILTIN_KEYS and self.service(namespace, name) is None

    def service_exists(self, namespace: str, name: str) -> bool:
        """The input holds Service `namespace/name`, or every cluster has it."""
        return self.service(namespace, name) is not None or self.builtin_service(namespace, name)

    def has_namespace(self, namespace: str) -> bool:
        """Some object of the input lives in `namespace`, or a Namespace object declares it."""
        return namespace in self.index.namespaces

    # -- Services and their pods -------------------------------------------------------------
    def selector_of(self, service) -> Selector | None:
        """The selector the endpoints controller uses; None for no selector or ExternalName."""
        return self.index.service_selector(service)

    def ports_of(self, service) -> list[ServicePort]:
        return self.index.service_ports(service)

    def target_ports(self, service):
        """(index, Service port, backends whose container ports are visible) for each port of a
        Service with such backends: what the targetPort rules judge."""
        backends = [b for b in self.pods_selected_by(service) if b.source.ports_known]
        if backends:
            for position, port in enumerate(self.ports_of(service)):
                yield position, port, backends

    def pods_selected_by(self, service) -> list[Backend]:
        """The pod sources behind a Service, with each Service port resolved on them."""
        cached = self._backends.get(service)
        if cached is None:
            cached = self._backends[service] = [Backend(source, ports) for source, ports in self.index.backends(service)]
        return cached

    def sources(self, namespace: str | None = None) -> list[PodSource]:
        return self.index.sources if namespace is None else self.index.sources_in(namespace)

    def source_of(self, obj) -> PodSource | None:
        return self.index.source_of(obj)

    def workload_selector(self, source: PodSource) -> Selector | None:
        """The selector of a pod source's controller; None for bare Pods and malformed selectors."""
        return self.index.workload_selector(source)

    def matching(self, selector: Selector, namespace: str) -> list[PodSource]:
        return self.index.label_index(namespace).matching(selector)

    def matching_elsewhere(self, selector: Selector, namespace: str) -> PodSource | None:
        """The first source (by namespace, kind, name) of another namespace that the selector would
        match (it never does: a hint for messages)."""
        best = self._elsewhere.get(selector)
        if best is None:
            best = self._elsewhere[selector] = self._two_best_namespaces(selector)
        return next((s for s in best if s.obj.namespace != namespace), None)

    def _two_best_namespaces(self, selector: Selector) -> list[PodSource]:
        """The best match of the two first namespaces: whatever the asking namespace, one of them
        is the answer. Computed once per selector, so apps repeated over many namespaces stay linear."""
        best: dict[str, PodSource] = {}
        for source in self.index.all_labels.matching(selector, ordered=False):
            current = best.get(source.obj.namespace)
            if current is None or _order(source) < _order(current):
                best[source.obj.namespace] = source
        return heapq.nsmallest(2, best.values(), key=_order)

    def nearest(self, selector: Selector, namespace: str, exclude=(), name: str = "") -> Candidate | None:
        """The pod source closest to matching `selector` (ties: closest to `name`), with the differences."""
        source = self.index.label_index(namespace).nearest(selector, exclude, name)
        return None if source is None else self.compare(selector, source)

    @staticmethod
    def compare(selector: Selector, source: PodSource) -> Candidate:
        """How `source`'s pod labels differ from what `selector` asks for."""
        differences = tuple(Difference(r, source.labels.shown(r.key)) for r in selector.mismatches(source.labels))
        return Candidate(source, differences)

    def autoscalers_of(self, obj) -> list:
        return self._origins(node_key(obj), EdgeKind.SCALES)

    def endpoints_for(self, service) -> list:
        return self._origins(node_key(service), EdgeKind.ENDPOINTS_OF)

    def _origins(self, key, kind: EdgeKind) -> list:
        if key not in self.graph:
            return []
        found = [self.graph.nodes[o]["obj"] for o, _, data in self.graph.in_edges(key, data=True) if data["kind"] is kind]
        return sorted(found, key=lambda obj: (obj.kind, obj.name))

    # -- references -----------------------------------------------------------------------------
    def backend_refs(self, obj) -> list[tuple]:
        """(BackendRef, problem or None) for an Ingress or route, in field order."""
        return self.index.routes(obj)

    # -- what the input cannot show -------------------------------------------------------------
    def pod_creating_resources(self, namespace: str) -> list:
        """Custom resources in `namespace` whose operator runs pods (kdlint.model.operators)."""
        if namespace in self._operators:
            return self._operators[namespace]
        found = [
            obj for obj in self.index.namespaced_objects(namespace)
            if creates_pods(obj) and self.index.source_of(obj) is None
        ]
        self._operators[namespace] = sorted(found, key=lambda obj: (obj.kind, obj.name))
        return self._operators[namespace]

    @staticmethod
    def declared_pod_labels(obj) -> dict | None:
        """Pod labels an operator's custom resource declares (e.g. `spec.podMetadata.labels`)."""
        for path in POD_LABEL_HINTS:
            value = obj.get(*path)
            if isinstance(value, dict):
                return {str(k): str(v) for k, v in value.items()}
        return None

    # -- what cluster rules judge, one at a time --------------------------------------------------
    SUBJECTS = (
        "services", "pod-sources", "objects", "dns-places", "pod-dns-places", "service-refs", "namespaces",
        "same-name-groups", "hostname-groups",
    )

    def subjects(self, name: str, kinds=(), within: set | None = None) -> list:
        """What a cluster rule with `name` in `META.subjects` is called with, one at a time:
        - services, pod-sources, objects (of `kinds`, or all);
        - dns-places: the references written at one place (a list; a ConfigMap read by several
          pods is one place); pod-dns-places: those a pod's own resolver reads;
        - service-refs: Services that webhooks, APIServices and CRD conversions call by name;
        - namespaces: a NamespacePlace for each namespace of the input;
        - same-name-groups: lists of the objects sharing API group, kind, namespace and name;
        - hostname-groups: lists of the pod templates that publish one hostname.subdomain.
        `within`: only those that may be reported in these files (the others may be left out)."""
        if name == "services":
            return self.services()
        if name == "pod-sources":
            return self.sources()
        if name == "objects":
            return self.of_kind(*kinds) if kinds else self.objects
        if name in ("dns-places", "pod-dns-places"):
            by_pod = name == "pod-dns-places"
            if within is not None:
                return self.dns.places_within(within, by_pod)
            return self.dns.pod_places if by_pod else self.dns.places
        if name == "service-refs":
            return self.dns.service_refs if within is None else self.dns.service_refs_within(within)
        if name == "namespaces":
            return self._namespaces
        if name == "same-name-groups":
            return same_name_groups(self.all_objects)
        if name == "hostname-groups":
            return hostname_groups(self.sources())
        raise ValueError(f"unknown rule subjects {name!r}")

    @cached_property
    def _namespaces(self) -> list[NamespacePlace]:
        return namespace_places(self.objects)

    def pod_references_of(self, source: PodSource) -> list:
        """The DNS references the pods of `source` resolve with their own resolver, in input order."""
        return self.dns.pod_references_of(source)

    def dotted_references_ending_in(self, label: str) -> list:
        """Pod references written as a relative name with dots (`web.dev`) whose last label is `label`."""
        return self.dns.dotted_ending_in(label)

    def external_name_loop(self, service) -> list[tuple]:
        """The loop of ExternalName targets `service` is on, from it, as (namespace, name) keys;
        empty when it is on none."""
        return self._external_name_loops.get((service.namespace, service.name), [])

    @cached_property
    def _external_name_loops(self) -> dict:
        return external_name_loops(self.services(), self.settings.cluster_domain)

    @cached_property
    def dns(self):
        """DNS references and what the cluster DNS knows: a later stage's index of this view
        (kdlint.dns_index.DnsIndex), which whoever builds the views provides."""
        if self._dns_factory is None:
            raise RuntimeError("this cluster view was built without DNS references: pass views_of(..., dns=dns_index)")
        return self._dns_factory(self)

    @cached_property
    def _unparsed(self):
        return unparsed_documents(self.index.documents)

    def unparsed_note(self, namespace: str | None, kinds=None, name: str | None = None, labels=None) -> str:
        """A sentence naming documents that failed to parse and may be the object a finding
        misses: named `name`, or carrying `labels` (see kdlint.graph.unparsed)."""
        return note_for(self._unparsed, namespace, self.settings.default_namespace, kinds, name, labels)


def _order(source: PodSource) -> tuple:
    return (source.obj.namespace, source.obj.kind, source.obj.name)
