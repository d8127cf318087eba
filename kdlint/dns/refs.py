"""A host read as an in-cluster reference (docs/dns.md: Where host names are written;
Names Kubernetes accepts, for the length limits).

:func:`parse_ref` says what a host names *as its author most likely meant it*: ``s`` is
Service ``s`` in the pod's namespace, ``s.ns`` / ``s.ns.svc`` / ``s.ns.svc.<domain>`` are
Service ``s`` in ``ns``, one more label in front names an endpoint, two more an SRV-style
port. What the resolver really reaches first (hijacks, musl, ndots) is
:mod:`kdlint.dns.resolver`'s business. :func:`format_ref` writes each form back.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from enum import Enum
from functools import lru_cache

from kdlint.dns import DEFAULT_CLUSTER_DOMAIN
from kdlint.dns.names import (
    DNS1123_LABEL_MAX,
    DNS1123_SUBDOMAIN_MAX,
    dns1035_label,
    dns1123_label,
    labels_before_domain,
    normalize_domain,
)


class RefKind(Enum):
    SERVICE = "service"
    ENDPOINT = "endpoint"  # h.s.ns...: a pod hostname behind Service s
    SRV = "srv"  # _p._t.s.ns...: a named port of Service s
    POD = "pod"  # a-b-c-d.ns.pod.<domain>
    NAMESPACE = "namespace"  # ns.svc[.<domain>]: names no Service
    INVALID = "invalid"  # in-cluster shape that no record can have
    OTHER = "other"  # no in-cluster shape (e.g. a 5-label relative name)


class Form(Enum):
    """How far a name is qualified."""

    SHORT = "short"  # s
    NAMESPACED = "namespaced"  # s.ns (h.s.ns, _p._t.s.ns)
    SVC = "svc"  # s.ns.svc
    FQDN = "fqdn"  # s.ns.svc.<domain> (also x.ns.pod.<domain>)


@dataclass(frozen=True, init=False)
class ClusterRef:
    host: str  # lower-case, without the trailing dot
    absolute: bool  # written with a trailing dot
    kind: RefKind
    form: Form | None
    cluster_domain: str
    namespace: str | None = None
    namespace_explicit: bool = False  # False: the pod's namespace was assumed
    service: str | None = None
    hostname: str | None = None
    port: str | None = None  # SRV port name, without '_'
    protocol: str | None = None
    pod: str | None = None
    domain: str | None = None  # the domain written after svc/pod, if any
    problems: tuple[str, ...] = ()

    def __init__(self, host: str, absolute: bool, kind: RefKind, form: Form | None, cluster_domain: str,
                 namespace: str | None = None, namespace_explicit: bool = False, service: str | None = None,
                 hostname: str | None = None, port: str | None = None, protocol: str | None = None,
                 pod: str | None = None, domain: str | None = None, problems: tuple[str, ...] = ()) -> None:
        # One per name a run reads: one update of the instance dict costs a third of the frozen
        # dataclass's __init__, which sets each field through object.__setattr__.
        self.__dict__.update(host=host, absolute=absolute, kind=kind, form=form, cluster_domain=cluster_domain,
                             namespace=namespace, namespace_explicit=namespace_explicit, service=service,
                             hostname=hostname, port=port, protocol=protocol, pod=pod, domain=domain,
                             problems=problems)

    @property
    def domain_mismatch(self) -> bool:
        """Written with ``.svc.<domain>`` for a domain other than the cluster's."""
        return self.domain is not None and self.domain != self.cluster_domain

    @property
    def service_key(self) -> tuple[str, str] | None:
        """(namespace, service) for kinds that name a Service."""
        if self.kind in (RefKind.SERVICE, RefKind.ENDPOINT, RefKind.SRV):
            return self.namespace, self.service
        return None

    @property
    def fqdn(self) -> str | None:
        """The intended absolute name under the configured cluster domain (no root dot)."""
        z = self.cluster_domain
        if self.kind is RefKind.SERVICE:
            return f"{self.service}.{self.namespace}.svc.{z}"
        if self.kind is RefKind.ENDPOINT:
            return f"{self.hostname}.{self.service}.{self.namespace}.svc.{z}"
        if self.kind is RefKind.SRV:
            return f"_{self.port}._{self.protocol}.{self.service}.{self.namespace}.svc.{z}"
        if self.kind is RefKind.POD:
            return f"{self.pod}.{self.namespace}.pod.{z}"
        if self.kind is RefKind.NAMESPACE:
            return f"{self.namespace}.svc.{z}"
        return None


