"""Host references inside one string value (spec §6.2), and ``$(VAR)`` expansion.

:func:`extract_hosts` finds the hosts in a value such as an env var, a container argument
or a ConfigMap entry, and returns them with the character offsets of each host in the
input, so the caller can point at the exact line and column. Recognised forms, tried in
this order on the whole value (then on each token of free text such as ``sh -c`` scripts):

URLs with a scheme (the authority read as urllib.parse does), JDBC URLs (incl. Oracle thin
and TNS descriptors), Go MySQL DSNs ``user:pw@tcp(h:3306)/db``, libpq ``host=h port=5432`` strings, host lists
``h1:9092,h2:9092``, ``host:port``, and bare host names -- the latter only with a host-like
key or flag as context, or when the value is exactly a known Service name.

Every reference carries a :class:`HostStatus`; only ``CLUSTER`` ones are in-cluster
candidates. IPs, ``localhost``, templated text and names under a public TLD are returned
too, marked, so that callers can explain what they skipped.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from urllib.parse import unquote

from kdlint.dns.names import DEFAULT_CLUSTER_DOMAIN, is_public_tld, normalize_domain, public_tld


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


# ---- parsing helpers ---------------------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_SCHEME_IN_TEXT = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*)://")
_NO_HOST_SCHEMES = {"file", "s3", "s3a", "s3n", "gs", "unix", "data", "jar", "hdfs+unix"}
_NETLOC_END = re.compile(r"[/?#;\\\s'\"<>`]")
_HOST_CHARS = r"[A-Za-z0-9_.%-]+"
_HOST_PORT = re.compile(
    rf"(?P<host>\[[0-9A-Za-z:.%]+\]|{_HOST_CHARS}):(?P<port>\d{{1,5}})(?P<path>/\S*)?"
)
_BARE_HOST = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?"
)
_NOT_HOST_WORDS_VALUES = {
    "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "enabled", "disabled",
    "auto", "default", "n/a",
}
_FILE_EXTENSIONS = {
    "json", "yaml", "yml", "xml", "conf", "cfg", "ini", "toml", "txt", "log", "pem", "crt",
    "key", "sock", "properties", "jar", "war", "sh", "py", "js", "csv", "pid", "env", "lock",
    "tmp", "html", "db", "sqlite",
}
_GO_MYSQL = re.compile(r"(?:[^\s@'\"]*@)?(?P<net>tcp|tcp4|tcp6|udp)\((?P<addr>[^)\s]*)\)")
_LIBPQ_PAIR = re.compile(r"(?P<key>[A-Za-z_]+)\s*=\s*(?P<val>'(?:[^'\\]|\\.)*'|[^\s']*)")
_LIBPQ_PAIR_SHAPE = r"[A-Za-z_]+\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s']*)"
_LIBPQ = re.compile(rf"\s*{_LIBPQ_PAIR_SHAPE}(?:\s+{_LIBPQ_PAIR_SHAPE})*\s*")
_TNS_HOST = re.compile(r"\(\s*HOST\s*=\s*(?P<host>[^)\s]+)\s*\)", re.IGNORECASE)
_TNS_PORT = re.compile(r"\(\s*PORT\s*=\s*(?P<port>\d+)\s*\)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s'\"`;|&()<>]+")
_JDBC_IN_TEXT = re.compile(r"jdbc:[^\s'\"`]+", re.IGNORECASE)
_URL_END = re.compile(r"[\s'\"<>`]")


def _port(text: str | None) -> int | None:
    if text and text.isdigit() and 0 <= int(text) <= 65535:
        return int(text)
    return None


def _has_letter(host: str) -> bool:
    return re.search(r"[A-Za-z]", host) is not None


_IP_CHARS = re.compile(r"\[?[0-9.]+(%.*)?\]?|.*:.*")  # IPv4 digits and dots; IPv6 has a colon


def _looks_like_ip(host: str) -> bool:
    if not _IP_CHARS.fullmatch(host):  # most hosts: no exception raised and caught
        return False
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        return True
    except ValueError:
        return False


_Found = tuple  # (start, end, port, scheme, via, context, srv): a HostRef without its status


class _Ctx:
    """Extraction settings and the results collected so far."""

    __slots__ = ("source", "masked", "known_services", "refs")

    def __init__(self, source: str, masked: str, known_services: frozenset[str]) -> None:
        self.source = source  # the original input (not masked)
        self.masked = masked
        self.known_services = known_services
        self.refs: list[_Found] = []

    def add(self, start: int, end: int, via: str, *, port=None, scheme=None,
            context=None, srv=False) -> None:
        # Strip IPv6 brackets from the reported span; the host is what is inside.
        if end - start >= 2 and self.masked[start] == "[" and self.masked[end - 1] == "]":
            start, end = start + 1, end - 1
        if end <= start:
            return
        self.refs.append((start, end, port, scheme, via, context, srv))


def _split_host_port(text: str, offset: int) -> tuple[int, int, int | None]:
    """(host start, host end, port) of ``host[:port]`` / ``[v6]:port`` at ``offset``."""
    if text.startswith("["):
        close = text.find("]")
        if close != -1:
            rest = text[close + 1 :]
            port = _port(rest[1:]) if rest.startswith(":") else None
            return offset, offset + close + 1, port
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return offset, offset + len(host), _port(port)
    return offset, offset + len(text), None  # no port, or a bare IPv6 address


def _host_list(ctx: _Ctx, start: int, end: int, via: str, *, scheme=None, context=None,
               srv=False) -> None:
    """Comma-separated ``host[:port]`` items in masked[start:end]."""
    pos = start
    for item in ctx.masked[start:end].split(","):
        if item.strip():
            lead = len(item) - len(item.lstrip())
            hs, he, port = _split_host_port(item.strip(), pos + lead)
            ctx.add(hs, he, via, port=port, scheme=scheme, context=context, srv=srv)
        pos += len(item) + 1


# ---- recognisers (each returns True when it consumed the value) ----------------------


def _netloc_end(masked: str, start: int, end: int) -> int:
    m = _NETLOC_END.search(masked, start, end)
    return m.start() if m else end


def _url(ctx: _Ctx, start: int, end: int, context: str | None) -> bool:
    m = _SCHEME.match(ctx.masked, start, end)
    if not m:
        return False
    scheme = m.group(1).lower()
    if scheme in _NO_HOST_SCHEMES:
        return True
    netloc_start = m.end()
    # The authority ends where urllib.parse.urlsplit ends it (/ ? #), or earlier at text
    # that cannot be part of it; scanning for that end directly is what urlsplit would do.
    netloc_end = _netloc_end(ctx.masked, netloc_start, end)
    _netloc(ctx, netloc_start, netloc_end, "url", scheme, context)
    return True


def _netloc(ctx: _Ctx, start: int, end: int, via: str, scheme: str | None,
            context: str | None) -> None:
    at = ctx.masked.rfind("@", start, end)
    hosts_start = at + 1 if at != -1 else start
    _host_list(ctx, hosts_start, end, via, scheme=scheme, context=context,
               srv=scheme == "mongodb+srv")


def _jdbc(ctx: _Ctx, start: int, end: int, context: str | None) -> bool:
    text = ctx.masked[start:end]
    if not text.lower().startswith("jdbc:"):
        return False
    sep = text.find("://")
    at = text.find("@")
    if sep != -1 and (at == -1 or sep < at):
        scheme = "jdbc:" + text[5:sep].lower()
        netloc_start = start + sep + 3
        netloc_end = _netloc_end(ctx.masked, netloc_start, end)
        before = len(ctx.refs)
        _netloc(ctx, netloc_start, netloc_end, "jdbc", scheme, context)
        if len(ctx.refs) == before:  # jdbc:sqlserver://;serverName=h;...
            m = re.search(r";\s*server[Nn]ame\s*=\s*([^;\s]+)", ctx.masked[start:end])
            if m:
                ctx.add(start + m.start(1), start + m.end(1), "jdbc", scheme=scheme,
                        context=context)
        return True
    if at != -1:  # jdbc:oracle:thin:@...
        scheme = "jdbc:" + text[5:].split(":", 1)[0].lower()
        body = start + at + 1
        if ctx.masked.startswith("//", body):
            _netloc(ctx, body + 2, _netloc_end(ctx.masked, body + 2, end), "jdbc", scheme,
                    context)
        elif ctx.masked.startswith("(", body):
            _tns(ctx, body, end, context, scheme)
        else:  # host:port:SID or host:port/service
            m = re.match(rf"({_HOST_CHARS})(?::(\d+))?", ctx.masked[body:end])
            if m and m.group(1):
                ctx.add(body, body + len(m.group(1)), "jdbc", port=_port(m.group(2)),
                        scheme=scheme, context=context)
        return True
    return True  # jdbc:h2:mem:, jdbc:sqlite:... have no host


def _tns(ctx: _Ctx, start: int, end: int, context: str | None, scheme: str | None) -> bool:
    region = ctx.masked[start:end]
    if not re.search(r"\(\s*(DESCRIPTION|ADDRESS)", region, re.IGNORECASE):
        return False
    for address in re.finditer(r"\(\s*ADDRESS\s*=.*?\)\s*\)", region, re.IGNORECASE | re.DOTALL):
        body = address.group()
        h = _TNS_HOST.search(body)
        if h:
            p = _TNS_PORT.search(body)
            hs = start + address.start() + h.start("host")
            ctx.add(hs, hs + len(h.group("host")), "tns", port=_port(p and p.group("port")),
                    scheme=scheme, context=context)
    return True


def _go_mysql(ctx: _Ctx, start: int, end: int, context: str | None) -> bool:
    m = _GO_MYSQL.match(ctx.masked, start, end)
    if not m or not m.group("addr"):
        return bool(m)
    hs, he, port = _split_host_port(m.group("addr"), m.start("addr"))
    ctx.add(hs, he, "go-mysql", port=port, scheme=m.group("net"), context=context)
    return True


def _libpq(ctx: _Ctx, start: int, end: int, context: str | None) -> bool:
    text = ctx.masked[start:end]
    if not _LIBPQ.fullmatch(text):
        return False
    values = {p.group("key").lower(): p for p in _LIBPQ_PAIR.finditer(text)}
    if "host" not in values:
        return False
    host = values["host"]
    vs, ve = host.span("val")
    if text[vs:ve].startswith("'"):
        vs, ve = vs + 1, ve - 1
    ports = []
    if "port" in values:
        ports = [_port(p.strip(" '")) for p in values["port"].group("val").split(",")]
    pos = start + vs
    for index, item in enumerate(text[vs:ve].split(",")):
        if item and not item.startswith(("/", "@")):  # Unix socket directories
            port = ports[min(index, len(ports) - 1)] if ports else None
            ctx.add(pos, pos + len(item), "libpq", port=port, context=context)
        pos += len(item) + 1
    return True


def _host_ports(ctx: _Ctx, start: int, end: int, context: str | None) -> bool:
    """``h:p``, ``h1:p,h2:p[/chroot]`` (and, with host context, ``h1,h2`` or ``h1 h2``)."""
    text = ctx.masked[start:end]
    path = re.search(r"/\S*$", text)
    body_end = end - (len(path.group()) if path else 0)
    body = ctx.masked[start:body_end]
    separators = r"[,\s]+" if is_host_context(context) else r","
    items = [i for i in re.split(separators, body) if i]
    if not items:
        return False
    with_port = [_HOST_PORT.fullmatch(i) for i in items]
    if all(with_port):
        hosts = [m.group("host") for m in with_port]
        if not all(_has_letter(h) or _looks_like_ip(h) for h in hosts):
            return False  # 10:30, 1:2
        via = "host-list" if len(items) > 1 else "host-port"
    elif is_host_context(context) and len(items) > 1 and not path:
        if not all(_BARE_HOST.fullmatch(i) and _has_letter(i) or _HOST_PORT.fullmatch(i)
                   for i in items):
            return False
        via = "host-list"
    else:
        return False
    for m in re.finditer(r"[^,\s]+", body):
        hs, he, port = _split_host_port(m.group(), start + m.start())
        ctx.add(hs, he, via, port=port, context=context)
    return True


def _bare(ctx: _Ctx, start: int, end: int, context: str | None) -> bool:
    text = ctx.masked[start:end]
    if _looks_like_ip(text):
        if is_host_context(context):
            ctx.add(start, end, "bare-host", context=context)
            return True
        return False
    if not _BARE_HOST.fullmatch(text) or not _has_letter(text):
        return False
    lowered = text.lower().rstrip(".")
    if lowered in ctx.known_services:
        ctx.add(start, end, "known-service", context=context)
        return True
    if not is_host_context(context) or lowered in _NOT_HOST_WORDS_VALUES:
        return False
    last = lowered.rsplit(".", 1)[-1]
    if "." in lowered and last in _FILE_EXTENSIONS and last not in ctx.known_services:
        return False  # `app.json`, unless `.db` is a Service (`db-0.db`: a pod behind it)
    ctx.add(start, end, "bare-host", context=context)
    return True


def _value(ctx: _Ctx, start: int, end: int, context: str | None, *, text_ok: bool) -> None:
    """Recognise masked[start:end] as one value; fall back to free text if ``text_ok``."""
    raw = ctx.masked[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    if start >= end or _is_non_host_context(context):
        return
    spaced = _SPACE.search(ctx.masked, start, end) is not None
    for recogniser in (_url, _jdbc, _go_mysql, _libpq, _host_ports, _bare):
        # a URL followed by more words is free text: reading it as one URL loses the rest
        if spaced and recogniser in _SINGLE_TOKEN:
            continue
        if recogniser(ctx, start, end, context):
            return
    if _tns(ctx, start, end, context, None):
        return
    if text_ok:
        _text(ctx, start, end, context)


_SINGLE_TOKEN = (_url, _go_mysql, _bare)
_SPACE = re.compile(r"\s")


def _text(ctx: _Ctx, start: int, end: int, context: str | None) -> None:
    """Free text: URLs, JDBC URLs and Go DSNs anywhere, then token by token."""
    taken: list[tuple[int, int]] = []
    for pattern, recogniser in (
        (_JDBC_IN_TEXT, _jdbc),
        (_SCHEME_IN_TEXT, None),
        (_GO_MYSQL, _go_mysql),
    ):
        for m in pattern.finditer(ctx.masked, start, end):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if recogniser is None:  # a URL runs to the next space or quote
                url_end = _URL_END.search(ctx.masked, m.start(), end)
                span = (m.start(), url_end.start() if url_end else end)
                _url(ctx, *span, None)
            else:
                span = m.span()
                recogniser(ctx, *span, None)
            taken.append(span)
    tokens = [m for m in _TOKEN.finditer(ctx.masked, start, end)
              if not any(s <= m.start() < e for s, e in taken)]
    pending_flag: str | None = None
    for m in tokens:
        token, ts, te = m.group(), m.start(), m.end()
        if pending_flag is not None and not token.startswith("-"):
            _value(ctx, ts, te, pending_flag, text_ok=False)
            pending_flag = None
            continue
        pending_flag = None
        key, eq, _ = token.partition("=")
        if eq and key and re.fullmatch(r"-{0,2}[A-Za-z_][A-Za-z0-9_.-]*", key):
            _value(ctx, ts + len(key) + 1, te, key, text_ok=False)
        elif token.startswith("-") and is_host_context(token):
            pending_flag = token
        else:
            _value(ctx, ts, te, None, text_ok=False)


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
        if not is_host_context(context) or lowered in _NOT_HOST_WORDS_VALUES:
            return []
        last = lowered.rsplit(".", 1)[-1]
        if "." in lowered and last in _FILE_EXTENSIONS and last not in known:
            return []
        return [(0, len(value), None, None, "bare-host", context, False)]
    return None


def cluster_candidates(value: str, **kwargs) -> list[HostRef]:
    """:func:`extract_hosts` restricted to possible in-cluster names."""
    return [r for r in extract_hosts(value, **kwargs) if r.is_cluster_candidate]


# ---- $(VAR) expansion ----------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A piece of the expanded text and where it came from in the source.

    ``var`` is set for a substituted ``$(VAR)``; ``$$`` gives a 1-character piece for a
    2-character source span; literal text maps one to one.
    """

    out_start: int
    out_end: int
    src_start: int
    src_end: int
    var: str | None = None


