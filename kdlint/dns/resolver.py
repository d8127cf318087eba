"""The pod DNS resolution model (spec §2.2, §3, §4.1). One implementation for every rule.

Three steps, each usable alone:

* :func:`pod_resolv_conf` -- the resolv.conf the kubelet writes for a pod (§3.1);
* :func:`glibc_candidates` / :func:`musl_candidates` -- the absolute names a libc tries, in
  order (§3.2, §3.3);
* :func:`classify` -- what the cluster DNS (CoreDNS ``kubernetes`` plugin) reads into one
  candidate (§2.2, §4.1), and :func:`outcome` -- its answer given the cluster facts.

:func:`resolve` walks the candidates against a :class:`ClusterView` and returns the trace and
the final answer for glibc and for musl. Names are compared lower-cased (§1.3). Candidate
names are absolute and written without the trailing dot.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from kdlint.dns.names import DEFAULT_CLUSTER_DOMAIN, labels_before_domain, normalize_domain

CLUSTER_FIRST = "ClusterFirst"
CLUSTER_FIRST_WITH_HOST_NET = "ClusterFirstWithHostNet"
DEFAULT = "Default"
NONE = "None"
DNS_POLICIES = (CLUSTER_FIRST, CLUSTER_FIRST_WITH_HOST_NET, DEFAULT, NONE)

KUBELET_NDOTS = 5
RESOLVER_DEFAULT_NDOTS = 1  # glibc and musl, when resolv.conf sets no ndots
MAX_NDOTS = 15  # both libcs cap ndots here
MAX_NAMESERVERS = 3
MAX_SEARCH_DOMAIN_CHARS = 253
SEARCH_LIMITS_EXPANDED = (32, 2048)  # ExpandedDNSConfig, GA in 1.28
SEARCH_LIMITS_LEGACY = (6, 256)
MAX_NAME_CHARS = 253  # longest name (without the root dot) that fits the wire format
# musl reads resolv.conf with a 256-byte line buffer and skips any line that does not fit,
# so a longer "search ..." line is ignored entirely (musl src/network/resolvconf.c).
MUSL_MAX_LINE_CHARS = 254

GLIBC = "glibc"
MUSL = "musl"


# ---- resolv.conf (§3.1) ---------------------------------------------------------------


@dataclass(frozen=True)
class DNSConfig:
    """A pod's ``spec.dnsConfig``."""

    nameservers: tuple[str, ...] = ()
    searches: tuple[str, ...] = ()
    options: tuple[tuple[str, str | None], ...] = ()

    @classmethod
    def from_spec(cls, spec: Mapping | None) -> DNSConfig | None:
        """Build from the raw ``dnsConfig`` mapping of a pod spec (None stays None)."""
        if spec is None:
            return None
        options = []
        for opt in spec.get("options") or ():
            if isinstance(opt, Mapping) and opt.get("name"):
                value = opt.get("value")
                options.append((str(opt["name"]), None if value is None else str(value)))
        return cls(
            nameservers=tuple(str(s) for s in spec.get("nameservers") or ()),
            searches=tuple(str(s) for s in spec.get("searches") or ()),
            options=tuple(options),
        )


@dataclass(frozen=True)
class PodDNSContext:
    """Everything about a pod (and its node) that shapes its resolver configuration.

    ``host_*`` describe the node's own resolv.conf (kubelet ``--resolv-conf``); statically
    they are usually unknown and default to empty. ``cluster_dns`` are the kubelet
    ``clusterDNS`` IPs, used only when rendering the file.
    """

    namespace: str
    dns_policy: str | None = None
    host_network: bool = False
    dns_config: DNSConfig | None = None
    cluster_domain: str = DEFAULT_CLUSTER_DOMAIN
    host_searches: tuple[str, ...] = ()
    host_nameservers: tuple[str, ...] = ()
    host_options: tuple[tuple[str, str | None], ...] = ()
    cluster_dns: tuple[str, ...] = ("10.96.0.10",)
    expanded_dns_config: bool = True

    @classmethod
    def from_pod_spec(
        cls, spec: Mapping, namespace: str, cluster_domain: str = DEFAULT_CLUSTER_DOMAIN, **node
    ) -> PodDNSContext:
        """Build from a raw pod spec mapping (``dnsPolicy``, ``hostNetwork``, ``dnsConfig``)."""
        policy = spec.get("dnsPolicy")
        return cls(
            namespace=namespace,
            dns_policy=str(policy) if policy else None,
            host_network=spec.get("hostNetwork") is True,
            dns_config=DNSConfig.from_spec(spec.get("dnsConfig")),
            cluster_domain=cluster_domain,
            **node,
        )


