import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kdlint.dns.candidates import Candidate, glibc_candidates, musl_candidates
from kdlint.dns.coredns import ClusterFacts, Kind, Outcome, ServiceFacts, classify, outcome
from kdlint.dns.hosts import extract_hosts
from kdlint.dns.refs import Form, format_ref
from kdlint.dns.resolv_conf import GLIBC, MUSL, DNSConfig, PodDNSContext, ResolvConf, pod_resolv_conf
from kdlint.dns.resolver import Verdict, resolve

Z = "cluster.local"
DEV = PodDNSContext("dev")


def names(cands):
    return [c.name for c in cands]


# ---- resolv.conf (§3.1) -----------------------------------------------------------------


def test_default_cluster_first_resolv_conf():
    conf = pod_resolv_conf(DEV)
    assert conf.source == "cluster"
    assert conf.render() == (
        "nameserver 10.96.0.10\n"
        "search dev.svc.cluster.local svc.cluster.local cluster.local\n"
        "options ndots:5\n"
    )
    assert conf.ndots(GLIBC) == conf.ndots(MUSL) == 5


def test_host_network_with_cluster_first_falls_back_to_default():
    pod = PodDNSContext("dev", host_network=True, host_searches=("corp.example",),
                        host_nameservers=("192.0.2.53",))
    conf = pod_resolv_conf(pod)
    assert conf.source == "host"
    assert not conf.uses_cluster_dns
    assert conf.searches == ("corp.example",)
    assert conf.ndots(GLIBC) == 1
    assert conf.notes == ("hostNetwork with dnsPolicy ClusterFirst falls back to Default",)


def test_host_network_with_cluster_first_with_host_net_uses_cluster_dns():
    pod = PodDNSContext("dev", dns_policy="ClusterFirstWithHostNet", host_network=True)
    conf = pod_resolv_conf(pod)
    assert conf.source == "cluster"
    assert conf.searches == ("dev.svc.cluster.local", "svc.cluster.local", "cluster.local")


def test_host_search_domains_follow_cluster_ones_deduplicated():
    pod = PodDNSContext("dev", host_searches=("corp.example", "cluster.local"))
    assert pod_resolv_conf(pod).searches == (
        "dev.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example")


def test_dns_config_merge():
    config = DNSConfig(
        nameservers=("10.96.0.10", "192.0.2.1"),
        searches=("extra.example.", "svc.cluster.local"),
        options=(("ndots", "2"), ("edns0", None)),
    )
    conf = pod_resolv_conf(PodDNSContext("dev", dns_config=config))
    assert conf.nameservers == ("10.96.0.10", "192.0.2.1")
    assert conf.searches == (
        "dev.svc.cluster.local", "svc.cluster.local", "cluster.local", "extra.example")
    assert conf.options == (("ndots", "2"), ("edns0", None))
    assert conf.render().splitlines()[-1] == "options ndots:2 edns0"


def test_dns_policy_none_uses_only_dns_config():
    config = DNSConfig(nameservers=("10.96.0.10",), searches=("prod.svc.cluster.local",))
    conf = pod_resolv_conf(PodDNSContext("dev", dns_policy="None", dns_config=config))
    assert conf.source == "none"
    assert conf.searches == ("prod.svc.cluster.local",)
    assert conf.options == ()
    assert conf.ndots(GLIBC) == 1


def test_search_limits_legacy_and_expanded():
    many = tuple(f"d{i}.example" for i in range(40))
    expanded = pod_resolv_conf(PodDNSContext("dev", dns_config=DNSConfig(searches=many)))
    assert len(expanded.searches) == 32
    legacy = pod_resolv_conf(PodDNSContext("dev", dns_config=DNSConfig(searches=many),
                                           expanded_dns_config=False))
    assert legacy.searches == ("dev.svc.cluster.local", "svc.cluster.local", "cluster.local",
                               "d0.example", "d1.example", "d2.example")
    assert legacy.dropped_searches[0] == "d3.example"
    too_long = "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 80
    conf = pod_resolv_conf(PodDNSContext("dev", dns_config=DNSConfig(searches=(too_long,))))
    assert conf.dropped_searches == (too_long,)


