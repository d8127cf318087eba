"""The resolv.conf the kubelet writes for a pod, per dnsPolicy (docs/dns.md, The resolv.conf of a pod;
DNS policy and dnsConfig).

:class:`PodDNSContext` holds what shapes it (``dnsPolicy``, ``hostNetwork``,
:class:`DNSConfig`, the node's file); :func:`pod_resolv_conf` builds the
:class:`ResolvConf`, which also answers the libc-specific readings (``ndots``, the search
list musl keeps).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from kdlint.dns import DEFAULT_CLUSTER_DOMAIN
from kdlint.dns.names import normalize_domain

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
# musl reads resolv.conf with a 256-byte line buffer and skips any line that does not fit,
# so a longer "search ..." line is ignored entirely (musl src/network/resolvconf.c).
MUSL_MAX_LINE_CHARS = 254

GLIBC = "glibc"
MUSL = "musl"


# ---- resolv.conf ------------------------------------------------------------------------


class DNSConfig(NamedTuple):
    """A pod's ``spec.dnsConfig``."""

    nameservers: tuple[str, ...] = ()
    searches: tuple[str, ...] = ()
    options: tuple[tuple[str, str | None], ...] = ()

    @classmethod
    def from_spec(cls, spec: Mapping | None) -> DNSConfig | None:
        """Build from the raw ``dnsConfig`` mapping of a pod spec (None stays None)."""
        if not isinstance(spec, Mapping):
            return None  # absent, or ill-typed (the schema rules report that)
        options = []
        for opt in _list(spec.get("options")):
            if isinstance(opt, Mapping) and opt.get("name"):
                value = opt.get("value")
                options.append((str(opt["name"]), None if value is None else str(value)))
        return cls(
            nameservers=tuple(str(s) for s in _list(spec.get("nameservers"))),
            searches=tuple(str(s) for s in _list(spec.get("searches"))),
            options=tuple(options),
        )


def _list(value) -> list:
    return value if isinstance(value, list) else []


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "cluster_domain", normalize_domain(self.cluster_domain))

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


class ResolvConf(NamedTuple):
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
    """The resolv.conf the kubelet writes for ``pod``."""
    policy = effective_dns_policy(pod.dns_policy, pod.host_network)
    domain = pod.cluster_domain
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
