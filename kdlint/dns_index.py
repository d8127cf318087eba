"""DNS references of one cluster: extracted once, resolved on demand, and turned into edges.

A stage after both the graph and the references: `dns_index(view)` builds a cluster view's
`view.dns` (the engine and the commands give it to `kdlint.graph.views_of`), shared by the
graph (REFERS_TO_DNS edges, via `dns_edges`), the rules and the commands. Which Services
exist is the view's question; this index keeps the DNS facts. Lookups are by dictionary, so
extraction and resolution stay linear in the input.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING

from kdlint.collector import collector_paused
from kdlint.dns.names import is_public_tld
from kdlint.dns.refs import Form, RefKind
from kdlint.graph.build import EdgeKind, node_key
from kdlint.graph.subjects import by_consumer, dotted_relative_by_last_label
from kdlint.references import collect
from kdlint.references.containers import held_field

# The resolver and the cluster facts are loaded on the first resolution: most runs, and every
# run without pods, never ask for one.
if TYPE_CHECKING:
    from kdlint.dns.resolv_conf import PodDNSContext
    from kdlint.dns.resolver import ResolveResult
    from kdlint.graph.dns_facts import IndexFacts
    from kdlint.model.workloads import PodSource
    from kdlint.references import Reference, ServiceRef

MISSING_SERVICE = "missing-service"  # edge attribute `broken`: the Service is not in the input
CROSS_NAMESPACE = "cross-namespace-short-name"  # a short name whose Service is in another namespace


def dns_index(view) -> DnsIndex:
    """`views_of(..., dns=dns_index)`: what `view.dns` is."""
    return DnsIndex(view)


def dns_edges(view) -> list[tuple]:
    """`views_of(..., extra_edges=dns_edges)`: the REFERS_TO_DNS edges of one cluster."""
    return view.dns.edges()


class DnsIndex:
    """Each part is built on first use: the references when a rule or command reads them (not
    for the name rules that only ask about Services), the cluster facts on the first resolution."""

    def __init__(self, view) -> None:
        self.view = view
        self._cluster_domain = view.settings.cluster_domain
        self._contexts: dict[PodSource, PodDNSContext] = {}
        self._defaults: dict[str, PodDNSContext] = {}
        self._resolutions: dict[Reference, ResolveResult] = {}
        self._answers: dict[tuple, ResolveResult] = {}
        self._with: dict[str, list[Reference]] = {}  # word -> pod references that may contain it
        self._of_source: dict[PodSource, list[Reference]] = {}  # see pod_references_of
        self._texts: dict[int, str] = {}  # see _spec_text
        self._strings: dict[int, frozenset] = {}  # see _spec_strings
        # files -> the references and Service references written there
        self._within: dict[frozenset, tuple[list[Reference], list[ServiceRef]]] = {}

    @cached_property
    def _collected(self) -> tuple[list[Reference], list[ServiceRef]]:
        return self._collect(self.view.sources(), self.view.objects)

    def build(self) -> None:
        """Collect every reference now (what the rules of every place read), and read each one's
        host as a cluster name (what each of them asks first), e.g. before processes that judge
        them are forked from this one: done once here, not once in each."""
        for reference in self._collected[0]:
            _ = reference.cluster_ref

    def places_within(self, files: set, by_pod: bool) -> list[list[Reference]]:
        """The places (see `places`) written in `files` or rendered by a kustomization, found
        without scanning every pod of the cluster: the pods of those files, and the pods whose
        spec mentions the name of a ConfigMap or Secret of those files in its namespace (a pod
        reads only its own namespace's). Same places, in the same order, as filtering `places`."""
        references = self._collected_within(files)[0]
        places = _grouped([r for r in references if r.by_pod] if by_pod else references)
        return [refs for refs in places if refs[0].site.holder.may_be_reported_in(files)]

    def service_refs_within(self, files: set) -> list[ServiceRef]:
        """The Service references (see `service_refs`) written in `files` or rendered by a
        kustomization, without scanning every pod of the cluster."""
        return [ref for ref in self._collected_within(files)[1] if ref.holder.may_be_reported_in(files)]

    def _collected_within(self, files: set) -> tuple[list[Reference], list[ServiceRef]]:
        if "_collected" in self.__dict__:
            return self._collected
        key = frozenset(files)
        if key not in self._within:
            self._within[key] = self._references_within(files)
        return self._within[key]

    def _references_within(self, files: set) -> tuple[list[Reference], list[ServiceRef]]:
        sources = self._sources_reading(
            lambda obj: obj.may_be_reported_in(files), lambda _, source: source.obj.may_be_reported_in(files))
        return self._collect(sources, [o for o in self.view.objects if o.may_be_reported_in(files)])

    def pod_references_with(self, word: str) -> list[Reference]:
        """The references of `pod_references` whose host may contain `word` (lower case), and
        maybe others, in input order, found without scanning every pod when they have not all
        been collected yet: only the pods whose spec holds `word` or expands a variable, and the
        pods that name a ConfigMap or Secret holding it in the values pods are scanned for; of
        those, only the values that may hold it."""
        if "_collected" in self.__dict__:
            return self.pod_references
        found = self._with.get(word)
        if found is None:
            sources = self._sources_reading(lambda obj: word in self._held_texts[obj], lambda index, _: self._may_use(index, word))
            needle = word if word.isascii() else None  # lower case is read letter by letter for ASCII only
            found = self._with[word] = [r for r in self._collect(sources, [], needle)[0] if r.by_pod]
        return found

    def pod_references_of(self, source) -> list[Reference]:
        """The references the pods of `source` resolve with their own resolver, in input order:
        read from that source alone until every reference is collected."""
        if "_collected" in self.__dict__:
            return self._by_consumer.get(source, [])
        found = self._of_source.get(source)
        if found is None:
            found = self._of_source[source] = [r for r in self._collect([source], [])[0] if r.by_pod]
        return found

    @cached_property
    def _by_consumer(self) -> dict:
        return by_consumer(self.pod_references)

    def _may_use(self, index: int, word: str) -> bool:
        """Whether the `index`th pod source's spec holds `word`, or a variable that may expand to it."""
        text = self._spec_text(index)
        return word in text or "$(" in text

    def dotted_ending_in(self, label: str) -> list[Reference]:
        """Pod references written as a relative name with dots (`web.dev`) whose last label is
        `label`, in input order: grouped once for every label when all references are collected."""
        if "_collected" in self.__dict__:
            return self._dotted_by_last_label.get(label, [])
        return dotted_relative_by_last_label(self.pod_references_with(label.lower())).get(label, [])

    @cached_property
    def _dotted_by_last_label(self) -> dict[str, list[Reference]]:
        return dotted_relative_by_last_label(self.pod_references)

    @cached_property
    def _held_texts(self) -> dict:
        """Each ConfigMap's and Secret's values that pods are scanned for (see
        kdlint.references.containers.held_field), lower case, in one text."""
        return {obj: _text_of(obj.get(held_field(obj))) for obj in self._holders}

    @cached_property
    def _holders(self) -> list:
        """The ConfigMaps and Secrets of the view: what pods read by name."""
        return [obj for obj in self.view.objects if obj.kind in ("ConfigMap", "Secret")]

    def _sources_reading(self, holds, chosen) -> list:
        """The pod sources `chosen(index, source)` picks, and those whose spec names a ConfigMap
        or Secret of their namespace that `holds` (a pod reads one only by naming it). A spec's
        strings are gathered only when asked for: the pods of a namespace without such a
        ConfigMap or Secret are not read for it."""
        holders = defaultdict(set)
        for obj in self._holders:
            if holds(obj):
                holders[obj.namespace].add(obj.name.lower())
        picked = []
        for index, source in enumerate(self.view.sources()):
            names = holders.get(source.obj.namespace)
            if chosen(index, source) or (names and not names.isdisjoint(self._spec_strings(index))):
                picked.append(source)
        return picked

    def _spec_text(self, index: int) -> str:
        """The strings of the `index`th pod source, lower case, in one text: what its pods may
        read or write."""
        found = self._texts.get(index)
        if found is None:
            source = self.view.sources()[index]
            found = self._texts[index] = _text_of(source.obj.get(*source.spec_path))
        return found

    def _spec_strings(self, index: int) -> frozenset:
        """The strings of the `index`th pod source, lower case: the names of what it reads among them."""
        found = self._strings.get(index)
        if found is None:
            found = self._strings[index] = frozenset(self._spec_text(index).split("\n"))
        return found

    def _collect(self, sources, objects, needle: str | None = None) -> tuple[list[Reference], list[ServiceRef]]:
        # allocates many small objects and frees none: GC passes would only rescan the input
        with collector_paused():
            view = self.view
            return collect(
                sources, objects, {s.name for s in view.services()},
                view.index.namespaces, self._data_holder, self._cluster_domain, needle,
            )

    @property
    def references(self) -> list[Reference]:
        """Every host name the pods of the input use (then the ExternalName targets), in input order."""
        return self._collected[0]

    @property
    def service_refs(self) -> list[ServiceRef]:
        """Services that webhooks, APIServices and CRD conversions call by namespace and name."""
        return self._collected[1]

    @cached_property
    def facts(self) -> IndexFacts:
        """What the cluster DNS knows (kdlint.graph.dns_facts), for resolutions."""
        from kdlint.graph.dns_facts import cluster_facts

        return cluster_facts(self.view.index)

    def _data_holder(self, kind: str, namespace, name):
        """A ConfigMap or Secret of the input (for the values pods read from it)."""
        return self.view.get(kind, namespace, name) if isinstance(name, str) else None

    @cached_property
    def pod_references(self) -> list[Reference]:
        """References resolved by a pod's own resolver (not probes, hooks or ExternalNames)."""
        return [r for r in self.references if r.by_pod]

    @cached_property
    def places(self) -> list[list[Reference]]:
        """All references grouped by where the host is written (a ConfigMap read by several
        pods is one place), in input order."""
        return _grouped(self.references)

    @cached_property
    def pod_places(self) -> list[list[Reference]]:
        return _grouped(self.pod_references)

    # -- resolution ------------------------------------------------------------------------------
    def pod_context(self, source) -> PodDNSContext:
        context = self._contexts.get(source)
        if context is None:
            from kdlint.dns.resolv_conf import PodDNSContext

            spec = source.obj.get(*source.spec_path)
            context = PodDNSContext.from_pod_spec(
                spec if isinstance(spec, dict) else {}, source.obj.namespace, self._cluster_domain
            )
            self._contexts[source] = context
        return context

    def resolution(self, ref: Reference, context: PodDNSContext | None = None) -> ResolveResult:
        """How the consuming pod resolves the reference (glibc and musl); `context` overrides
        the pod's own DNS settings (e.g. the defaults, to compare)."""
        if context is not None:
            return self._resolved(self._query(ref), context)
        found = self._resolutions.get(ref)
        if found is None:
            pod = self.pod_context(ref.consumer) if ref.consumer is not None else self.default_context(ref.namespace)
            found = self._resolutions[ref] = self._resolved(self._query(ref), pod)
        return found

    def _resolved(self, query: str, context: PodDNSContext) -> ResolveResult:
        """One resolution per name and DNS setup: the pods of a namespace mostly share one."""
        key = (query, context)
        found = self._answers.get(key)
        if found is None:
            from kdlint.dns.resolver import resolve

            found = self._answers[key] = resolve(query, context, self.facts)
        return found

    def default_context(self, namespace: str) -> PodDNSContext:
        """The DNS settings of a pod of `namespace` that sets none (one per namespace)."""
        context = self._defaults.get(namespace)
        if context is None:
            from kdlint.dns.resolv_conf import PodDNSContext

            context = self._defaults[namespace] = PodDNSContext(namespace, cluster_domain=self._cluster_domain)
        return context

    @staticmethod
    def _query(ref: Reference) -> str:
        return ref.name + ("." if ref.host.absolute else "")

    # -- edges ---------------------------------------------------------------------------------
    def target(self, ref: Reference) -> tuple[tuple[str, str], str | None] | None:
        """((namespace, Service name), broken reason or None) a reference points at, or None
        when it does not name an in-cluster Service the input could hold."""
        parsed = ref.cluster_ref
        if parsed.kind not in (RefKind.SERVICE, RefKind.ENDPOINT, RefKind.SRV) or parsed.domain_mismatch:
            return None
        view = self.view
        key = (parsed.namespace, parsed.service)
        if view.service(*key) is not None:
            return key, None
        if ref.by_pod and parsed.form is Form.NAMESPACED:  # read another way by the search list (`db-0.db`)
            answer = self.resolution(ref).glibc.target
            if answer is not None and answer.service and view.service(answer.namespace, answer.service) is not None:
                return (answer.namespace, answer.service), None
        if ref.host.srv:
            return None  # an SRV lookup (`mongodb+srv://`) names records, not the Service itself
        if parsed.form is Form.SHORT:
            elsewhere = [s for s in view.services_named(parsed.service) if s.namespace != ref.namespace]
            if elsewhere:
                return (elsewhere[0].namespace, parsed.service), CROSS_NAMESPACE
        elif parsed.form is Form.NAMESPACED and self._reads_as_public(parsed.namespace, parsed.service):
            return None
        return None if view.builtin_service(*key) else (key, MISSING_SERVICE)

    def _reads_as_public(self, namespace: str, name: str) -> bool:
        """`a.b` that names no Service: a public name when there is no namespace b in the input,
        or b is a public TLD (`api.dev`) and b holds no Service with a name close to a."""
        if not self.view.has_namespace(namespace):
            return True
        return is_public_tld(namespace) and self.view.similar_service(namespace, name, ends=False) is None

    def edges(self) -> list[tuple]:
        """One edge per (referring object, Service): attributes `refs` (the references),
        `reasons` (for each, why it is broken, or None) and `broken` (the first reason)."""
        grouped: dict[tuple, list] = defaultdict(list)
        for ref in self.references:
            found = self.target(ref)
            if found is None:
                continue
            (namespace, name), reason = found
            origin = ref.holder if ref.consumer is None else ref.consumer.obj
            grouped[(node_key(origin), ("Service", namespace, name))].append((ref, reason))
        for ref in self.service_refs:
            reason = None if self.view.service_exists(ref.namespace, ref.name) else MISSING_SERVICE
            grouped[(node_key(ref.holder), ("Service", ref.namespace, ref.name))].append((ref, reason))
        edges = []
        for (source, target), pairs in grouped.items():
            reasons = tuple(reason for _, reason in pairs)
            attrs = {"refs": tuple(ref for ref, _ in pairs), "reasons": reasons, "broken": next((r for r in reasons if r), None)}
            edges.append((source, target, EdgeKind.REFERS_TO_DNS, attrs))
        return edges


def _text_of(value) -> str:
    """The strings somewhere in `value`, lower case, each on a line of its own (so a whole
    string is found as `\\n<string>\\n`)."""
    strings, stack = [], [value]
    add, pop, extend = strings.append, stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)  # exact types first, subclasses after: every pod spec of the cluster comes here
        if kind is str:
            add(item)
        elif kind is dict:
            extend(item.values())
        elif kind is list:
            extend(item)
        elif isinstance(item, str):
            add(item)
        elif isinstance(item, dict):
            extend(item.values())
        elif isinstance(item, list):
            extend(item)
    return "\n" + "\n".join(strings).lower() + "\n"


def _grouped(references) -> list[list[Reference]]:
    groups: dict[tuple, list[Reference]] = defaultdict(list)
    for ref in references:
        groups[ref.place].append(ref)
    return list(groups.values())