@dataclass(frozen=True)
class ResolvConf:
    """The resolver configuration a pod gets.

    ``source`` is ``"cluster"`` (kubelet-generated, cluster DNS), ``"host"`` (the node's
    file: dnsPolicy Default, or ClusterFirst with hostNetwork) or ``"none"`` (dnsPolicy
    None: only dnsConfig). For ``"none"`` kdlint assumes the nameservers listed include the
    cluster DNS, since their IPs cannot be checked statically.
    """

    source: str
    nameservers: tuple[str, ...]
    searches: tuple[str, ...]
    options: tuple[tuple[str, str | None], ...]
    dropped_searches: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def uses_cluster_dns(self) -> bool:
        return self.source != "host"

    def option(self, name: str) -> str | None:
        for key, value in self.options:
            if key == name:
                return value if value is not None else ""
        return None

    def has_option(self, name: str) -> bool:
        return any(key == name for key, _ in self.options)

    def ndots(self, libc: str = GLIBC) -> int:
        """Effective ndots. glibc reads the value like atoi (junk -> 0); musl ignores junk."""
        raw = self.option("ndots")
        if not raw:  # absent, or "options ndots" without a value: neither libc reads it
            return RESOLVER_DEFAULT_NDOTS
        digits = re.match(r"\d*", raw.strip()).group()
        if not digits:
            return 0 if libc == GLIBC else RESOLVER_DEFAULT_NDOTS
        return min(int(digits), MAX_NDOTS)

    def searches_for(self, libc: str) -> tuple[str, ...]:
        """The search list the libc actually uses (musl drops an over-long search line)."""
        if libc == MUSL and len("search " + " ".join(self.searches)) > MUSL_MAX_LINE_CHARS:
            return ()
        return self.searches

    def render(self) -> str:
        """The file text, in the order the kubelet writes it."""
        lines = [f"nameserver {ns}" for ns in self.nameservers]
        if self.searches:
            lines.append("search " + " ".join(self.searches))
        if self.options:
            opts = [k if v is None else f"{k}:{v}" for k, v in self.options]
            lines.append("options " + " ".join(opts))
        return "\n".join(lines) + "\n"


def _dedup(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)


def _merge_options(
    base: Sequence[tuple[str, str | None]], extra: Sequence[tuple[str, str | None]]
) -> tuple[tuple[str, str | None], ...]:
    merged = dict(base)
    for name, value in extra:
        merged[name] = value
    return tuple(merged.items())


def _normalize_search(domain: str) -> str:
    return domain.strip().rstrip(".").lower()


