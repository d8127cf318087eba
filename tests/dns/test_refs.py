import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from kdlint.dns import refs as _refs
from kdlint.dns.refs import Form, RefKind, format_ref, parse_ref


@pytest.mark.parametrize(
    "host, kind, form, service, namespace, explicit, fqdn",
    [
        ("ent", RefKind.SERVICE, Form.SHORT, "ent", "dev", False, "ent.dev.svc.cluster.local"),
        ("ent.prod", RefKind.SERVICE, Form.NAMESPACED, "ent", "prod", True,
         "ent.prod.svc.cluster.local"),
        ("ent.prod.svc", RefKind.SERVICE, Form.SVC, "ent", "prod", True,
         "ent.prod.svc.cluster.local"),
        ("ent.prod.svc.cluster.local", RefKind.SERVICE, Form.FQDN, "ent", "prod", True,
         "ent.prod.svc.cluster.local"),
        ("Ent.Prod.SVC.cluster.local.", RefKind.SERVICE, Form.FQDN, "ent", "prod", True,
         "ent.prod.svc.cluster.local"),
        ("web-0.web.prod", RefKind.ENDPOINT, Form.NAMESPACED, "web", "prod", True,
         "web-0.web.prod.svc.cluster.local"),
        ("web-0.web.prod.svc", RefKind.ENDPOINT, Form.SVC, "web", "prod", True,
         "web-0.web.prod.svc.cluster.local"),
        ("_http._tcp.web.prod.svc.cluster.local", RefKind.SRV, Form.FQDN, "web", "prod", True,
         "_http._tcp.web.prod.svc.cluster.local"),
        ("s.svc", RefKind.SERVICE, Form.NAMESPACED, "s", "svc", True,
         "s.svc.svc.cluster.local"),  # a namespace named svc
        ("x.svc.svc", RefKind.SERVICE, Form.SVC, "x", "svc", True, "x.svc.svc.cluster.local"),
    ],
)
def test_parse_forms(host, kind, form, service, namespace, explicit, fqdn):
    ref = parse_ref(host, "dev")
    assert (ref.kind, ref.form, ref.service, ref.namespace, ref.namespace_explicit) == (
        kind, form, service, namespace, explicit)
    assert ref.fqdn == fqdn
    assert ref.problems == ()


def test_srv_and_pod_fields():
    srv = parse_ref("_http._tcp.web.prod", "dev")
    assert (srv.kind, srv.port, srv.protocol, srv.service_key) == (
        RefKind.SRV, "http", "tcp", ("prod", "web"))
    pod = parse_ref("10-1-2-3.prod.pod.cluster.local", "dev")
    assert (pod.kind, pod.pod, pod.namespace, pod.service_key) == (
        RefKind.POD, "10-1-2-3", "prod", None)
    assert parse_ref("10-1-2-3.prod.pod", "dev").kind is RefKind.POD


def test_absolute_flag():
    assert parse_ref("ent.prod.svc.cluster.local.", "dev").absolute
    assert not parse_ref("ent.prod.svc.cluster.local", "dev").absolute


@pytest.mark.parametrize(
    "host, problems",
    [
        ("api.prod.svc.k8s.internal",
         ("ends in '.svc.k8s.internal' but the cluster domain is 'cluster.local'",)),
        ("ent.prod.svc.cluster",
         ("ends in '.svc.cluster' but the cluster domain is 'cluster.local'",)),
        ("prod.svc.cluster.local",
         ("names only the namespace 'prod', which has no address",)),
        ("x.cluster.local",
         ("'x.cluster.local' is under the cluster domain 'cluster.local' but the part in front "
          "of it is not 'svc' or 'pod'",)),
        ("a.b.c.d.prod.svc.cluster.local",
         ("'a.b.c.d.prod.svc.cluster.local' has 3 parts in front of the Service name; the "
          "cluster DNS allows at most 2 (endpoint, or port and protocol)",)),
        ("ent.", ("ends with a dot, so the search list is not used and the name is looked up "
                  "outside the cluster",)),
        ("ent.prod.svc.", ("ends with a dot, so the search list is not used and the name is "
                           "looked up outside the cluster",)),
        ("1api.prod", ("'1api' cannot be a Service name: it must start with a lower-case "
                       "letter",)),
        ("my_db", ("part 'my_db' contains '_', which DNS names for Services cannot contain",)),
        ("a" * 64 + ".prod",
         ("part 'aaaaaaaaaaaaaaaaaaaa'... is 64 characters; a DNS label can have at most 63",)),
        ("api..prod", ("contains an empty part ('..')",)),
    ],
)
def test_problems(host, problems):
    assert parse_ref(host, "dev").problems == problems


