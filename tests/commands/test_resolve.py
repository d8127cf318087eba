"""`kdlint resolve`: the static nslookup, through the CLI, on the seed and on small inputs."""

from textwrap import dedent

import pytest

from harness import kdlint_cli
from paths import ROOT

SEED = str(ROOT / "fixtures" / "seed")


def resolve(*args: str, exit_code: int = 0) -> list[str]:
    """The lines `kdlint resolve ARGS` prints, after checking its exit status."""
    result = kdlint_cli("resolve", *args)
    assert result.exit_code == exit_code, result.output
    return result.stdout.splitlines()


def names_tried(lines: list[str]) -> list[str]:
    return [line.split()[1] for line in lines if line[:4].strip().rstrip(".").isdigit()]


def test_seed_short_name_resolves_in_the_pods_own_namespace():
    lines = resolve("ent", "--namespace", "dev", SEED)
    assert names_tried(lines) == ["ent.dev.svc.cluster.local."]
    assert lines[-1].startswith("answer: ent.dev.svc.cluster.local. -> Service dev/ent, ClusterIP, ports 8080")
    assert "05-service-dev.yaml:4" in lines[-1]


def test_seed_troubleshooting_lookup_of_the_kubernetes_service():
    lines = resolve("kubernetes", SEED)
    assert names_tried(lines) == ["kubernetes.default.svc.cluster.local."]
    assert "exists in every cluster" in lines[1]


def test_cross_namespace_short_name_lists_every_candidate_and_the_fix(tmp_path):
    manifest = tmp_path / "prod.yaml"
    manifest.write_text(dedent("""
        apiVersion: v1
        kind: Service
        metadata: {name: ent, namespace: prod}
        spec: {selector: {app: ent}, ports: [{port: 8080}]}
    """))
    lines = resolve("ent", "-n", "dev", str(manifest), exit_code=1)
    assert names_tried(lines) == ["ent.dev.svc.cluster.local.", "ent.svc.cluster.local.", "ent.cluster.local.", "ent."]
    assert [line.split()[2] for line in lines[1:5]] == ["NXDOMAIN", "NXDOMAIN", "NXDOMAIN", "UPSTREAM"]
    assert lines[-1] == "answer: not resolvable in the cluster; Service ent exists in namespace prod: use ent.prod.svc"
    qualified = resolve("ent.prod", "-n", "dev", str(manifest))
    assert names_tried(qualified) == ["ent.prod.dev.svc.cluster.local.", "ent.prod.svc.cluster.local."]
    assert qualified[-1].startswith("answer: ent.prod.svc.cluster.local. -> Service prod/ent")


def test_musl_stops_at_an_existing_namespace_where_glibc_goes_on(tmp_path):
    manifest = tmp_path / "ns.yaml"
    manifest.write_text("apiVersion: v1\nkind: Namespace\nmetadata: {name: vault}\n")
    glibc = resolve("vault", "-n", "dev", str(manifest), exit_code=1)
    musl = resolve("vault", "-n", "dev", "--musl", str(manifest), exit_code=1)
    assert len(names_tried(glibc)) == 4
    assert names_tried(musl) == ["vault.dev.svc.cluster.local.", "vault.svc.cluster.local."]
    assert "NODATA" in musl[2] and musl[-1].startswith("answer: none: musl stops")


def test_cluster_domain_option(tmp_path):
    lines = resolve("api.shop", "--cluster-domain", "k8s.internal", "-n", "dev", str(tmp_path), exit_code=1)
    assert names_tried(lines)[1] == "api.shop.svc.k8s.internal."


SHOP = """
apiVersion: v1
kind: Service
metadata: {name: redis-cart, namespace: shop}
spec: {selector: {app: redis-cart}, ports: [{name: tcp-redis, port: 6379}]}
"""


@pytest.fixture
def shop(tmp_path, monkeypatch):
    (tmp_path / "redis.yaml").write_text(SHOP)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_paths_reads_the_current_directory_and_says_so(shop):
    result = kdlint_cli("resolve", "redis-cart", "-n", "shop")
    assert result.exit_code == 0, result.output
    assert result.stderr == "kdlint: no paths given: reading the current directory\n"
    assert result.stdout.splitlines()[-1].startswith("answer: redis-cart.shop.svc.cluster.local. -> Service shop/redis-cart")


@pytest.mark.parametrize("address", ["redis-cart:6379", "http://redis-cart:6379/x", "redis://redis-cart.shop.svc:6379"])
def test_host_port_and_urls_resolve_the_host_and_check_the_port(shop, address):
    lines = resolve(address, "-n", "shop", ".")
    assert lines[0].startswith("resolving redis-cart")
    assert " port 6379 from a pod in namespace shop" in lines[0]
    assert lines[-1] == "port 6379: served by Service shop/redis-cart"


def test_a_port_the_service_does_not_serve_exits_1(shop):
    lines = resolve("redis-cart:6380", "-n", "shop", ".", exit_code=1)
    assert lines[-1] == "port 6380: Service shop/redis-cart has no such port (its ports: 6379)"


def test_a_name_that_does_not_resolve_exits_1_like_nslookup(shop):
    lines = resolve("redis", "-n", "shop", ".", exit_code=1)
    assert lines[-1] == "answer: not resolvable in the cluster"


def test_text_that_is_not_an_address_is_a_usage_error(shop):
    result = kdlint_cli("resolve", "a b", ".")
    assert result.exit_code == 2
    assert "`a b` is not a host name, host:port or URL" in result.stderr


def test_help_states_the_exit_status():
    result = kdlint_cli("resolve", "--help")
    assert "0 when the name resolves in the cluster" in result.output
    assert "1 when it does not" in result.output


def test_json_has_typed_steps_answer_and_port_check(shop):
    import json

    result = kdlint_cli("resolve", "redis-cart:6380", "-n", "shop", "-f", "json", ".")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["resolves"] is False
    (trace,) = document["clusters"]
    assert {k: trace[k] for k in ("name", "port", "namespace", "libc", "ndots", "service", "resolves")} == {
        "name": "redis-cart", "port": 6380, "namespace": "shop", "libc": "glibc", "ndots": 5,
        "service": {"namespace": "shop", "name": "redis-cart"}, "resolves": False}
    assert trace["search"] == ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"]
    assert trace["steps"] == [{"name": "redis-cart.shop.svc.cluster.local.", "outcome": "ANSWER",
                               "meaning": "Service 'redis-cart' in namespace 'shop' (redis.yaml:4)"}]
    assert trace["answer"].startswith("redis-cart.shop.svc.cluster.local. -> Service shop/redis-cart, ClusterIP, ports 6379")
    assert trace["port_check"] == "port 6380: Service shop/redis-cart has no such port (its ports: 6379)"
