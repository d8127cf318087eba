"""Host references inside one string value (docs/dns.md, Where host names are written).

:func:`extract_hosts` finds the hosts in a value such as an env var, a container argument
or a ConfigMap entry, and returns them with the character offsets of each host in the
input, so the caller can point at the exact line and column. Recognised forms, tried in
this order on the whole value (then on each token of free text such as ``sh -c`` scripts):

URLs with a scheme (the authority read as urllib.parse does), JDBC URLs (incl. Oracle thin
and TNS descriptors), Go MySQL DSNs ``user:pw@tcp(h:3306)/db``, libpq ``host=h port=5432`` strings, host lists
``h1:9092,h2:9092``, ``host:port``, and bare host names -- the latter only with a host-like
key or flag as context, or when the value is exactly a known Service name.

The formats are read in :mod:`kdlint.dns.host_formats`; the reference type and its status
are in :mod:`kdlint.dns.host_ref`, ``$(VAR)`` expansion in :mod:`kdlint.dns.expansion`.

Every reference carries a :class:`HostStatus`; only ``CLUSTER`` ones are in-cluster
candidates. IPs, ``localhost``, templated text and names under a public TLD are returned
too, marked, so that callers can explain what they skipped.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from kdlint.dns.host_formats import (
    _BARE_HOST,
    _FILE_EXTENSIONS,
    _NO_HOST_SCHEMES,
    _NOT_HOST_WORDS_VALUES,
    _Ctx,
    _Found,
    _has_letter,
    _port,
    _value,
)
from kdlint.dns.host_ref import (
    HostRef,
    HostStatus,
    _cached_status,
    _is_non_host_context,
    _lowered,
    is_host_context,
    is_service_dns_name,
)
from kdlint.dns import DEFAULT_CLUSTER_DOMAIN

# ---- templates ---------------------------------------------------------------------------

_TEMPLATE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|%\{[^}]*\}",
    re.DOTALL,
)


def template_spans(value: str) -> list[tuple[int, int]]:
    """Spans of unexpanded template text: ``{{ }}``, ``{% %}``, ``${}``, ``$(VAR)``, ``$VAR``."""
    return [m.span() for m in _TEMPLATE.finditer(value)]


def _mask(value: str, spans: Sequence[tuple[int, int]]) -> str:
    # Template text becomes 'x' so that offsets stay valid and a templated host still
    # looks like a host; it is then marked TEMPLATE by its overlap with a span.
    chars = list(value)
    for start, end in spans:
        chars[start:end] = "x" * (end - start)
    return "".join(chars)


def extract_hosts(
    value: str,
    *,
    context: str | None = None,
    known_services: Collection[str] = (),
    namespaces: Collection[str] = (),
    cluster_domain: str = DEFAULT_CLUSTER_DOMAIN,
) -> list[HostRef]:
    """All host references in ``value``, in order of position.

    ``context`` is the env var name, ConfigMap key or flag the value belongs to (for a
    separate argument after ``--db-host``, pass ``"--db-host"``). ``known_services`` are
    Service names: a value exactly equal to one counts as a host. ``namespaces`` and
    ``cluster_domain`` decide the status of names that end in a public TLD. Names are
    compared lower-cased; a ``frozenset`` is taken as already lower-case.
    """
    known = _lowered(known_services)
    found = _simple(value, context, known)
    namespaces = _lowered(namespaces)
    if found is not None:  # one host at most, and no template text
        return [
            HostRef(value[start:end], start, end, port, scheme, via, ref_context,
                    _cached_status(value[start:end], cluster_domain, namespaces), srv)
            for start, end, port, scheme, via, ref_context, srv in found
        ]
    found, spans = _general(value, context, known)
    out = []
    previous = None
    for start, end, port, scheme, via, ref_context, srv in found:  # in order: a repeated span is adjacent
        if (start, end) == previous:
            continue
        previous = (start, end)
        text = value[start:end]
        if spans and any(s < end and start < e for s, e in spans):
            status = HostStatus.TEMPLATE
        else:
            status = _cached_status(text, cluster_domain, namespaces)
        out.append(HostRef(text, start, end, port, scheme, via, ref_context, status, srv))
    return out


def _general(value: str, context: str | None, known: frozenset[str]) -> tuple[list[_Found], list[tuple[int, int]]]:
    """(hosts in order of position, template spans) of any value."""
    spans = template_spans(value)
    ctx = _Ctx(value, _mask(value, spans), known)
    _value(ctx, 0, len(value), context, text_ok=True)
    # The same host can be found twice (a URL inside a --flag=...); keep the one with context.
    return sorted(ctx.refs, key=lambda r: (r[0], r[1], r[5] is None)), spans


# The shapes most values have, read without the general recognisers. For them, _simple returns
# exactly what _general would (tests/dns/test_hosts.py checks it); anything else goes there.
_PLAIN_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([A-Za-z0-9_.-]+)(?::(\d{1,5}))?(?:[/?#]\S*)?")
_PLAIN_HOST_PORT = re.compile(r"([A-Za-z0-9_.-]+):(\d{1,5})")


def _simple(value: str, context: str | None, known: frozenset[str]) -> list[_Found] | None:
    """The hosts of `value` when it is a single plain URL (`scheme://host[:port][/path]`),
    `host:port` or bare word, without template text; None for any other shape."""
    if "$" in value or "{" in value:
        return None  # may hold template text
    if _is_non_host_context(context):
        return []
    m = _PLAIN_URL.fullmatch(value)
    if m:
        scheme = m.group(1).lower()
        if scheme in _NO_HOST_SCHEMES:
            return []
        return [(m.start(2), m.end(2), _port(m.group(3)), scheme, "url", context, scheme == "mongodb+srv")]
    m = _PLAIN_HOST_PORT.fullmatch(value)
    if m:
        host = m.group(1)
        if not _has_letter(host) or host.lower() == "jdbc":
            return None  # `10:30` is no host; `jdbc:1` is read as a JDBC URL
        return [(0, m.end(1), _port(m.group(2)), None, "host-port", context, False)]
    if _BARE_HOST.fullmatch(value) and _has_letter(value):  # never an IP: it has a letter and no colon
        lowered = value.lower().rstrip(".")
        if lowered in known:
            return [(0, len(value), None, None, "known-service", context, False)]
        if not (is_host_context(context) or is_service_dns_name(lowered)) or lowered in _NOT_HOST_WORDS_VALUES:
            return []
        last = lowered.rsplit(".", 1)[-1]
        if "." in lowered and last in _FILE_EXTENSIONS and last not in known:
            return []
        return [(0, len(value), None, None, "bare-host", context, False)]
    return None


def cluster_candidates(value: str, **kwargs) -> list[HostRef]:
    """:func:`extract_hosts` restricted to possible in-cluster names."""
    return [r for r in extract_hosts(value, **kwargs) if r.is_cluster_candidate]