def _apply_search_limits(
    searches: Sequence[str], expanded: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    max_entries, max_chars = SEARCH_LIMITS_EXPANDED if expanded else SEARCH_LIMITS_LEGACY
    kept = [s for s in searches if len(s) <= MAX_SEARCH_DOMAIN_CHARS]
    kept = kept[:max_entries]
    while kept and len(" ".join(kept)) > max_chars:
        kept.pop()
    dropped = tuple(s for s in searches if s not in kept)
    return tuple(kept), dropped


def effective_dns_policy(dns_policy: str | None, host_network: bool) -> str:
    """The policy the kubelet applies: ClusterFirst + hostNetwork falls back to Default."""
    policy = dns_policy or CLUSTER_FIRST
    if policy == CLUSTER_FIRST and host_network:
        return DEFAULT
    return policy


def pod_resolv_conf(pod: PodDNSContext) -> ResolvConf:
    """The resolv.conf the kubelet writes for ``pod`` (§3.1)."""
    policy = effective_dns_policy(pod.dns_policy, pod.host_network)
    domain = normalize_domain(pod.cluster_domain)
    ns = pod.namespace.lower()
    notes: list[str] = []
    if pod.dns_policy not in (None, *DNS_POLICIES):
        notes.append(f"unknown dnsPolicy {pod.dns_policy!r}; treated as {policy}")
    if policy == DEFAULT:
        if (pod.dns_policy or CLUSTER_FIRST) == CLUSTER_FIRST:
            notes.append("hostNetwork with dnsPolicy ClusterFirst falls back to Default")
        source = "host"
        nameservers = pod.host_nameservers
        searches = [_normalize_search(s) for s in pod.host_searches]
        options = tuple(pod.host_options)
    elif policy == NONE:
        source, nameservers, searches, options = "none", (), [], ()
    else:
        source = "cluster"
        nameservers = pod.cluster_dns
        cluster_searches = [f"{ns}.svc.{domain}", f"svc.{domain}", domain] if domain else []
        searches = cluster_searches + [_normalize_search(s) for s in pod.host_searches]
        options = (("ndots", str(KUBELET_NDOTS)),)
    if pod.dns_config is not None:
        nameservers = (*nameservers, *pod.dns_config.nameservers)
        searches += [_normalize_search(s) for s in pod.dns_config.searches]
        options = _merge_options(options, pod.dns_config.options)
    searches = [s for s in _dedup(searches) if s]
    kept, dropped = _apply_search_limits(searches, pod.expanded_dns_config)
    if dropped:
        notes.append("search domains dropped by the kubelet limits: " + " ".join(dropped))
    return ResolvConf(
        source=source,
        nameservers=_dedup(nameservers)[:MAX_NAMESERVERS],
        searches=kept,
        options=tuple(options),
        dropped_searches=dropped,
        notes=tuple(notes),
    )


# ---- candidate lists (§3.2, §3.3) -----------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One absolute name a libc sends. ``search_domain`` is None for the as-is query."""

    name: str
    search_domain: str | None = None

    @property
    def as_is(self) -> bool:
        return self.search_domain is None


def _split_query(name: str) -> tuple[str, int, bool]:
    """(name without trailing dot, dots counted like both libcs do, trailing dot?)."""
    query = name.strip().lower()
    dots = query.count(".")  # a trailing dot counts too, in glibc and in musl
    trailing = query.endswith(".")
    return (query[:-1] if trailing else query), dots, trailing


def _searched(base: str, domains: Iterable[str]) -> list[Candidate]:
    out = []
    for domain in domains:
        full = f"{base}.{domain}"
        if len(full) <= MAX_NAME_CHARS:  # longer names cannot be sent; both libcs skip them
            out.append(Candidate(full, domain))
    return out


def glibc_candidates(name: str, conf: ResolvConf) -> list[Candidate]:
    """The names glibc's ``res_search`` tries, in order (§3.2)."""
    base, dots, trailing = _split_query(name)
    if not base:
        return []
    if trailing:
        return [Candidate(base)]
    searched = _searched(base, conf.searches_for(GLIBC))
    if dots >= conf.ndots(GLIBC):
        return [Candidate(base), *searched]
    if dots == 0 and conf.has_option("no-tld-query"):
        return searched
    return [*searched, Candidate(base)]


def musl_candidates(name: str, conf: ResolvConf) -> list[Candidate]:
    """The names musl's ``name_from_dns_search`` tries, in order (§3.3)."""
    base, dots, trailing = _split_query(name)
    if not base:
        return []
    if trailing or dots >= conf.ndots(MUSL):
        return [Candidate(base)]
    return [*_searched(base, conf.searches_for(MUSL)), Candidate(base)]


def candidates(name: str, conf: ResolvConf, libc: str) -> list[Candidate]:
    if libc == GLIBC:
        return glibc_candidates(name, conf)
    if libc == MUSL:
        return musl_candidates(name, conf)
    raise ValueError(f"unknown libc {libc!r}")


# ---- what the cluster DNS reads into a name (§2.2, §4.1) -----------------------------


class Kind(Enum):
    SERVICE = "service"  # s.n.svc.Z
    ENDPOINT = "endpoint"  # h.s.n.svc.Z
    PORT = "port"  # _p._t.s.n.svc.Z (underscores optional)
    NAMESPACE = "namespace"  # n.svc.Z / n.pod.Z: NODATA if n exists, else NXDOMAIN
    APEX = "apex"  # Z, svc.Z, pod.Z: NODATA
    POD = "pod"  # a-b-c-d.n.pod.Z
    INVALID = "invalid"  # in the zone but no record can exist: NXDOMAIN
    OUTSIDE = "outside"  # not under Z: forwarded upstream


@dataclass(frozen=True)
class Classification:
    kind: Kind
    namespace: str | None = None
    service: str | None = None
    hostname: str | None = None
    port: str | None = None
    protocol: str | None = None
    pod: str | None = None
    reason: str | None = None

    def describe(self) -> str:
        k = self.kind
        if k is Kind.SERVICE:
            return f"Service {self.service!r} in namespace {self.namespace!r}"
        if k is Kind.ENDPOINT:
            return (
                f"endpoint {self.hostname!r} of Service {self.service!r} "
                f"in namespace {self.namespace!r}"
            )
        if k is Kind.PORT:
            return (
                f"port {self.port!r}/{self.protocol!r} of Service {self.service!r} "
                f"in namespace {self.namespace!r}"
            )
        if k is Kind.NAMESPACE:
            return f"namespace {self.namespace!r} (no records of its own)"
        if k is Kind.APEX:
            return "the cluster zone itself (no records)"
        if k is Kind.POD:
            return f"pod record {self.pod!r} in namespace {self.namespace!r}"
        if k is Kind.INVALID:
            return f"no such name in the cluster zone ({self.reason})"
        return "a name outside the cluster zone (sent to the upstream DNS)"


def classify(name: str, cluster_domain: str = DEFAULT_CLUSTER_DOMAIN) -> Classification:
    """What CoreDNS's ``kubernetes`` plugin reads into the absolute ``name`` (§2.2 point 1)."""
    rest = labels_before_domain(name, cluster_domain)
    if rest is None:
        return Classification(Kind.OUTSIDE)
    if not rest:
        return Classification(Kind.APEX)
    *front, kind_label = rest
    if kind_label not in ("svc", "pod"):
        reason = f"the part before the cluster domain is {kind_label!r}, not svc or pod"
        return Classification(Kind.INVALID, reason=reason)
    if not front:
        return Classification(Kind.APEX)
    *front, namespace = front
    if not front:
        return Classification(Kind.NAMESPACE, namespace=namespace)
    *front, target = front
    if kind_label == "pod":
        if front:
            # (inference) CoreDNS has no per-pod sub-names; treat longer names as absent.
            return Classification(
                Kind.INVALID, reason="too many parts in front of the pod record"
            )
        return Classification(Kind.POD, namespace=namespace, pod=target)
    if not front:
        return Classification(Kind.SERVICE, namespace=namespace, service=target)
    if len(front) == 1:
        return Classification(
            Kind.ENDPOINT, namespace=namespace, service=target, hostname=front[0]
        )
    if len(front) == 2:
        return Classification(
            Kind.PORT,
            namespace=namespace,
            service=target,
            port=front[0].removeprefix("_"),
            protocol=front[1].removeprefix("_"),
        )
    return Classification(
        Kind.INVALID, reason=f"{len(front)} parts in front of the Service name; at most 2 can be"
    )


# ---- cluster facts ---------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceFacts:
    """What the cluster DNS knows about one Service.

    ``ports`` holds the (name, protocol) pairs of *named* ports (protocol upper-case, e.g.
    ``("http", "TCP")``); unnamed ports get no SRV-style names. ``endpoint_hostnames`` are
    the hostnames of ready endpoints (pod hostname+subdomain, StatefulSet pods, ...).
    """

    name: str
    namespace: str
    type: str = "ClusterIP"
    headless: bool = False
    ports: frozenset[tuple[str, str]] = frozenset()
    endpoint_hostnames: frozenset[str] = frozenset()
    external_name: str | None = None

    @property
    def is_external_name(self) -> bool:
        return self.type == "ExternalName"


class ClusterView(Protocol):
    """The facts :func:`resolve` needs. The graph layer can implement this directly."""

    pods_mode: str  # CoreDNS "pods" option: disabled (default), insecure or verified

    def namespace_exists(self, namespace: str) -> bool: ...

    def service(self, namespace: str, name: str) -> ServiceFacts | None: ...


@dataclass(frozen=True)
class ClusterFacts:
    """A plain :class:`ClusterView`: namespaces and Services keyed by (namespace, name).

    Namespaces holding a Service count as existing. Keys must be lower-case; use
    :meth:`build`, which lower-cases for you.
    """

    namespaces: frozenset[str] = frozenset()
    services: Mapping[tuple[str, str], ServiceFacts] = field(default_factory=dict)
    pods_mode: str = "disabled"

    @classmethod
    def build(
        cls,
        namespaces: Iterable[str] = (),
        services: Iterable[ServiceFacts] = (),
        pods_mode: str = "disabled",
    ) -> ClusterFacts:
        table = {(s.namespace.lower(), s.name.lower()): s for s in services}
        known = {n.lower() for n in namespaces} | {ns for ns, _ in table}
        return cls(frozenset(known), table, pods_mode)

    def namespace_exists(self, namespace: str) -> bool:
        return namespace.lower() in self.namespaces

    def service(self, namespace: str, name: str) -> ServiceFacts | None:
        return self.services.get((namespace.lower(), name.lower()))


# ---- answers ---------------------------------------------------------------------------


class Outcome(Enum):
    ANSWER = "answer"
    NXDOMAIN = "nxdomain"
    NODATA = "nodata"
    UPSTREAM = "upstream"  # outside the cluster DNS: kdlint cannot know the answer


def _dashed_ip(label: str) -> bool:
    try:
        ipaddress.IPv4Address(label.replace("-", "."))
        return True
    except ValueError:
        pass
    try:
        ipaddress.IPv6Address(label.replace("-", ":"))
        return True
    except ValueError:
        return False


def outcome(c: Classification, cluster: ClusterView) -> Outcome:
    """The cluster DNS answer for a classified candidate (address queries)."""
    if c.kind is Kind.OUTSIDE:
        return Outcome.UPSTREAM
    if c.kind is Kind.APEX:
        return Outcome.NODATA
    if c.kind is Kind.INVALID:
        return Outcome.NXDOMAIN
    if c.kind is Kind.NAMESPACE:
        return Outcome.NODATA if cluster.namespace_exists(c.namespace) else Outcome.NXDOMAIN
    if c.kind is Kind.POD:
        # "verified" also needs a pod with that IP, which manifests cannot tell.
        if cluster.pods_mode in ("insecure", "verified") and _dashed_ip(c.pod):
            return Outcome.ANSWER
        return Outcome.NXDOMAIN
    if not cluster.namespace_exists(c.namespace):
        return Outcome.NXDOMAIN
    svc = cluster.service(c.namespace, c.service)
    if svc is None:
        return Outcome.NXDOMAIN
    if c.kind is Kind.SERVICE:
        return Outcome.ANSWER
    if svc.is_external_name:  # ExternalName answers only the bare Service name
        return Outcome.NXDOMAIN
    if c.kind is Kind.ENDPOINT:
        hosts = {h.lower() for h in svc.endpoint_hostnames}
        return Outcome.ANSWER if c.hostname in hosts else Outcome.NXDOMAIN
    ports = {(p.lower(), proto.lower()) for p, proto in svc.ports}
    return Outcome.ANSWER if (c.port, c.protocol) in ports else Outcome.NXDOMAIN


# ---- resolution ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    candidate: Candidate
    classification: Classification
    outcome: Outcome


class Verdict(Enum):
    CLUSTER = "cluster"  # an in-cluster record answers, no upstream query before it
    CLUSTER_AFTER_UPSTREAM = "cluster-after-upstream"  # answers only if upstream fails first
    UPSTREAM = "upstream"  # no in-cluster answer; the name goes to the upstream DNS
    NODATA = "nodata"  # musl stopped on a NODATA reply
    NXDOMAIN = "nxdomain"  # every query failed inside the cluster DNS
    NO_QUERY = "no-query"  # nothing to send (empty or malformed name)


@dataclass(frozen=True)
class Resolution:
    """How one libc resolves one name.

    ``steps`` are the queries in order, assuming every upstream query (``UPSTREAM``) fails
    with NXDOMAIN, which is what happens to cluster-style names outside the cluster.
    ``answer`` is the step whose in-cluster record answers, if any; ``stopped_on_nodata``
    is musl giving up on a NODATA reply.
    """

    libc: str
    steps: tuple[Step, ...]
    answer: Step | None
    stopped_on_nodata: bool = False

    @property
    def names(self) -> list[str]:
        return [s.candidate.name for s in self.steps]

    @property
    def resolved(self) -> bool:
        return self.answer is not None

    @property
    def target(self) -> Classification | None:
        return self.answer.classification if self.answer else None

    @property
    def upstream_steps(self) -> tuple[Step, ...]:
        """Queries that leave the cluster DNS (before the answer, if any)."""
        return tuple(s for s in self.steps if s.outcome is Outcome.UPSTREAM)

    @property
    def verdict(self) -> Verdict:
        if self.answer is not None:
            before = self.steps[: self.steps.index(self.answer)]
            if any(s.outcome is Outcome.UPSTREAM for s in before):
                return Verdict.CLUSTER_AFTER_UPSTREAM
            return Verdict.CLUSTER
        if self.stopped_on_nodata:
            return Verdict.NODATA
        if self.upstream_steps:
            return Verdict.UPSTREAM
        return Verdict.NXDOMAIN if self.steps else Verdict.NO_QUERY

    @property
    def wasted_steps(self) -> tuple[Step, ...]:
        """Queries sent before the one that answered."""
        return self.steps[:-1] if self.answer else ()


@dataclass(frozen=True)
class ResolveResult:
    query: str
    resolv_conf: ResolvConf
    glibc: Resolution
    musl: Resolution

    def for_libc(self, libc: str) -> Resolution:
        return self.glibc if libc == GLIBC else self.musl


def _step(candidate: Candidate, conf: ResolvConf, domain: str, cluster: ClusterView) -> Step:
    c = classify(candidate.name, domain)
    result = outcome(c, cluster) if conf.uses_cluster_dns else Outcome.UPSTREAM
    return Step(candidate, c, result)


def walk(
    names: Sequence[Candidate],
    libc: str,
    conf: ResolvConf,
    cluster: ClusterView,
    cluster_domain: str = DEFAULT_CLUSTER_DOMAIN,
) -> Resolution:
    """Send ``names`` in order until one answers; musl also stops at a NODATA reply."""
    steps: list[Step] = []
    for candidate in names:
        step = _step(candidate, conf, cluster_domain, cluster)
        steps.append(step)
        if step.outcome is Outcome.ANSWER:
            return Resolution(libc, tuple(steps), step)
        # glibc keeps searching on NODATA; musl returns EAI_NODATA for a searched name.
        if step.outcome is Outcome.NODATA and libc == MUSL and not candidate.as_is:
            return Resolution(libc, tuple(steps), None, stopped_on_nodata=True)
    return Resolution(libc, tuple(steps), None)


def resolve(name: str, pod: PodDNSContext, cluster: ClusterView) -> ResolveResult:
    """Resolve ``name`` from ``pod`` with glibc and with musl against ``cluster``."""
    conf = pod_resolv_conf(pod)
    domain = normalize_domain(pod.cluster_domain)
    return ResolveResult(
        query=name,
        resolv_conf=conf,
        glibc=walk(glibc_candidates(name, conf), GLIBC, conf, cluster, domain),
        musl=walk(musl_candidates(name, conf), MUSL, conf, cluster, domain),
    )
