"""A host found in a string value (:class:`HostRef`) and how it is classified.

:func:`host_status` tells an in-cluster candidate from an IP, ``localhost`` or a public
name; :func:`is_host_context` reads a key or flag name (``DB_HOST``, ``--db-host``) as
saying its value is a host. Extraction itself is :mod:`kdlint.dns.hosts`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from urllib.parse import unquote

from kdlint.dns import DEFAULT_CLUSTER_DOMAIN
from kdlint.dns.names import is_public_tld, normalize_domain, public_tld


class HostStatus(Enum):
    CLUSTER = "cluster"  # may be an in-cluster name: check it against the Services
    EXTERNAL = "external"  # last label is a public TLD and nothing ties it to the cluster
    IP = "ip"
    LOCALHOST = "localhost"
    TEMPLATE = "template"  # contains unexpanded template text ({{ }}, ${}, $(VAR), $VAR)


@dataclass(frozen=True, init=False)
class HostRef:
    """One host found in a string. ``input[start:end] == text``."""

    text: str
    start: int
    end: int
    port: int | None = None
    scheme: str | None = None
    via: str = ""
    context: str | None = None
    status: HostStatus = HostStatus.CLUSTER
    srv: bool = False  # mongodb+srv: the name is looked up as _mongodb._tcp.<host> (SRV)
    # lower-case, percent-decoded, without the trailing dot: read many times per reference
    host: str = field(init=False, repr=False, compare=False)

    def __init__(self, text: str, start: int, end: int, port: int | None = None, scheme: str | None = None,
                 via: str = "", context: str | None = None, status: HostStatus = HostStatus.CLUSTER,
                 srv: bool = False) -> None:
        # Built for every host found: one update of the instance dict costs a third of the
        # frozen dataclass's __init__, which sets each field through object.__setattr__.
        self.__dict__.update(text=text, start=start, end=end, port=port, scheme=scheme, via=via,
                             context=context, status=status, srv=srv, host=_normalized(text))

    def shifted(self, by: int) -> HostRef:
        """The same host, found in a text that has `by` more characters in front."""
        return HostRef(self.text, self.start + by, self.end + by, self.port, self.scheme, self.via,
                       self.context, self.status, self.srv)

    @property
    def absolute(self) -> bool:
        return self.text.endswith(".")

    @property
    def tld(self) -> str | None:
        return public_tld(self.host)

    @property
    def is_cluster_candidate(self) -> bool:
        return self.status is HostStatus.CLUSTER


def _normalized(text: str) -> str:
    """Lower-case, percent-decoded, without the trailing dot."""
    return (unquote(text) if "%" in text else text).lower().rstrip(".")


# ---- context ---------------------------------------------------------------------------

_HOST_WORDS = {
    "HOST", "HOSTS", "HOSTNAME", "HOSTNAMES", "ADDR", "ADDRS", "ADDRESS", "ADDRESSES",
    "SERVER", "SERVERS", "ENDPOINT", "ENDPOINTS", "URL", "URLS", "URI", "URIS", "DSN",
    "BROKER", "BROKERS", "BOOTSTRAP", "UPSTREAM", "UPSTREAMS", "BACKEND", "BACKENDS",
    "SERVICE", "TARGET", "TARGETS", "PEER", "PEERS", "SEED", "SEEDS", "NODES", "CLUSTER",
    "CONNECTION", "CONN", "DATASOURCE", "REMOTE", "PROXY",
}
_HOST_WORD_PAIRS = {("HOST", "NAME"), ("SERVER", "NAME"), ("SERVICE", "HOST"), ("CONN", "STR"),
                    ("CONNECTION", "STRING")}
_NOT_HOST_WORDS = {"IMAGE", "TAG", "VERSION", "PORT", "PATH", "FILE", "DIR"}
_SHORT_HOST_FLAGS = {"-h"}


@lru_cache(maxsize=4096)  # keys and flags repeat across a manifest set
def _context_words(name: str) -> tuple[str, ...]:
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name.lstrip("-"))
    return tuple(w for w in re.split(r"[^A-Za-z0-9]+", name.upper()) if w)


def is_host_context(name: str | None) -> bool:
    """Whether a key or flag name says its value is a host: ``DB_HOST``, ``redisUrl``,
    ``--db-host``, ``-h``, ``bootstrap.servers``, ``PAYMENT_SERVICE``. The last word
    decides, so ``SERVICE_NAME`` or ``CLUSTER_NAME`` do not count."""
    if not name:
        return False
    if name in _SHORT_HOST_FLAGS:
        return True
    words = _context_words(name)
    if not words:
        return False
    if tuple(words[-2:]) in _HOST_WORD_PAIRS:
        return True
    return words[-1] in _HOST_WORDS


# `<service>.<namespace>.svc[.<cluster domain>]` (or a pod's `<host>.<service>.<namespace>.svc...`):
# only a Service's DNS name has this shape, so it is a host whatever key or flag it is under.
_SERVICE_DNS_NAME = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.){2,3}svc(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?", re.IGNORECASE
)


def is_service_dns_name(text: str) -> bool:
    """Whether `text` is a whole in-cluster Service name such as ``tracing.observability.svc.cluster.local``."""
    return _SERVICE_DNS_NAME.fullmatch(text) is not None


def _is_non_host_context(name: str | None) -> bool:
    words = _context_words(name) if name else ()
    return bool(words) and words[-1] in _NOT_HOST_WORDS


# ---- status ----------------------------------------------------------------------------

_LOCALHOST = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def host_status(
    host: str,
    *,
    cluster_domain: str = DEFAULT_CLUSTER_DOMAIN,
    namespaces: Collection[str] = (),
) -> HostStatus:
    """Classify a normalised host (lower-case, no trailing dot, no port).

    A dotted name whose last label is a public TLD is external unless it is under the cluster
    domain, has an inner ``svc`` label (``*.svc.<other domain>``) or its last label is one
    of ``namespaces`` (``web.dev`` with a namespace ``dev``).
    """
    host = host.lower().rstrip(".")
    if _looks_like_ip(host):
        return HostStatus.IP
    if host in _LOCALHOST or host.endswith(".localhost"):
        return HostStatus.LOCALHOST
    domain = normalize_domain(cluster_domain)
    if host == domain or host.endswith("." + domain):  # is_in_domain, for a host normalised already
        return HostStatus.CLUSTER
    labels = host.split(".")
    if "svc" in labels[1:] or labels[-1] in _lowered(namespaces):
        return HostStatus.CLUSTER
    if len(labels) > 1 and is_public_tld(labels[-1]):  # a lone label is never a public name
        return HostStatus.EXTERNAL
    return HostStatus.CLUSTER


@lru_cache(maxsize=16384)  # the same hosts recur across pods and ConfigMaps
def _cached_status(text: str, cluster_domain: str, namespaces: frozenset[str]) -> HostStatus:
    return host_status(_normalized(text), cluster_domain=cluster_domain, namespaces=namespaces)


def _lowered(names: Collection[str]) -> frozenset[str]:
    # Callers scanning many values pass a frozenset of lower-case names once built; rebuilding
    # it for every value would make extraction quadratic in the number of Services.
    if isinstance(names, frozenset):
        return names
    return frozenset(n.lower() for n in names)


_IP_CHARS = re.compile(r"\[?[0-9.]+(%.*)?\]?|.*:.*")  # IPv4 digits and dots; IPv6 has a colon


def _looks_like_ip(host: str) -> bool:
    if not _IP_CHARS.fullmatch(host):  # most hosts: no exception raised and caught
        return False
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        return True
    except ValueError:
        return False
