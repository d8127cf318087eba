"""Find hosts in one string, cheaply: most values (log levels, paths, flags) hold none.

A value is handed to kdlint.dns.hosts only when it could hold a host: it has a host-like key
or flag as context, or URL / host:port / key=value punctuation, or it is exactly the name
of a Service of the input (and its key does not say it is something else, like `*_MODE`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kdlint.dns.host_ref import HostRef, HostStatus, is_host_context, is_service_dns_name
from kdlint.dns.hosts import extract_hosts

_LETTER = re.compile(r"[A-Za-z]")
_STRUCTURE = re.compile(r"[:/@(=,\s]")
_FLAG = re.compile(r"(--?[A-Za-z][\w.-]*)=(\S*)")
_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z0-9]+(?![a-z])")
# the last word of a key that names something other than a host (`CACHE_TYPE=redis`)
_NOT_A_HOST = frozenset({
    "TYPE", "MODE", "NAME", "DRIVER", "KIND", "PROVIDER", "ROLE", "ENV", "ENVIRONMENT", "LEVEL",
    "FORMAT", "STRATEGY", "PROFILE", "PROFILES", "COMPONENT", "APP", "USER", "USERNAME", "DATABASE",
    "DB", "SCHEMA", "TABLE", "TOPIC", "QUEUE", "BUCKET", "ID", "KEY", "SECRET", "PASSWORD", "TOKEN",
    "LABEL", "NAMESPACE", "REGION", "ZONE", "CHANNEL", "GROUP", "IMAGE", "TAG", "VERSION", "PORT",
    "PATH", "FILE", "DIR", "PREFIX", "SUFFIX", "CLASS", "ENGINE", "LOGGER", "UID", "UUID", "TITLE",
    "DESCRIPTION", "TEXT", "MESSAGE", "ALIAS", "LEGEND", "DISPLAY", "SOURCE", "DATASOURCE",
})
# host-context words that are as often a plain label (`cluster: main`, `service: billing`): a
# bare word under them counts only when it is the name of a Service of the input
_WEAK_CONTEXT = frozenset({
    "CLUSTER", "SERVICE", "TARGET", "TARGETS", "BACKEND", "BACKENDS", "NODES", "CONNECTION", "CONN", "DATASOURCE",
})
BARE = ("bare-host", "known-service")  # the only `via` of hosts that may be dropped as implausible or weak
_NO_NAMES: frozenset[str] = frozenset()


@lru_cache(maxsize=8192)
def host_context(name: str | None) -> bool:
    return name is not None and is_host_context(name)


@lru_cache(maxsize=8192)
def names_something_else(name: str | None) -> bool:
    """Whether a key's last word says its value is not a host (`*_TYPE`, `*_NAME`, `db.user`)."""
    if not name:
        return True
    words = [w.upper() for w in _WORDS.findall(name)]
    return not words or words[-1] in _NOT_A_HOST


def _last_word(name: str | None) -> str:
    words = _WORDS.findall(name or "")
    return words[-1].upper() if words else ""


def _stripped_span(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, len(text.rstrip())


class Scanner:
    """Host extraction with the input's Service names and namespaces, cached per value."""

    def __init__(self, service_names, namespaces, cluster_domain: str) -> None:
        self.service_names = frozenset(n.lower() for n in service_names)
        self.namespaces = frozenset(n.lower() for n in namespaces)
        self.cluster_domain = cluster_domain
        self._cache: dict[tuple, list[HostRef]] = {}

    def scan(self, text: str, context: str | None, *, service_names: bool = True) -> list[HostRef]:
        """Possible in-cluster hosts in `text` (IPs, localhost, templates, public names dropped).

        `service_names`: whether a bare value equal to a Service name counts as a host; only
        for values with a key that does not say otherwise. The result is shared: do not change it.
        """
        key = (text, context, service_names)
        found = self._cache.get(key)
        if found is None:  # values recur across replicas, environments and ConfigMaps
            found = self._cache[key] = self._scan(text, context, service_names)
        return found

    def _scan(self, text: str, context: str | None, service_names: bool) -> list[HostRef]:
        flag = _FLAG.fullmatch(text) if text[:1] == "-" else None
        if flag and not host_context(context):  # `--db-host=x`: the value, with the flag as context
            shift = flag.start(2)
            return [r.shifted(shift) for r in self.scan(flag.group(2), flag.group(1), service_names=False)]
        known = service_names and not names_something_else(context)
        if not self._worth_scanning(text, context, known):
            return []
        return [
            ref for ref in extract_hosts(
                text, context=context, known_services=self.service_names if known else _NO_NAMES,
                namespaces=self.namespaces, cluster_domain=self.cluster_domain,
            )
            if ref.status is HostStatus.CLUSTER and (ref.via not in BARE or self._plausible(ref, text))
        ]

    def _plausible(self, ref: HostRef, text: str) -> bool:
        """Drop bare words that only look like hosts: a Service name inside free text (a title),
        a capitalised label (`Cluster`), a plain label under a weak key (`cluster: main`)."""
        if ref.via not in BARE:
            return True
        if ref.via == "known-service" and (ref.start, ref.end) != _stripped_span(text):
            return False
        if any(c.isupper() for c in ref.text):
            return False
        return not is_weak(ref) or ref.host in self.service_names

    def _worth_scanning(self, text: str, context: str | None, known: bool) -> bool:
        if not text or not _LETTER.search(text):
            return False
        if host_context(context) or _STRUCTURE.search(text) or is_service_dns_name(text.strip()):
            return True
        return known and text.lower().rstrip(".") in self.service_names


def is_weak(ref: HostRef) -> bool:
    """A bare word whose only evidence of being a host is its value (a Service's name) or a
    key as often meant otherwise: `CACHE_DRIVER=redis`, `DB_CONNECTION=mysql`, `cluster: main`.
    Such a word is a reference only to a Service of the pod's own namespace."""
    if ref.via == "known-service" and not host_context(ref.context):
        return True
    return ref.via in BARE and "." not in ref.host and _last_word(ref.context) in _WEAK_CONTEXT