def test_ndots_parsing_differs_between_libcs():
    junk = ResolvConf("cluster", (), (), (("ndots", "abc"),))
    assert junk.ndots(GLIBC) == 0 and junk.ndots(MUSL) == 1
    assert ResolvConf("cluster", (), (), (("ndots", "40"),)).ndots(MUSL) == 15
    assert ResolvConf("cluster", (), (), (("ndots", None),)).ndots(GLIBC) == 1


def test_from_pod_spec():
    spec = {"dnsPolicy": "None", "hostNetwork": True,
            "dnsConfig": {"nameservers": ["1.1.1.1"], "searches": ["a.example"],
                          "options": [{"name": "ndots", "value": "1"}, {"name": "edns0"}]}}
    pod = PodDNSContext.from_pod_spec(spec, "dev", "k8s.local")
    assert pod == PodDNSContext("dev", dns_policy="None", host_network=True,
                                dns_config=DNSConfig(("1.1.1.1",), ("a.example",),
                                                     (("ndots", "1"), ("edns0", None))),
                                cluster_domain="k8s.local")


# ---- §3.5 worked examples: candidate order -------------------------------------------

_SEARCHED = [".dev.svc.cluster.local", ".svc.cluster.local", ".cluster.local"]


def _search_then_as_is(q):
    return [q + s for s in _SEARCHED] + [q]


WORKED_EXAMPLES = [
    # (query, glibc sequence, musl sequence)
    ("ent", _search_then_as_is("ent"), _search_then_as_is("ent")),
    ("ent.dev", _search_then_as_is("ent.dev"), _search_then_as_is("ent.dev")),
    ("ent.prod", _search_then_as_is("ent.prod"), _search_then_as_is("ent.prod")),
    ("ent.dev.svc", _search_then_as_is("ent.dev.svc"), _search_then_as_is("ent.dev.svc")),
    ("ent.dev.svc.cluster.local", _search_then_as_is("ent.dev.svc.cluster.local"),
     _search_then_as_is("ent.dev.svc.cluster.local")),
    ("ent.dev.svc.cluster.local.", ["ent.dev.svc.cluster.local"],
     ["ent.dev.svc.cluster.local"]),
    ("a.b.c.d.example.com",
     ["a.b.c.d.example.com"] + ["a.b.c.d.example.com" + s for s in _SEARCHED],
     ["a.b.c.d.example.com"]),
    ("api.example.com", _search_then_as_is("api.example.com"),
     _search_then_as_is("api.example.com")),
]


@pytest.mark.parametrize("query, glibc, musl", WORKED_EXAMPLES)
def test_worked_examples_candidate_order(query, glibc, musl):
    conf = pod_resolv_conf(DEV)
    assert names(glibc_candidates(query, conf)) == glibc
    assert names(musl_candidates(query, conf)) == musl


@pytest.mark.parametrize(
    "value, host, port",
    [("ent:8080", "ent", 8080), ("http://ent:8080/x", "ent", 8080),
     ("ent.dev.svc.cluster.local:8080", "ent.dev.svc.cluster.local", 8080)],
)
def test_worked_examples_with_ports_go_through_extraction(value, host, port):
    [ref] = extract_hosts(value)
    assert (ref.host, ref.port) == (host, port)
    conf = pod_resolv_conf(DEV)
    assert names(glibc_candidates(ref.host, conf)) == _search_then_as_is(host)


# ---- §3.5 worked examples: what each candidate means, and the answers ------------------

ENT_IN_PROD_ONLY = ClusterFacts.build(
    namespaces=["dev", "prod"], services=[ServiceFacts("ent", "prod")])
ENT_IN_DEV = ClusterFacts.build(
    namespaces=["dev", "prod"], services=[ServiceFacts("ent", "dev"), ServiceFacts("ent", "prod")])


def _trace(resolution):
    return [(s.candidate.name, s.classification.kind, s.outcome) for s in resolution.steps]