@dataclass(frozen=True)
class Expanded:
    text: str
    source: str
    segments: tuple[Segment, ...]

    def _segment_at(self, out_index: int) -> Segment | None:
        for seg in self.segments:
            if seg.out_start <= out_index < seg.out_end:
                return seg
        return None

    def source_offset(self, out_index: int) -> int | None:
        """Source offset of an expanded character, None if it came from a variable."""
        seg = self._segment_at(out_index)
        if seg is None or seg.var is not None:
            return None
        if seg.src_end - seg.src_start != seg.out_end - seg.out_start:  # "$$"
            return seg.src_start
        return seg.src_start + (out_index - seg.out_start)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Source span of expanded text[start:end] when all of it is literal, else None."""
        if end <= start or any(self.source_offset(i) is None for i in range(start, end)):
            return None
        last = self._segment_at(end - 1)
        if last.src_end - last.src_start != last.out_end - last.out_start:  # ends in "$$"
            return self.source_offset(start), last.src_end
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def variables_in(self, start: int, end: int) -> tuple[Segment, ...]:
        """The substituted variables overlapping expanded text[start:end]."""
        return tuple(s for s in self.segments
                     if s.var is not None and s.out_start < end and start < s.out_end)


def expand_env(value: str, env: Mapping[str, str | None]) -> Expanded:
    """Expand ``$(VAR)`` like the kubelet does for env values, command and args.

    ``$$`` becomes ``$``; ``$(VAR)`` of a variable in ``env`` becomes its value; unknown
    variables, and variables whose value is None (not knowable statically, e.g. from a
    Secret), stay literally ``$(VAR)``; any other ``$`` is kept.
    """
    out: list[str] = []
    segments: list[Segment] = []
    i = literal_start = 0
    out_len = 0

    def flush_literal(upto: int) -> None:
        nonlocal out_len
        if upto > literal_start:
            piece = value[literal_start:upto]
            segments.append(Segment(out_len, out_len + len(piece), literal_start, upto))
            out.append(piece)
            out_len += len(piece)

    while i < len(value):
        if value[i] != "$" or i + 1 >= len(value):
            i += 1
            continue
        nxt = value[i + 1]
        if nxt == "$":
            flush_literal(i)
            segments.append(Segment(out_len, out_len + 1, i, i + 2))
            out.append("$")
            out_len += 1
            i += 2
            literal_start = i
            continue
        if nxt == "(":
            close = value.find(")", i + 2)
            name = value[i + 2 : close] if close != -1 else None
            if name is not None and env.get(name) is not None:
                flush_literal(i)
                substituted = env[name]
                segments.append(Segment(out_len, out_len + len(substituted), i, close + 1, name))
                out.append(substituted)
                out_len += len(substituted)
                i = close + 1
                literal_start = i
                continue
        i += 1
    flush_literal(len(value))
    return Expanded("".join(out), value, tuple(segments))


def expand_env_list(
    entries: Sequence[tuple[str, str | None]],
    base: Mapping[str, str | None] | None = None,
) -> list[tuple[str, Expanded | None]]:
    """Expand a container's ``env`` list in order: each value sees the entries before it
    (and ``base``, e.g. variables from ``envFrom``). A None value (``valueFrom``) is
    unknown: it stays None and references to it stay literal."""
    known: dict[str, str | None] = dict(base or {})
    result: list[tuple[str, Expanded | None]] = []
    for name, value in entries:
        if value is None:
            known[name] = None
            result.append((name, None))
            continue
        expanded = expand_env(value, known)
        known[name] = expanded.text
        result.append((name, expanded))
    return result
