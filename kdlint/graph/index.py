"""Objects of one cluster indexed for linear-time lookups.

Everything is keyed by namespace first: a Service can only ever be compared with pod sources
of its own namespace, so a cross-namespace match cannot happen by construction.
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

from kdlint.graph.selectors import Selector
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

    def matching(self, selector: Selector) -> list[PodSource]:
        """Sources whose pods the selector matches, in input order."""
        pairs = selector.equality_pairs()
        if pairs:
            candidates = min((self._posting(k, v) for k, v in pairs), key=len)
        else:
            candidates = self.sources
        seen, result = set(), []
        for source in candidates:
            if id(source) not in seen and selector.matches(source.labels):
                seen.add(id(source))
                result.append(source)
        return sorted(result, key=self._order)

    def nearest(self, selector: Selector, exclude=(), name: str = "") -> PodSource | None:
        """The source that misses the fewest requirements (same key, other value beats absent key;
        then the name closest to `name`, e.g. the Service's)."""
        excluded = {id(s) for s in exclude}
        score: dict[int, list] = {}
        for key, value in selector.equality_pairs():
            for source in self._posting(key, value):
                score.setdefault(id(source), [source, 0])[1] += 2
            for source in self._by_key.get(key, []):
                score.setdefault(id(source), [source, 0])[1] += 1
        if score:
            pool = [entry[0] for entry in score.values()]
        elif len(self.sources) <= NEAREST_SCAN_LIMIT:
            pool = self.sources
        else:
            return None
        pool = [s for s in pool if id(s) not in excluded]
        if not pool:
            return None
        return min(pool, key=lambda s: (
            len(selector.mismatches(s.labels)),
            -score.get(id(s), [s, 0])[1],
            -SequenceMatcher(None, name, s.obj.name).ratio() if name else 0,
            self._order(s),
        ))

    @staticmethod
    def _order(source: PodSource):
        # by identity, not input position: shuffling the input must not change any answer
        obj = source.obj
        return (obj.kind, obj.name, obj.api_version)


class ClusterIndex:
    def __init__(self, objects: list, documents: list, settings) -> None:
        self.objects = objects
        self.documents = documents
        self.settings = settings
        self.by_key: dict[tuple, list] = defaultdict(list)
        self.by_kind: dict[str, list] = defaultdict(list)
        self._by_kind_name: dict[tuple, list] = defaultdict(list)
        self._by_namespace: dict[str, list] = defaultdict(list)
        self.namespaces: set[str] = set()
        self.sources: list[PodSource] = []
        self._source_of: dict[int, PodSource] = {}
        self.labels: dict[str, LabelIndex] = defaultdict(LabelIndex)
        custom = custom_pod_sources(settings)
        for obj in objects:
            self.by_key[obj.ref].append(obj)
            self.by_kind[obj.kind].append(obj)
            self._by_kind_name[(obj.kind, obj.name)].append(obj)
            if obj.namespace is not None:
                self.namespaces.add(obj.namespace)
                self._by_namespace[obj.namespace].append(obj)
            if obj.kind == "Namespace" and obj.name:
                self.namespaces.add(obj.name)
            source = pod_source(obj, custom)
            if source is not None:
                self.sources.append(source)
                self._source_of[id(obj)] = source
                self.labels[source.obj.namespace].add(source)

    def get(self, kind: str, namespace: str | None, name: str):
        """The first object with this identity (duplicates are another rule's business)."""
        found = self.by_key.get((kind, namespace, name))
        return found[0] if found else None

    def of_kind(self, *kinds: str) -> list:
        return [obj for kind in kinds for obj in self.by_kind.get(kind, [])]

    def by_key_name(self, kind: str, name: str) -> list:
        return self._by_kind_name.get((kind, name), [])

    def namespaced_objects(self, namespace: str) -> list:
        return self._by_namespace.get(namespace, [])

    def source_of(self, obj) -> PodSource | None:
        return self._source_of.get(id(obj))

    def sources_in(self, namespace: str) -> list[PodSource]:
        index = self.labels.get(namespace)
        return index.sources if index else []

    def label_index(self, namespace: str) -> LabelIndex:
        return self.labels.get(namespace) or LabelIndex()
