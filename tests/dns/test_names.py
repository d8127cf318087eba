import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kdlint.dns import names
from kdlint.dns.names import (
    cluster_domain_problems,
    dns1035_label,
    dns1123_label,
    dns1123_subdomain,
    fqdn,
    is_in_domain,
    is_public_tld,
    label_key,
    label_value,
    labels_before_domain,
    normalize_domain,
    port_name,
    port_number,
    public_tld,
)


@pytest.mark.parametrize(
    "value, problems",
    [
        ("a", []),
        ("web-1", []),
        ("1abc", []),  # DNS-1123 labels may start with a digit
        ("a" * 63, []),
        ("", ["must not be empty"]),
        ("a" * 64, ["is 64 characters; the limit is 63"]),
        ("Web", ["contains upper-case letters ('W'), which are not allowed"]),
        ("api_v2", ["contains '_', which is not allowed"]),
        ("-web", ["must start with a lower-case letter or digit"]),
        ("web-", ["must end with a lower-case letter or digit"]),
        ("a.b", ["must not contain dots"]),
        ("a b", ["contains characters that are not allowed: ' '"]),
    ],
)
def test_dns1123_label(value, problems):
    assert dns1123_label(value) == problems


@pytest.mark.parametrize(
    "value, problems",
    [
        ("api", []),
        ("twofa-service", []),
        ("1api", ["must start with a lower-case letter"]),
        ("2fa-service", ["must start with a lower-case letter"]),
        ("Api", ["contains upper-case letters ('A'), which are not allowed"]),
        ("api_v2", ["contains '_', which is not allowed"]),
        ("a" * 64, ["is 64 characters; the limit is 63"]),
    ],
)
def test_dns1035_label_service_names(value, problems):
    assert dns1035_label(value) == problems


def test_generate_name_allows_trailing_dash():
    assert dns1035_label("web-", generate_name=True) == []
    assert dns1035_label("web-") == ["must end with a lower-case letter or digit"]
    assert dns1123_subdomain("my.app-", generate_name=True) == []


@pytest.mark.parametrize(
    "value, problems",
    [
        ("my-app.v1", []),
        ("a" * 100, []),  # no per-label limit in IsDNS1123Subdomain
        ("a" * 254, ["is 254 characters; the limit is 253"]),
        ("a..b", ["must not contain an empty part ('..')"]),
        ("a.-b", ["each dot-separated part must start and end with a letter or digit"]),
        (".a", ["must start with a lower-case letter or digit"]),
        ("My.App", ["contains upper-case letters ('A', 'M'), which are not allowed"]),
    ],
)
def test_dns1123_subdomain(value, problems):
    assert dns1123_subdomain(value) == problems


@pytest.mark.parametrize(
    "value, problems",
    [
        ("example.com", []),
        ("example.com.", []),
        ("db", ["must have at least two dot-separated parts (for example 'example.com')"]),
        ("a" * 64 + ".com", ["part 'aaaaaaaaaaaaaaaaaaaa'... is 64 characters; the limit is 63"]),
        ("", ["must not be empty"]),
    ],
)
def test_fqdn(value, problems):
    assert fqdn(value) == problems


@pytest.mark.parametrize(
    "value, problems",
    [
        ("http", []),
        ("http-metrics", []),
        ("h2c", []),
        ("http_api", ["contains '_', which is not allowed"]),
        ("a" * 16, ["is 16 characters; the limit is 15"]),
        ("8080", ["must contain at least one letter"]),
        ("a--b", ["must not contain two hyphens in a row ('--')"]),
        ("-http", ["must not start or end with '-'"]),
        ("HTTP", ["contains upper-case letters ('H', 'P', 'T'), which are not allowed"]),
        ("80-80", ["must contain at least one letter"]),
    ],
)
def test_port_name(value, problems):
    assert port_name(value) == problems


@pytest.mark.parametrize(
    "value, problems",
    [
        ("app", []),
        ("app.kubernetes.io/name", []),
        ("example.com/My_Key.1", []),
        ("a/b/c", ["must contain at most one '/' (an optional prefix, then the name)"]),
        ("/name", ["the prefix before '/' must not be empty"]),
        ("Example.com/name", ["the prefix contains upper-case letters ('E'), which are not allowed"]),
        ("app-", ["the name part must end with a letter or digit"]),
        ("x/", ["the name part must not be empty"]),
        ("a" * 64, ["the name part is 64 characters; the limit is 63"]),
    ],
)
def test_label_key(value, problems):
    assert label_key(value) == problems