def _svc_reading(front: list[str]) -> dict:
    """Read the labels in front of ``svc``: [ns], [s, ns], [h, s, ns] or [p, t, s, ns]."""
    if len(front) == 1:
        return {"kind": RefKind.NAMESPACE, "namespace": front[0]}
    if len(front) == 2:
        return {"kind": RefKind.SERVICE, "service": front[0], "namespace": front[1]}
    if len(front) == 3:
        return {"kind": RefKind.ENDPOINT, "hostname": front[0], "service": front[1],
                "namespace": front[2]}
    if len(front) == 4:
        return {"kind": RefKind.SRV, "port": front[0].removeprefix("_"),
                "protocol": front[1].removeprefix("_"), "service": front[2],
                "namespace": front[3]}
    if not front:
        return {"kind": RefKind.INVALID, "reason": "names no namespace in front of 'svc'"}
    return {"kind": RefKind.INVALID,
            "reason": f"has {len(front) - 2} parts in front of the Service name; "
                      "the cluster DNS allows at most 2 (endpoint, or port and protocol)"}


def _pod_reading(front: list[str]) -> dict:
    if len(front) == 2:
        return {"kind": RefKind.POD, "pod": front[0], "namespace": front[1]}
    return {"kind": RefKind.INVALID, "reason": "is not of the form <a-b-c-d>.<namespace>.pod"}


def _is_dashed_ipv4(label: str) -> bool:
    parts = label.split("-")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)


def _custom_domain_split(labels: list[str]) -> int | None:
    """Index of a ``svc`` label that is followed by some other domain (``s.ns.svc.k8s.io``)."""
    for i, label in enumerate(labels):
        if label == "svc" and i >= 2 and i < len(labels) - 1:
            return i
    return None


def _reading(labels: list[str], cluster_domain: str, name: str) -> tuple[dict, Form | None]:
    in_zone = labels_before_domain(name, cluster_domain)
    if in_zone is not None:
        if not in_zone or in_zone[-1] not in ("svc", "pod"):
            reason = (f"is under the cluster domain {cluster_domain!r} but the part in front "
                      "of it is not 'svc' or 'pod'")
            return {"kind": RefKind.INVALID, "reason": reason, "domain": cluster_domain}, None
        reading = (_svc_reading if in_zone[-1] == "svc" else _pod_reading)(in_zone[:-1])
        return {**reading, "domain": cluster_domain}, Form.FQDN
    split = _custom_domain_split(labels)
    if split is not None:
        return {**_svc_reading(labels[:split]), "domain": ".".join(labels[split + 1 :])}, Form.FQDN
    if len(labels) >= 3 and labels[-1] == "svc":
        return _svc_reading(labels[:-1]), Form.SVC
    if len(labels) == 1:
        return {"kind": RefKind.SERVICE, "service": labels[0]}, Form.SHORT
    if len(labels) == 2:
        reading = {"kind": RefKind.SERVICE, "service": labels[0], "namespace": labels[1]}
        return reading, Form.NAMESPACED
    if len(labels) == 3:
        if labels[-1] == "pod" and _is_dashed_ipv4(labels[0]):
            return _pod_reading(labels[:2]), Form.NAMESPACED
        return _svc_reading(labels), Form.NAMESPACED
    if len(labels) == 4 and labels[0].startswith("_") and labels[1].startswith("_"):
        return _svc_reading(labels), Form.NAMESPACED
    return {"kind": RefKind.OTHER}, None


def _label_problems(labels: list[str], kind: RefKind) -> list[str]:
    if "_" not in "".join(labels) and all(0 < len(label) <= DNS1123_LABEL_MAX for label in labels):
        return []  # the common case
    problems = []
    for i, label in enumerate(labels):
        if label == "":
            problems.append("contains an empty part ('..')")
        elif len(label) > DNS1123_LABEL_MAX:
            problems.append(f"part {label[:20]!r}... is {len(label)} characters; "
                            f"a DNS label can have at most {DNS1123_LABEL_MAX}")
        elif "_" in label and not (kind is RefKind.SRV and i < 2 and label.startswith("_")):
            problems.append(f"part {label!r} contains '_', which DNS names for Services "
                            "cannot contain")
    return problems


def parse_ref(
    host: str, namespace: str, cluster_domain: str = DEFAULT_CLUSTER_DOMAIN
) -> ClusterRef:
    """Read ``host`` (no port; trailing dot allowed) from a pod in ``namespace``."""
    domain = normalize_domain(cluster_domain)
    return _plain(host.lower(), namespace, domain) or _parse(host, namespace, domain)


# The names most references are written as: `s`, `s.ns`, `s.ns.svc` and `s.ns.svc.<domain>`,
# valid, relative, short enough. _plain reads them exactly as _parse does (tests/dns/test_refs.py
# checks it) without the general readings; anything else, and any problem, goes to _parse.
_PLAIN_NAME = re.compile(r"[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*")


