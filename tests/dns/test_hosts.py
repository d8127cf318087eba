import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kdlint.dns import host_formats as _formats
from kdlint.dns import hosts as _hosts
from kdlint.dns.expansion import expand_env, expand_env_list
from kdlint.dns.host_ref import HostStatus, host_status, is_host_context
from kdlint.dns.hosts import cluster_candidates, extract_hosts, template_spans


def summary(value, **kwargs):
    """(text, start, port, scheme, via, status) of every reference, checking the offsets."""
    out = []
    for ref in extract_hosts(value, **kwargs):
        assert value[ref.start:ref.end] == ref.text
        out.append((ref.text, ref.start, ref.port, ref.scheme, ref.via, ref.status.value))
    return out


@pytest.mark.parametrize(
    "value, expected",
    [
        ("http://ent:8080/x", [("ent", 7, 8080, "http", "url", "cluster")]),
        ("https://API.Prod.svc.cluster.local/v1",
         [("API.Prod.svc.cluster.local", 8, None, "https", "url", "cluster")]),
        ("postgres://u:p@db.data:5432/app",
         [("db.data", 15, 5432, "postgres", "url", "external")]),
        ("redis://:s3cr@t@redis-master:6379/0",
         [("redis-master", 16, 6379, "redis", "url", "cluster")]),
        ("amqp://guest:guest@rabbitmq/",
         [("rabbitmq", 19, None, "amqp", "url", "cluster")]),
        ("mongodb://m1:27017,m2:27017,m3/db?replicaSet=rs0",
         [("m1", 10, 27017, "mongodb", "url", "cluster"),
          ("m2", 19, 27017, "mongodb", "url", "cluster"),
          ("m3", 28, None, "mongodb", "url", "cluster")]),
        ("http://[fd00::1]:8080/", [("fd00::1", 8, 8080, "http", "url", "ip")]),
        ("http://10.0.0.5/", [("10.0.0.5", 7, None, "http", "url", "ip")]),
        ("http://localhost:3000", [("localhost", 7, 3000, "http", "url", "localhost")]),
        ("http://web%2Dapi:80/", [("web%2Dapi", 7, 80, "http", "url", "cluster")]),
        ("file:///etc/hosts", []),
        ("s3://bucket/key", []),
        ("jdbc:postgresql://pg:5432/db",
         [("pg", 18, 5432, "jdbc:postgresql", "jdbc", "cluster")]),
        ("jdbc:mysql://h1,h2:3307/db",
         [("h1", 13, None, "jdbc:mysql", "jdbc", "cluster"),
          ("h2", 16, 3307, "jdbc:mysql", "jdbc", "cluster")]),
        ("jdbc:sqlserver://mssql:1433;databaseName=x",
         [("mssql", 17, 1433, "jdbc:sqlserver", "jdbc", "cluster")]),
        ("jdbc:sqlserver://;serverName=mssql;databaseName=x",
         [("mssql", 29, None, "jdbc:sqlserver", "jdbc", "cluster")]),
        ("jdbc:oracle:thin:@ora:1521:ORCL",
         [("ora", 18, 1521, "jdbc:oracle", "jdbc", "cluster")]),
        ("jdbc:oracle:thin:@//ora.db:1521/svc",
         [("ora.db", 20, 1521, "jdbc:oracle", "jdbc", "cluster")]),
        ("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=o1)(PORT=1521))"
         "(ADDRESS=(PORT=1522)(HOST=o2)))",
         [("o1", 60, 1521, "jdbc:oracle", "tns", "cluster"),
          ("o2", 101, 1522, "jdbc:oracle", "tns", "cluster")]),
        ("jdbc:h2:mem:test", []),
        ("user:pass@tcp(mysql:3306)/db?parseTime=true",
         [("mysql", 14, 3306, "tcp", "go-mysql", "cluster")]),
        ("user:pass@unix(/tmp/mysql.sock)/db", []),
        ("host=pg port=5432 dbname=x sslmode=disable",
         [("pg", 5, 5432, None, "libpq", "cluster")]),
        ("host='pg1,pg2' port=5432,5433 dbname=x",
         [("pg1", 6, 5432, None, "libpq", "cluster"),
          ("pg2", 10, 5433, None, "libpq", "cluster")]),
        ("host=/var/run/postgresql dbname=x", []),
        ("kafka-0:9092,kafka-1:9092",
         [("kafka-0", 0, 9092, None, "host-list", "cluster"),
          ("kafka-1", 13, 9092, None, "host-list", "cluster")]),
        ("zk1:2181,zk2:2181/chroot",
         [("zk1", 0, 2181, None, "host-list", "cluster"),
          ("zk2", 9, 2181, None, "host-list", "cluster")]),
        ("ent:8080", [("ent", 0, 8080, None, "host-port", "cluster")]),
        ("[::1]:6379", [("::1", 1, 6379, None, "host-port", "ip")]),
        ("10:30", []),
        ("admin@example.com", []),
        ("", []),
        ("true", []),
    ],
)
def test_extract_formats(value, expected):
    assert summary(value) == expected


