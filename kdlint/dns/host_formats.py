"""The value formats a host can be written in, read into host spans (docs/dns.md, Where host names are written).

Each recogniser reads one form -- URLs with a scheme, JDBC URLs (incl. Oracle thin and TNS
descriptors), Go MySQL DSNs, libpq ``key=value`` strings, host lists and ``host:port``, bare
host names -- or free shell-like text token by token, and records what it finds on a
:class:`_Ctx`. :mod:`kdlint.dns.hosts` drives them and attaches each host's status.
"""

from __future__ import annotations

import re

from kdlint.dns.host_ref import _is_non_host_context, _looks_like_ip, is_host_context, is_service_dns_name

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
    if not (is_host_context(context) or is_service_dns_name(lowered)) or lowered in _NOT_HOST_WORDS_VALUES:
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
