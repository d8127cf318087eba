"""Objects of one cluster indexed for linear-time lookups.

Everything is keyed by namespace first: a Service can only ever be compared with pod sources
of its own namespace, so a cross-namespace match cannot happen by construction.

Identical copies of an object (same identity and equal body: a bundle repeating a file, two
variants sharing a Service) are one object here: the index keeps one of them, so no rule
compares an object with its own copy. `all_objects` keeps every copy for KD502. Two different
objects of one name both stay; every answer about an object is computed for that object.
"""

from __future__ import annotations

from collections import defaultdict

from kdlint.graph.ports import resolve, service_ports
from kdlint.graph.references import backend_problem, ingress_backends, is_route, route_backends
from kdlint.graph.selectors import Selector, service_selector, workload_selector
from kdlint.model.objects import K8sObject
from kdlint.model.workloads import PodSource, custom_pod_sources, pod_source

NEAREST_SCAN_LIMIT = 64  # with no shared label at all, compare with at most this many sources


class LabelIndex:
    """The pod sources of one namespace by label."""

    def __init__(self) -> None:
        self.sources: list[PodSource] = []
        self._by_pair: dict[tuple[str, str], list[PodSource]] = defaultdict(list)
        self._runtime: dict[str, list[PodSource]] = defaultdict(list)
        self._by_key: dict[str, list[PodSource]] = defaultdict(list)

    def add(self, source: PodSource) -> None:
        self.sources.append(source)
        labels = source.labels
        for key, value in labels.fixed.items():
            self._by_pair[(key, value)].append(source)
            self._by_key[key].append(source)
        for key, values in labels.choices.items():
            for value in values:
                self._by_pair[(key, value)].append(source)
            self._by_key[key].append(source)
        for key in labels.runtime:
            self._runtime[key].append(source)
            self._by_key[key].append(source)

    def _posting(self, key: str, value: str) -> list[PodSource]:
        return self._by_pair.get((key, value), []) + self._runtime.get(key, [])

    def matching(self, selector: Selector, ordered: bool = True) -> list[PodSource]:
        """Sources whose pods the selector matches, by kind and name (`ordered`) or in input order."""
        pairs = selector.equality_pairs()
        if pairs:
            candidates = min((self._posting(k, v) for k, v in pairs), key=len)
        else:
            candidates = self.sources
        seen, result = set(), []
        for source in candidates:
            if source not in seen and selector.matches(source.labels):
                seen.add(source)
                result.append(source)
        return sorted(result, key=self._order) if ordered else result

    def nearest(self, selector: Selector, exclude=(), name: str = "") -> PodSource | None:
        """The source that misses the fewest requirements (same key, other value beats absent key;
        then the name closest to `name`, e.g. the Service's)."""
        excluded = set(exclude)
        score: dict = {}  # source -> its score
        for key, value in selector.equality_pairs():
            for source in self._posting(key, value):
                score[source] = score.get(source, 0) + 2
            for source in self._by_key.get(key, []):
                score[source] = score.get(source, 0) + 1
        if score:
            pool = list(score)
        elif len(self.sources) <= NEAREST_SCAN_LIMIT:
            pool = self.sources
        else:
            return None
        ranked = [((len(selector.mismatches(s.labels)), -score.get(s, 0)), s) for s in pool if s not in excluded]
        if not ranked:
            return None
        best = min(rank for rank, _ in ranked)
        tied = [s for rank, s in ranked if rank == best]
        # only the tied candidates pay for the name comparison
        return min(tied, key=lambda s: (-_likeness(name, s.obj.name), self._order(s)))

    @staticmethod
    def _order(source: PodSource):
        # by identity, not input position: shuffling the input must not change any answer
        obj = source.obj
        return (obj.kind, obj.name, obj.api_version)