def test_shell_string_with_url_and_flag():
    # 'prod' is a public TLD: api.prod is external unless a namespace prod is known
    assert extract_hosts("curl http://api.prod")[0].status is HostStatus.EXTERNAL
    value = 'sh -c "curl -fsS http://api.prod:8080/healthz && psql -h db -p 5432"'
    assert summary(value, namespaces={"prod"}) == [
        ("api.prod", 24, 8080, "http", "url", "cluster"),
        ("db", 57, None, None, "bare-host", "cluster"),
    ]
    assert extract_hosts(value)[1].context == "-h"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("--db-host=api", [("api", 10, "--db-host")]),
        ("--upstream api.prod --verbose", [("api.prod", 11, "--upstream")]),
        ("DB_HOST=pg exec app", [("pg", 8, "DB_HOST")]),
        ("-Dspring.datasource.url=jdbc:postgresql://pg/db -Dx=y",
         [("pg", 42, "-Dspring.datasource.url")]),
        ("bootstrap.servers=k1:9092,k2:9092", [("k1", 18, "bootstrap.servers"),
                                              ("k2", 26, "bootstrap.servers")]),
        ("--log-level=info --config=/etc/app.yaml", []),
    ],
)
def test_flags_and_assignments_give_context(value, expected):
    got = [(r.text, r.start, r.context) for r in extract_hosts(value)]
    assert got == expected


@pytest.mark.parametrize(
    "value, context, expected",
    [
        ("db", "DB_HOST", [("db", "bare-host")]),
        ("db", "dbHost", [("db", "bare-host")]),
        ("api", "PAYMENT_SERVICE", [("api", "bare-host")]),
        ("api.prod.", "API_ADDR", [("api.prod.", "bare-host")]),
        ("db", None, []),
        ("prod", "SERVICE_NAME", []),
        ("prod", "CLUSTER_NAME", []),
        ("none", "DB_HOST", []),
        ("app.yaml", "CONFIG_SERVER", []),
        ("m1 m2:11211", "MEMCACHED_SERVERS", [("m1", "host-list"), ("m2", "host-list")]),
        ("redis:6379", "REDIS_IMAGE", []),
        ("10.0.0.1", "DB_HOST", [("10.0.0.1", "bare-host")]),
        ("db", "--db-host", [("db", "bare-host")]),
    ],
)
def test_bare_words_need_host_context(value, context, expected):
    assert [(r.text, r.via) for r in extract_hosts(value, context=context)] == expected


def test_known_service_names_count_without_context():
    refs = extract_hosts("Ent", known_services={"ent"})
    assert [(r.text, r.host, r.via) for r in refs] == [("Ent", "ent", "known-service")]
    assert extract_hosts("ent") == []


@pytest.mark.parametrize(
    "value, status",
    [
        ("http://{{ .Values.host }}:80", HostStatus.TEMPLATE),
        ("http://api-{{ .Release.Name }}.svc:80", HostStatus.TEMPLATE),
        ("http://${API_HOST}:80", HostStatus.TEMPLATE),
        ("http://$(API_HOST):80", HostStatus.TEMPLATE),
        ("curl http://$HOST:8080/x", HostStatus.TEMPLATE),
    ],
)
def test_templates_are_never_candidates(value, status):
    [ref] = extract_hosts(value)
    assert ref.status is status
    assert cluster_candidates(value) == []