@pytest.mark.parametrize(
    "value, problems",
    [
        ("", []),
        ("v1.2_3-A", []),
        ("-a", ["must start with a letter or digit"]),
        ("a b", ["contains characters that are not allowed: ' '"]),
        ("a" * 64, ["is 64 characters; the limit is 63"]),
    ],
)
def test_label_value(value, problems):
    assert label_value(value) == problems


def test_port_number():
    assert port_number(80) == []
    assert port_number(0) == ["is 0; a port must be between 1 and 65535"]
    assert port_number(65536) == ["is 65536; a port must be between 1 and 65535"]
    assert port_number(True) == ["must be a whole number"]


def test_trailing_newline_is_not_accepted():
    # Python's '$' would accept "web\n"; the Go regexes do not.
    assert dns1123_label("web\n") != []


# Reference predicates straight from the apimachinery regexes (§1.1).
_ALPHABET = st.text(alphabet="abz09-._AZ/ \n", max_size=70)


@given(_ALPHABET)
def test_dns1123_label_agrees_with_regex(value):
    ok = re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", value) and len(value) <= 63
    assert (dns1123_label(value) == []) == bool(ok)


@given(_ALPHABET)
def test_dns1035_label_agrees_with_regex(value):
    ok = re.fullmatch(r"[a-z]([-a-z0-9]*[a-z0-9])?", value) and len(value) <= 63
    assert (dns1035_label(value) == []) == bool(ok)


@given(st.text(alphabet="ab09-.A_", max_size=260))
def test_dns1123_subdomain_agrees_with_regex(value):
    label = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    ok = re.fullmatch(rf"{label}(\.{label})*", value) and len(value) <= 253
    assert (dns1123_subdomain(value) == []) == bool(ok)


@given(st.text(alphabet="ab09-_A.", max_size=20))
def test_port_name_agrees_with_definition(value):
    ok = (
        re.fullmatch(r"[-a-z0-9]+", value)
        and re.search(r"[a-z]", value)
        and "--" not in value
        and not value.startswith("-")
        and not value.endswith("-")
        and len(value) <= 15
    )
    assert (port_name(value) == []) == bool(ok)


@given(st.text(alphabet="aZ09-_. /", max_size=70))
def test_label_value_agrees_with_regex(value):
    ok = re.fullmatch(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", value) and len(value) <= 63
    assert (label_value(value) == []) == bool(ok)


@given(st.text(alphabet="aZ09-_./", max_size=80))
def test_label_key_agrees_with_definition(value):
    name_re = r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    parts = value.split("/")
    if len(parts) == 1:
        ok = re.fullmatch(name_re, value) and len(value) <= 63
    elif len(parts) == 2:
        prefix, name = parts
        ok = (prefix and dns1123_subdomain(prefix) == []
              and re.fullmatch(name_re, name) and len(name) <= 63)
    else:
        ok = False
    assert (label_key(value) == []) == bool(ok)


@pytest.mark.parametrize(
    "label, expected",
    [("com", True), ("io", True), ("dev", True), ("app", True), ("prod", True),
     ("COM", True), ("xn--p1ai", True), ("рф", True),
     ("local", False), ("svc", False), ("cluster", False), ("internal", False),
     ("default", False), ("", False), ("example.com", False)],
)
def test_is_public_tld(label, expected):
    assert is_public_tld(label) is expected


def test_public_tld():
    assert public_tld("api.example.COM.") == "com"
    assert public_tld("ent.prod.svc.cluster.local") is None
    assert public_tld("") is None


def test_tld_list_is_reasonably_complete():
    assert len(names.PUBLIC_TLDS) > 1400
    assert {"com", "net", "org", "de", "uk", "jp", "cloud", "network"} <= names.PUBLIC_TLDS


def test_cluster_domain_helpers():
    assert normalize_domain(" Cluster.Local. ") == "cluster.local"
    assert cluster_domain_problems("cluster.local") == []
    assert cluster_domain_problems("") == ["the cluster domain must not be empty"]
    assert cluster_domain_problems("k8s_cluster") == [
        "contains '_', which is not allowed"
    ]
    assert cluster_domain_problems("svc.example") == [
        "contains a 'svc' or 'pod' part, which makes in-cluster names ambiguous"
    ]
    assert is_in_domain("a.b.svc.Cluster.Local.", "cluster.local")
    assert not is_in_domain("a.xcluster.local", "cluster.local")
    assert labels_before_domain("a.b.svc.cluster.local", "cluster.local.") == ["a", "b", "svc"]
    assert labels_before_domain("cluster.local", "cluster.local") == []
    assert labels_before_domain("a.example.com", "cluster.local") is None