class ClusterIndex:
    def __init__(self, objects: list, documents: list, settings, reported=None) -> None:
        """`reported`: the files findings are reported in; a copy there is the one kept."""
        self.all_objects = objects
        objects = self.objects = without_copies(objects, reported)
        self.documents = documents
        self.settings = settings
        self.by_key: dict[tuple, list] = defaultdict(list)
        self.by_kind: dict[str, list] = defaultdict(list)
        self._by_kind_name: dict[tuple, list] = defaultdict(list)
        self._by_namespace: dict[str, list] = defaultdict(list)
        self.namespaces: set[str] = set()
        self.sources: list[PodSource] = []
        # What is derived from an object or a source lives as long as this index, keyed by the
        # object itself (objects and sources hash by identity, like the index's other tables)
        self._source_of: dict[K8sObject, PodSource] = {}
        self.labels: dict[str, LabelIndex] = defaultdict(LabelIndex)
        self._all_labels: LabelIndex | None = None
        self._selectors: dict[PodSource, Selector | None] = {}
        self._service_selectors: dict[K8sObject, Selector | None] = {}
        self._ports: dict[K8sObject, list] = {}
        self._backends: dict[K8sObject, list] = {}
        self._routes: dict[K8sObject, list] = {}
        self._grants: dict[str, list] | None = None
        custom = custom_pod_sources(settings)
        for obj in objects:
            kind, namespace, name = obj.kind, obj.namespace, obj.name
            self.by_key[(kind, namespace, name)].append(obj)
            self.by_kind[kind].append(obj)
            self._by_kind_name[(kind, name)].append(obj)
            if kind == "Namespace" and name:
                self.namespaces.add(name)
            if namespace is None:
                continue  # cluster-scoped: in no namespace, and no pod source (see pod_source)
            self.namespaces.add(namespace)
            self._by_namespace[namespace].append(obj)
            source = pod_source(obj, custom)
            if source is not None:
                self.sources.append(source)
                self._source_of[obj] = source
                self.labels[namespace].add(source)

    def get(self, kind: str, namespace: str | None, name: str):
        """The first object with this identity (duplicates are another rule's business)."""
        found = self.by_key.get((kind, namespace, name))
        return found[0] if found else None

    def of_kind(self, *kinds: str) -> list:
        return [obj for kind in kinds for obj in self.by_kind.get(kind, [])]

    @property
    def all_labels(self) -> LabelIndex:
        """Sources of every namespace: only for hints that look across namespaces, built on demand."""
        if self._all_labels is None:
            self._all_labels = LabelIndex()
            for source in self.sources:
                self._all_labels.add(source)
        return self._all_labels

    def workload_selector(self, source: PodSource) -> Selector | None:
        """A controller's own selector, parsed once."""
        if source not in self._selectors:
            self._selectors[source] = workload_selector(source)
        return self._selectors[source]

    def service_selector(self, service) -> Selector | None:
        """The selector the endpoints controller uses; None for no selector or ExternalName."""
        key = service
        if key not in self._service_selectors:
            spec = service.body.get("spec")
            spec = spec if isinstance(spec, dict) else {}
            self._service_selectors[key] = None if spec.get("type") == "ExternalName" else service_selector(spec.get("selector"))
        return self._service_selectors[key]

    def service_ports(self, service) -> list:
        """The Service's ports, parsed once."""
        found = self._ports.get(service)
        if found is None:
            found = self._ports[service] = service_ports(service)
        return found

    def backends(self, service) -> list[tuple[PodSource, tuple]]:
        """(pod source, PortResolution per Service port) for each source the Service selects."""
        found = self._backends.get(service)
        if found is None:
            selector = self.service_selector(service)
            found = []
            if selector is not None and service.namespace is not None:
                ports = self.service_ports(service)
                for source in self.label_index(service.namespace).matching(selector):
                    found.append((source, tuple(resolve(port, source) for port in ports)))
            self._backends[service] = found
        return found

    def routes(self, obj) -> list[tuple]:
        """(BackendRef, problem or None) for each backend of an Ingress or route, in field order."""
        found = self._routes.get(obj)
        if found is None:
            refs = ingress_backends(obj) if obj.kind == "Ingress" else route_backends(obj) if is_route(obj) else []
            if self._grants is None:
                self._grants = defaultdict(list)
                for grant in self.of_kind("ReferenceGrant"):
                    self._grants[grant.namespace].append(grant)
            found = self._routes[obj] = [(ref, self._backend_problem(ref)) for ref in refs]
        return found

    def _backend_problem(self, ref) -> str | None:
        """Of two different Services with one name (KD502), a reference either one serves is fine."""
        grants = self._grants.get(ref.namespace, ())
        services = self.by_key.get(("Service", ref.namespace, ref.name)) or [None]
        problems = [backend_problem(ref, service, grants, self.service_ports) for service in services]
        return None if None in problems else problems[0]

    def by_key_name(self, kind: str, name: str) -> list:
        return self._by_kind_name.get((kind, name), [])

    def namespaced_objects(self, namespace: str) -> list:
        return self._by_namespace.get(namespace, [])

    def source_of(self, obj) -> PodSource | None:
        return self._source_of.get(obj)

    def sources_in(self, namespace: str) -> list[PodSource]:
        index = self.labels.get(namespace)
        return index.sources if index else []

    def label_index(self, namespace: str) -> LabelIndex:
        return self.labels.get(namespace) or LabelIndex()


def without_copies(objects: list, reported=None) -> list:
    """`objects` in input order, less identical copies: of each set of copies the one in a
    reported file is kept, then the first by file and line, whatever the order of the input."""
    groups: dict[tuple, list] = defaultdict(list)
    for obj in objects:
        groups[(obj.api_version, obj.kind, obj.namespace, obj.name)].append(obj)
    if all(len(members) == 1 for members in groups.values()):
        return objects
    dropped: set = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        kept: list = []
        for obj in sorted(members, key=lambda o: (reported is not None and o.file not in reported, o.file, o.doc.start_line, o.base)):
            if any(obj.body == other.body for other in kept):
                dropped.add(obj)
            else:
                kept.append(obj)
    return [obj for obj in objects if obj not in dropped]


def _likeness(a: str, b: str) -> int:
    """How alike two object names read: shared prefix first (`api` ~ `api-server`), then length."""
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    return shared * 100 - abs(len(a) - len(b))