@pytest.mark.parametrize(
    "host, namespaces, status",
    [
        ("api.example.com", (), HostStatus.EXTERNAL),
        ("web.dev", (), HostStatus.EXTERNAL),  # .dev is a TLD
        ("web.dev", ("dev",), HostStatus.CLUSTER),  # ...unless a namespace dev exists
        ("web-0.web.dev", ("dev",), HostStatus.CLUSTER),
        ("ent.prod", ("prod",), HostStatus.CLUSTER),
        ("pg", (), HostStatus.CLUSTER),  # a single label is never a public name
        ("api.prod.svc.k8s.io", (), HostStatus.CLUSTER),  # custom/wrong cluster domain
        ("api.prod.svc.cluster.local", (), HostStatus.CLUSTER),
        ("api.team.internal", (), HostStatus.CLUSTER),
        ("127.0.0.1", (), HostStatus.IP),
        ("fe80::1%eth0", (), HostStatus.IP),
        ("localhost", (), HostStatus.LOCALHOST),
        ("app.localhost", (), HostStatus.LOCALHOST),
    ],
)
def test_host_status(host, namespaces, status):
    assert host_status(host, namespaces=namespaces) is status


def test_host_ref_normalisation():
    [ref] = extract_hosts("http://Ent.Prod.:8080/")
    assert (ref.text, ref.host, ref.absolute, ref.tld) == ("Ent.Prod.", "ent.prod", True, "prod")
    [srv] = extract_hosts("mongodb+srv://db.mongo.svc.cluster.local/app")
    assert srv.srv and srv.port is None


@pytest.mark.parametrize(
    "name, expected",
    [("DB_HOST", True), ("REDIS_URL", True), ("KAFKA_BOOTSTRAP_SERVERS", True),
     ("redisAddress", True), ("--db-host", True), ("-h", True), ("spring.datasource.url", True),
     ("API_HOST_NAME", True), ("SERVICE_NAME", False), ("CLUSTER_NAME", False),
     ("DB_PORT", False), ("LOG_LEVEL", False), ("", False), (None, False), ("--", False)],
)
def test_is_host_context(name, expected):
    assert is_host_context(name) is expected


def test_template_spans():
    value = "a{{ x }}b${Y}c$(Z)d$W e"
    assert [value[s:e] for s, e in template_spans(value)] == ["{{ x }}", "${Y}", "$(Z)", "$W"]


# ---- $(VAR) expansion -------------------------------------------------------------------


def test_expand_env_kubernetes_semantics():
    env = {"HOST": "api.prod", "PORT": "8080", "SECRET": None}
    assert expand_env("http://$(HOST):$(PORT)/", env).text == "http://api.prod:8080/"
    assert expand_env("$$(HOST)", env).text == "$(HOST)"  # $$ escapes
    assert expand_env("$(UNKNOWN)x", env).text == "$(UNKNOWN)x"
    assert expand_env("$(SECRET)", env).text == "$(SECRET)"
    assert expand_env("$HOST ${HOST} $(HOST", env).text == "$HOST ${HOST} $(HOST"
    assert expand_env("cost: 5$", env).text == "cost: 5$"


def test_expanded_positions_map_back_to_source():
    source = "$$x http://$(HOST):80/ http://db:5432"
    expanded = expand_env(source, {"HOST": "api.prod.svc"})
    assert expanded.text == "$x http://api.prod.svc:80/ http://db:5432"
    refs = extract_hosts(expanded.text)
    assert [(r.text, r.start) for r in refs] == [("api.prod.svc", 10), ("db", 34)]
    api, db = refs
    # the host from the literal part maps to its exact place in the source
    assert expanded.source_span(db.start, db.end) == (30, 32)
    assert source[30:32] == "db"
    # the host from the variable has no literal position; we can say which variable it is
    assert expanded.source_span(api.start, api.end) is None
    [seg] = expanded.variables_in(api.start, api.end)
    assert (seg.var, source[seg.src_start:seg.src_end]) == ("HOST", "$(HOST)")
    assert expanded.source_offset(0) == 0  # "$" of "$$"
    assert expanded.source_offset(1) == 2
    assert expanded.source_span(0, 1) == (0, 2)