def _plain(name: str, namespace: str, domain: str) -> ClusterRef | None:
    if not domain or name == domain or len(name) > DNS1123_SUBDOMAIN_MAX or not _PLAIN_NAME.fullmatch(name):
        return None
    zone = None
    if name.endswith("." + domain):
        labels = name[: -len(domain) - 1].split(".")
        if len(labels) != 3 or labels[2] != "svc":
            return None
        form, zone = Form.FQDN, domain
    else:
        labels = name.split(".")
        if len(labels) == 3 and labels[2] == "svc":
            form = Form.SVC
        elif len(labels) <= 2:
            form = Form.SHORT if len(labels) == 1 else Form.NAMESPACED
        else:
            return None
    service = labels[0]
    explicit = form is not Form.SHORT
    ns = labels[1] if explicit else namespace.lower()
    if _service_name_problems(service) or (explicit and _namespace_problems(ns)):
        return None
    if len(service) + len(ns) + len(domain) + 6 > DNS1123_SUBDOMAIN_MAX:  # the full name, `s.ns.svc.<domain>`
        return None
    return ClusterRef(name, False, RefKind.SERVICE, form, domain, ns, explicit, service, None, None, None, None, zone)


def _parse(host: str, namespace: str, domain: str) -> ClusterRef:
    absolute = host.endswith(".")
    name = host.lower()[:-1] if absolute else host.lower()
    labels = name.split(".")
    reading, form = _reading(labels, domain, name)
    kind = reading["kind"]
    problems = _label_problems(labels, kind)
    if "reason" in reading:
        problems.append(f"{name!r} {reading['reason']}")
    explicit = "namespace" in reading
    ns = reading.get("namespace", namespace.lower())
    ref = ClusterRef(
        host=name, absolute=absolute, kind=kind, form=form, cluster_domain=domain,
        namespace=ns if kind is not RefKind.INVALID and kind is not RefKind.OTHER else None,
        namespace_explicit=explicit, service=reading.get("service"),
        hostname=reading.get("hostname"), port=reading.get("port"),
        protocol=reading.get("protocol"), pod=reading.get("pod"),
        domain=reading.get("domain"),
    )
    problems += _semantic_problems(ref)
    if len(name) > DNS1123_SUBDOMAIN_MAX:
        problems.append(f"is {len(name)} characters; a DNS name can have at most "
                        f"{DNS1123_SUBDOMAIN_MAX}")
    elif ref.fqdn and len(ref.fqdn) > DNS1123_SUBDOMAIN_MAX:
        problems.append(f"its full name {ref.fqdn[:40]!r}... is {len(ref.fqdn)} characters; "
                        f"a DNS name can have at most {DNS1123_SUBDOMAIN_MAX}")
    return _with_problems(ref, problems) if problems else ref  # most names: built once


def _checkable(label: str | None) -> bool:
    return bool(label) and len(label) <= DNS1123_LABEL_MAX and "_" not in label


# Service and namespace names recur across the references of a run: validate each once.
@lru_cache(maxsize=4096)
def _service_name_problems(label: str) -> tuple[str, ...]:
    return tuple(dns1035_label(label))


@lru_cache(maxsize=4096)
def _namespace_problems(label: str) -> tuple[str, ...]:
    return tuple(dns1123_label(label))


def _semantic_problems(ref: ClusterRef) -> list[str]:
    # Over-long labels and '_' are already reported per label; report the rest here.
    problems = []
    if _checkable(ref.service):
        for p in _service_name_problems(ref.service):
            problems.append(f"{ref.service!r} cannot be a Service name: it {p}")
    if ref.namespace_explicit and _checkable(ref.namespace):
        for p in _namespace_problems(ref.namespace):
            problems.append(f"{ref.namespace!r} cannot be a namespace name: it {p}")
    if ref.domain_mismatch:
        problems.append(f"ends in '.svc.{ref.domain}' but the cluster domain is "
                        f"{ref.cluster_domain!r}")
    if ref.kind is RefKind.NAMESPACE:
        problems.append(f"names only the namespace {ref.namespace!r}, which has no address")
    if ref.absolute and ref.form is not Form.FQDN and ref.kind is not RefKind.OTHER:
        problems.append("ends with a dot, so the search list is not used and the name is "
                        "looked up outside the cluster")
    return problems


def _with_problems(ref: ClusterRef, problems: list[str]) -> ClusterRef:
    return ClusterRef(**{**ref.__dict__, "problems": tuple(dict.fromkeys(problems))})


def format_ref(
    service: str,
    namespace: str,
    form: Form,
    *,
    cluster_domain: str = DEFAULT_CLUSTER_DOMAIN,
    hostname: str | None = None,
    absolute: bool = False,
) -> str:
    """Write a reference to Service ``service`` in ``namespace`` (or to endpoint
    ``hostname`` behind it) in the given form. SHORT leaves the namespace implied."""
    prefix = f"{hostname}." if hostname else ""
    if form is Form.SHORT:
        if hostname:
            raise ValueError("an endpoint reference needs at least the namespaced form")
        name = service
    elif form is Form.NAMESPACED:
        name = f"{prefix}{service}.{namespace}"
    elif form is Form.SVC:
        name = f"{prefix}{service}.{namespace}.svc"
    else:
        name = f"{prefix}{service}.{namespace}.svc.{normalize_domain(cluster_domain)}"
    return name + "." if absolute else name