@pytest.mark.parametrize("libc", [GLIBC, MUSL])
def test_row_ent_when_service_only_in_prod_is_never_found(libc):
    r = resolve("ent", DEV, ENT_IN_PROD_ONLY).for_libc(libc)
    assert _trace(r) == [
        ("ent.dev.svc.cluster.local", Kind.SERVICE, Outcome.NXDOMAIN),
        ("ent.svc.cluster.local", Kind.NAMESPACE, Outcome.NXDOMAIN),
        ("ent.cluster.local", Kind.INVALID, Outcome.NXDOMAIN),
        ("ent", Kind.OUTSIDE, Outcome.UPSTREAM),
    ]
    assert r.answer is None
    assert r.verdict is Verdict.UPSTREAM


@pytest.mark.parametrize("libc", [GLIBC, MUSL])
def test_row_ent_resolves_in_own_namespace(libc):
    r = resolve("ent", DEV, ENT_IN_DEV).for_libc(libc)
    assert r.names == ["ent.dev.svc.cluster.local"]
    assert (r.target.service, r.target.namespace) == ("ent", "dev")
    assert r.verdict is Verdict.CLUSTER


def test_row_ent_musl_stops_on_nodata_when_namespace_ent_exists():
    cluster = ClusterFacts.build(namespaces=["dev", "ent"], services=[ServiceFacts("ent", "prod")])
    result = resolve("ent", DEV, cluster)
    assert result.musl.names == ["ent.dev.svc.cluster.local", "ent.svc.cluster.local"]
    assert result.musl.steps[-1].outcome is Outcome.NODATA
    assert result.musl.stopped_on_nodata
    assert result.musl.verdict is Verdict.NODATA
    # glibc goes on to ent.cluster.local and the as-is query
    assert result.glibc.names == _search_then_as_is("ent")
    assert result.glibc.verdict is Verdict.UPSTREAM


def test_row_ent_dev_first_try_is_endpoint_of_service_dev():
    r = resolve("ent.dev", DEV, ENT_IN_DEV).glibc
    first, second = r.steps
    assert first.classification.kind is Kind.ENDPOINT
    assert (first.classification.hostname, first.classification.service,
            first.classification.namespace) == ("ent", "dev", "dev")
    assert first.outcome is Outcome.NXDOMAIN
    assert (second.candidate.name, second.outcome) == ("ent.dev.svc.cluster.local", Outcome.ANSWER)


@pytest.mark.parametrize("libc", [GLIBC, MUSL])
def test_row_ent_prod_cross_namespace(libc):
    r = resolve("ent.prod", DEV, ENT_IN_PROD_ONLY).for_libc(libc)
    assert r.names == ["ent.prod.dev.svc.cluster.local", "ent.prod.svc.cluster.local"]
    assert (r.target.kind, r.target.service, r.target.namespace) == (Kind.SERVICE, "ent", "prod")
    assert len(r.wasted_steps) == 1


def test_row_ent_prod_hijacked_by_service_prod_in_dev():
    cluster = ClusterFacts.build(services=[
        ServiceFacts("ent", "prod"),
        ServiceFacts("prod", "dev", headless=True, endpoint_hostnames=frozenset({"ent"})),
    ])
    r = resolve("ent.prod", DEV, cluster).musl
    assert r.names == ["ent.prod.dev.svc.cluster.local"]
    assert r.target == classify("ent.prod.dev.svc.cluster.local")
    assert r.target.kind is Kind.ENDPOINT


@pytest.mark.parametrize("libc", [GLIBC, MUSL])
def test_row_ent_dev_svc(libc):
    cluster = ClusterFacts.build(namespaces=["svc"], services=[ServiceFacts("ent", "dev")])
    r = resolve("ent.dev.svc", DEV, cluster).for_libc(libc)
    assert _trace(r) == [
        ("ent.dev.svc.dev.svc.cluster.local", Kind.PORT, Outcome.NXDOMAIN),
        ("ent.dev.svc.svc.cluster.local", Kind.ENDPOINT, Outcome.NXDOMAIN),
        ("ent.dev.svc.cluster.local", Kind.SERVICE, Outcome.ANSWER),
    ]
    port = r.steps[0].classification
    assert (port.port, port.protocol, port.service, port.namespace) == ("ent", "dev", "svc", "dev")
    endpoint = r.steps[1].classification
    assert (endpoint.hostname, endpoint.service, endpoint.namespace) == ("ent", "dev", "svc")


