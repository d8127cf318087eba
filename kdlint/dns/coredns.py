"""What the cluster DNS (CoreDNS ``kubernetes`` plugin) reads into one candidate name
(:func:`classify`, docs/dns.md: Names the cluster DNS answers) and its answer given the cluster facts (:func:`outcome`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple, Protocol

from kdlint.dns import DEFAULT_CLUSTER_DOMAIN
from kdlint.dns.names import labels_before_domain


# ---- what the cluster DNS reads into a name --------------------------------------------


class Kind(Enum):
    SERVICE = "service"  # s.n.svc.Z
    ENDPOINT = "endpoint"  # h.s.n.svc.Z
    PORT = "port"  # _p._t.s.n.svc.Z (underscores optional)
    NAMESPACE = "namespace"  # n.svc.Z / n.pod.Z: NODATA if n exists, else NXDOMAIN
    APEX = "apex"  # Z, svc.Z, pod.Z: NODATA
    POD = "pod"  # a-b-c-d.n.pod.Z
    INVALID = "invalid"  # in the zone but no record can exist: NXDOMAIN
    OUTSIDE = "outside"  # not under Z: forwarded upstream


class Classification(NamedTuple):
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
    """What CoreDNS's ``kubernetes`` plugin reads into the absolute ``name``."""
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


class ServiceFacts(NamedTuple):
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