def test_wrong_domain_keeps_the_reading():
    ref = parse_ref("api.prod.svc.k8s.internal", "dev")
    assert ref.domain_mismatch and ref.domain == "k8s.internal"
    assert (ref.service, ref.namespace, ref.fqdn) == ("api", "prod", "api.prod.svc.cluster.local")
    assert not parse_ref("api.prod.svc.k8s.internal", "dev", "k8s.internal").domain_mismatch


def test_long_cluster_domain_makes_names_too_long():
    domain = ".".join(["d" * 60] * 3 + ["d" * 17])  # 200 characters
    assert parse_ref("s" * 40 + ".prod", "dev", domain).problems == ()  # 250 characters
    ref = parse_ref("s" * 50 + ".prod", "dev", domain)
    assert ref.problems == (
        f"its full name {ref.fqdn[:40]!r}... is {len(ref.fqdn)} characters; "
        "a DNS name can have at most 253",)


def test_other_shapes():
    assert parse_ref("api.example.com.x.y", "dev").kind is RefKind.OTHER
    assert parse_ref("a.b.c.d", "dev").kind is RefKind.OTHER


def test_format_ref():
    assert format_ref("ent", "prod", Form.SHORT) == "ent"
    assert format_ref("ent", "prod", Form.NAMESPACED) == "ent.prod"
    assert format_ref("ent", "prod", Form.SVC) == "ent.prod.svc"
    assert format_ref("ent", "prod", Form.FQDN) == "ent.prod.svc.cluster.local"
    assert format_ref("ent", "prod", Form.FQDN, cluster_domain="K8s.Example.",
                      absolute=True) == "ent.prod.svc.k8s.example."
    assert format_ref("web", "prod", Form.SVC, hostname="web-0") == "web-0.web.prod.svc"
    with pytest.raises(ValueError):
        format_ref("web", "prod", Form.SHORT, hostname="web-0")


_label = st.from_regex(r"[a-z]([a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True)
_domain = st.sampled_from(["cluster.local", "k8s", "corp.example.internal"])


@given(service=_label, namespace=_label, caller=_label, domain=_domain,
       form=st.sampled_from(list(Form)), absolute=st.booleans())
def test_service_round_trip(service, namespace, caller, domain, form, absolute):
    if form is Form.SHORT:
        namespace = caller
    name = format_ref(service, namespace, form, cluster_domain=domain, absolute=absolute)
    ref = parse_ref(name, caller, domain)
    assert (ref.kind, ref.form, ref.service, ref.namespace) == (
        RefKind.SERVICE, form, service, namespace)
    assert ref.absolute is absolute
    assert ref.fqdn == f"{service}.{namespace}.svc.{domain}"
    assert bool(ref.problems) is (absolute and form is not Form.FQDN)


@given(hostname=_label, service=_label, namespace=_label, domain=_domain,
       form=st.sampled_from([Form.NAMESPACED, Form.SVC, Form.FQDN]))
def test_endpoint_round_trip(hostname, service, namespace, domain, form):
    # h.s.svc is read as Service h in namespace s (the usual meaning), so a namespace
    # literally named svc or pod cannot be written in the 3-label endpoint form.
    assume(not (form is Form.NAMESPACED and namespace in ("svc", "pod")))
    name = format_ref(service, namespace, form, cluster_domain=domain, hostname=hostname)
    ref = parse_ref(name, "caller", domain)
    assert (ref.kind, ref.form, ref.hostname, ref.service, ref.namespace) == (
        RefKind.ENDPOINT, form, hostname, service, namespace)
    assert ref.problems == ()


# -- the fast path for plain Service names must read them exactly as the general path does ------

_LABEL = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True),
    st.sampled_from(["svc", "pod", "cluster", "local", "a", "0", "-a", "a-", "1-2-3-4", "x" * 64, "_http", "A"]),
)
_NAMES = st.lists(_LABEL, min_size=1, max_size=6).map(".".join)
_DOMAINS = st.sampled_from(["cluster.local", "k8s.example", "local", "svc.cluster.local"])


@given(_NAMES, st.sampled_from(["shop", "dev", "Prod", "a" * 70]), _DOMAINS, st.booleans())
@example("ent.prod.svc.cluster.local", "dev", "cluster.local", False)
@example("cluster.local", "dev", "cluster.local", False)
@example("a" * 60 + "." + "b" * 60 + ".svc.cluster.local", "dev", "cluster.local", False)
@example("web", "a" * 70, "c" * 120 + "." + "d" * 60, False)
@example("web.-bad", "dev", "cluster.local", False)
@example("web.bad-", "dev", "cluster.local", True)
@example("-web.shop.svc", "dev", "cluster.local", False)
@example("0web", "dev", "cluster.local", False)
@example("web.local", "dev", "local", False)
def test_plain_names_read_as_the_general_path_reads_them(name, namespace, domain, with_domain):
    name = f"{name}.svc.{domain}" if with_domain else name
    plain = _refs._plain(name, namespace, domain)
    if plain is not None:
        assert plain == _refs._parse(name, namespace, domain)