@pytest.mark.parametrize("libc", [GLIBC, MUSL])
def test_row_fqdn_without_dot_wastes_three_queries(libc):
    r = resolve("ent.dev.svc.cluster.local", DEV, ENT_IN_DEV).for_libc(libc)
    assert [s.outcome for s in r.steps] == [Outcome.NXDOMAIN] * 3 + [Outcome.ANSWER]
    assert [s.classification.kind for s in r.steps[:3]] == [Kind.INVALID] * 3
    assert r.steps[-1].candidate == Candidate("ent.dev.svc.cluster.local")


@pytest.mark.parametrize("libc", [GLIBC, MUSL])
def test_row_fqdn_with_dot_is_one_query(libc):
    r = resolve("ent.dev.svc.cluster.local.", DEV, ENT_IN_DEV).for_libc(libc)
    assert _trace(r) == [("ent.dev.svc.cluster.local", Kind.SERVICE, Outcome.ANSWER)]


def test_row_five_dot_external_name():
    result = resolve("a.b.c.d.example.com", DEV, ENT_IN_DEV)
    assert result.musl.names == ["a.b.c.d.example.com"]
    assert result.musl.verdict is Verdict.UPSTREAM
    assert result.glibc.steps[0].outcome is Outcome.UPSTREAM
    assert [s.outcome for s in result.glibc.steps[1:]] == [Outcome.NXDOMAIN] * 3


def test_row_external_two_dots_is_offered_to_the_cluster_first():
    r = resolve("api.example.com", DEV, ENT_IN_DEV).glibc
    assert [s.classification.kind for s in r.steps] == [
        Kind.PORT, Kind.ENDPOINT, Kind.INVALID, Kind.OUTSIDE]
    # the second candidate reads as endpoint 'api' of Service 'example' in namespace 'com'
    assert (r.steps[1].classification.service, r.steps[1].classification.namespace) == (
        "example", "com")


def test_external_name_hijacked_by_tld_namespace():
    cluster = ClusterFacts.build(services=[ServiceFacts("web", "dev")])
    r = resolve("web.dev", PodDNSContext("shop"), cluster).glibc
    assert r.verdict is Verdict.CLUSTER
    assert r.answer.candidate.name == "web.dev.svc.cluster.local"


# ---- non-default policies ---------------------------------------------------------------

NDOTS1 = PodDNSContext("dev", dns_config=DNSConfig(options=(("ndots", "1"),)))


def test_ndots_1_musl_breaks_ent_prod():
    result = resolve("ent.prod", NDOTS1, ENT_IN_PROD_ONLY)
    assert result.musl.names == ["ent.prod"]
    assert result.musl.answer is None
    assert result.musl.verdict is Verdict.UPSTREAM
    assert result.glibc.names == ["ent.prod", "ent.prod.dev.svc.cluster.local",
                                  "ent.prod.svc.cluster.local"]
    assert result.glibc.verdict is Verdict.CLUSTER_AFTER_UPSTREAM
    assert result.glibc.target.namespace == "prod"


def test_ndots_1_short_name_still_searches():
    result = resolve("ent", NDOTS1, ENT_IN_DEV)
    assert result.musl.verdict is Verdict.CLUSTER
    assert result.musl.names == ["ent.dev.svc.cluster.local"]


def test_dns_policy_none_without_searches():
    pod = PodDNSContext("dev", dns_policy="None", dns_config=DNSConfig(nameservers=("10.96.0.10",)))
    result = resolve("ent", pod, ENT_IN_DEV)
    for r in (result.glibc, result.musl):
        assert r.names == ["ent"]
        assert r.verdict is Verdict.UPSTREAM