def test_expand_env_list_uses_earlier_entries_only():
    entries = [("A", "x-$(B)"), ("B", "db"), ("C", "$(B).prod:$(A)"), ("D", None), ("E", "$(D)")]
    result = dict(expand_env_list(entries, base={"Z": "z"}))
    assert result["A"].text == "x-$(B)"
    assert result["C"].text == "db.prod:x-$(B)"
    assert result["D"] is None
    assert result["E"].text == "$(D)"


_HOSTS = st.from_regex(r"[a-z]([a-z0-9-]{0,8}[a-z0-9])?(\.[a-z]([a-z0-9-]{0,8}[a-z0-9])?){0,3}",
                       fullmatch=True)


@given(host=_HOSTS, port=st.integers(1, 65535), prefix=st.sampled_from(["", "x ", "GET  "]),
       scheme=st.sampled_from(["http", "https", "grpc", "redis", "postgres"]))
def test_url_host_offsets_property(host, port, prefix, scheme):
    value = f"{prefix}{scheme}://user:pw@{host}:{port}/path?q=1"
    [ref] = extract_hosts(value)
    assert ref.start == len(prefix) + len(scheme) + 3 + len("user:pw@")
    assert (ref.text, ref.port, ref.scheme) == (host, port, scheme)


@given(st.lists(st.tuples(_HOSTS, st.integers(1, 65535)), min_size=1, max_size=5))
def test_host_list_property(items):
    value = ",".join(f"{h}:{p}" for h, p in items)
    refs = extract_hosts(value)
    assert [(r.text, r.port) for r in refs] == items
    for ref in refs:
        assert value[ref.start:ref.end] == ref.text


@given(st.text(alphabet="ab$(){}x.:/ ", max_size=30))
def test_expansion_without_variables_keeps_positions(value):
    expanded = expand_env(value, {})
    for i in range(len(expanded.text)):
        src = expanded.source_offset(i)
        assert value[src] == expanded.text[i]


@given(st.text(max_size=60))
def test_extraction_never_crashes_and_offsets_hold(value):
    for ref in extract_hosts(value, context="DB_HOST"):
        assert value[ref.start:ref.end] == ref.text
        assert ref.text


# -- the fast path for plain values must read them exactly as the general recognisers do --------

_PLAIN = st.one_of(
    st.from_regex(_hosts._PLAIN_URL, fullmatch=True),
    st.from_regex(_hosts._PLAIN_HOST_PORT, fullmatch=True),
    st.from_regex(_formats._BARE_HOST, fullmatch=True),
    st.from_regex(r"(jdbc|s3|file|mongodb\+srv|HTTP)://[a-z0-9.:_-]{0,12}(/[^\s]{0,6})?", fullmatch=True),
    st.text(alphabet="ab0:/.-_@,%[]$?#;= ()'\"{}", max_size=14),
)
_CONTEXTS = st.sampled_from([None, "", "host", "DB_HOST", "PEER_URL", "--db-host", "LOG_LEVEL", "image", "API_PORT", "cluster"])


@given(_PLAIN, _CONTEXTS, st.sampled_from([frozenset(), frozenset({"api", "db", "a"})]))
@example("JDBC:5432", "DB_HOST", frozenset())
@example("10:30", "host", frozenset())
@example("http://h:123456", None, frozenset())
@example("mongodb+srv://m.example.com/db", "MONGO_URL", frozenset())
@example("db.", "DB_HOST", frozenset({"db"}))
@example("app.json", "CONFIG_URL", frozenset())
def test_plain_values_read_as_the_general_path_reads_them(value, context, known):
    simple = _hosts._simple(value, context, known)
    if simple is not None:
        assert simple == _hosts._general(value, context, known)[0]


def test_shifted_keeps_every_field():
    import dataclasses

    (ref,) = extract_hosts("redis://cache.shop:6379", context="REDIS_URL")
    assert ref.shifted(7) == dataclasses.replace(ref, start=ref.start + 7, end=ref.end + 7)
    assert ref.shifted(7).host == ref.host