def test_dns_policy_none_with_namespace_search():
    config = DNSConfig(nameservers=("10.96.0.10",), searches=("dev.svc.cluster.local",))
    result = resolve("ent", PodDNSContext("dev", dns_policy="None", dns_config=config), ENT_IN_DEV)
    assert result.musl.verdict is Verdict.CLUSTER


@pytest.mark.parametrize("libc", [GLIBC, MUSL])
def test_host_network_cluster_first_never_reaches_cluster_dns(libc):
    pod = PodDNSContext("dev", host_network=True)
    r = resolve("ent.dev.svc.cluster.local", pod, ENT_IN_DEV).for_libc(libc)
    assert r.names == ["ent.dev.svc.cluster.local"]  # ndots 1 on the host: as-is only
    assert [s.outcome for s in r.steps] == [Outcome.UPSTREAM]
    assert r.answer is None


def test_host_network_with_host_net_policy_resolves():
    pod = PodDNSContext("dev", host_network=True, dns_policy="ClusterFirstWithHostNet")
    assert resolve("ent", pod, ENT_IN_DEV).glibc.verdict is Verdict.CLUSTER


def test_no_tld_query_option_drops_as_is_for_single_labels():
    pod = PodDNSContext("dev", dns_config=DNSConfig(options=(("no-tld-query", None),)))
    conf = pod_resolv_conf(pod)
    assert names(glibc_candidates("ent", conf)) == _search_then_as_is("ent")[:3]
    assert names(glibc_candidates("ent.prod", conf))[-1] == "ent.prod"


def test_musl_ignores_an_overlong_search_line():
    searches = tuple(f"team{i}.corp.example" for i in range(14))
    conf = pod_resolv_conf(PodDNSContext("dev", dns_config=DNSConfig(searches=searches)))
    assert len("search " + " ".join(conf.searches)) > 254
    assert names(musl_candidates("ent", conf)) == ["ent"]
    assert names(glibc_candidates("ent", conf))[0] == "ent.dev.svc.cluster.local"


def test_custom_cluster_domain():
    pod = PodDNSContext("dev", cluster_domain="k8s.example.")
    cluster = ClusterFacts.build(services=[ServiceFacts("ent", "prod")])
    r = resolve("ent.prod", pod, cluster).glibc
    assert r.answer.candidate.name == "ent.prod.svc.k8s.example"
    assert resolve("ent.prod.svc.cluster.local.", pod, cluster).glibc.verdict is Verdict.UPSTREAM


def test_case_is_ignored():
    r = resolve("ENT.Prod", DEV, ENT_IN_PROD_ONLY).musl
    assert r.verdict is Verdict.CLUSTER
    assert r.answer.candidate.name == "ent.prod.svc.cluster.local"


def test_empty_name_sends_nothing():
    assert resolve("", DEV, ENT_IN_DEV).glibc.verdict is Verdict.NO_QUERY


# ---- classification (§4.1) and outcomes ---------------------------------------------------


@pytest.mark.parametrize(
    "name, kind, fields",
    [
        ("s.n.svc.cluster.local", Kind.SERVICE, {"service": "s", "namespace": "n"}),
        ("h.s.n.svc.cluster.local", Kind.ENDPOINT, {"hostname": "h", "service": "s"}),
        ("_http._tcp.s.n.svc.cluster.local", Kind.PORT, {"port": "http", "protocol": "tcp"}),
        ("a.b.s.n.svc.cluster.local", Kind.PORT, {"port": "a", "protocol": "b"}),
        ("x.a.b.s.n.svc.cluster.local", Kind.INVALID, {}),
        ("n.svc.cluster.local", Kind.NAMESPACE, {"namespace": "n"}),
        ("svc.cluster.local", Kind.APEX, {}),
        ("pod.cluster.local", Kind.APEX, {}),
        ("cluster.local", Kind.APEX, {}),
        ("10-1-2-3.n.pod.cluster.local", Kind.POD, {"pod": "10-1-2-3", "namespace": "n"}),
        ("s.n.cluster.local", Kind.INVALID, {}),
        ("s.n.svc.other.local", Kind.OUTSIDE, {}),
        ("S.N.SVC.Cluster.Local.", Kind.SERVICE, {"service": "s", "namespace": "n"}),
    ],
)
def test_classify(name, kind, fields):
    c = classify(name, Z)
    assert c.kind is kind
    for key, value in fields.items():
        assert getattr(c, key) == value


def test_outcomes_against_facts():
    web = ServiceFacts("web", "shop", headless=True, ports=frozenset({("http", "TCP")}),
                       endpoint_hostnames=frozenset({"web-0"}))
    ext = ServiceFacts("db", "shop", type="ExternalName", external_name="db.example.com",
                       endpoint_hostnames=frozenset({"x"}))
    cluster = ClusterFacts.build(namespaces=["shop"], services=[web, ext])

    def out(name):
        return outcome(classify(name, Z), cluster)

    assert out("web.shop.svc.cluster.local") is Outcome.ANSWER
    assert out("web-0.web.shop.svc.cluster.local") is Outcome.ANSWER
    assert out("web-1.web.shop.svc.cluster.local") is Outcome.NXDOMAIN
    assert out("_http._tcp.web.shop.svc.cluster.local") is Outcome.ANSWER
    assert out("_http._udp.web.shop.svc.cluster.local") is Outcome.NXDOMAIN
    assert out("db.shop.svc.cluster.local") is Outcome.ANSWER
    assert out("x.db.shop.svc.cluster.local") is Outcome.NXDOMAIN  # ExternalName: bare name only
    assert out("shop.svc.cluster.local") is Outcome.NODATA
    assert out("nope.svc.cluster.local") is Outcome.NXDOMAIN
    assert out("web.nope.svc.cluster.local") is Outcome.NXDOMAIN
    assert out("10-1-2-3.shop.pod.cluster.local") is Outcome.NXDOMAIN  # pods disabled
    insecure = ClusterFacts.build(pods_mode="insecure")
    assert outcome(classify("10-1-2-3.shop.pod.cluster.local", Z), insecure) is Outcome.ANSWER
    assert outcome(classify("foo.shop.pod.cluster.local", Z), insecure) is Outcome.NXDOMAIN
    assert out("example.com") is Outcome.UPSTREAM


# ---- properties ---------------------------------------------------------------------------

_label = st.from_regex(r"[a-z]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
_domain = st.sampled_from(["cluster.local", "k8s", "corp.example.internal", "a.b.c.d"])


@given(svc=_label, ns=_label, caller=_label, domain=_domain,
       form=st.sampled_from(list(Form)), absolute=st.booleans())
def test_every_form_of_a_service_resolves_to_that_service(svc, ns, caller, domain, form,
                                                           absolute):
    if form is Form.SHORT:
        caller = ns
    assume(absolute is False or form is Form.FQDN)
    name = format_ref(svc, ns, form, cluster_domain=domain, absolute=absolute)
    cluster = ClusterFacts.build(namespaces=[caller], services=[ServiceFacts(svc, ns)])
    result = resolve(name, PodDNSContext(caller, cluster_domain=domain), cluster)
    for r in (result.glibc, result.musl):
        assert r.target is not None, (name, r.steps)
        assert (r.target.kind, r.target.service, r.target.namespace) == (Kind.SERVICE, svc, ns)
        assert r.answer.candidate.name == f"{svc}.{ns}.svc.{domain}"


@given(st.from_regex(r"[a-z0-9]{1,5}(\.[a-z0-9]{1,5}){0,7}\.?", fullmatch=True),
       st.integers(min_value=0, max_value=16))
def test_musl_candidates_are_glibc_or_its_first_query(name, ndots):
    conf = ResolvConf("cluster", (), ("dev.svc.cluster.local", "svc.cluster.local"),
                      (("ndots", str(ndots)),))
    glibc, musl = glibc_candidates(name, conf), musl_candidates(name, conf)
    if name.count(".") >= min(ndots, 15) or name.endswith("."):
        assert musl == glibc[:1]
        assert glibc[0].as_is
    else:
        assert musl == glibc
        assert glibc[-1].as_is
