"""`kdlint resolve`: the static nslookup, through the CLI, on the seed and on small inputs."""

from pathlib import Path
from textwrap import dedent

from click.testing import CliRunner

from kdlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "fixtures" / "seed")


def run(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["resolve", *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def names_tried(lines: list[str]) -> list[str]:
    return [line.split()[1] for line in lines if line[:4].strip().rstrip(".").isdigit()]


def test_seed_short_name_resolves_in_the_pods_own_namespace():
    lines = run("ent", "--namespace", "dev", SEED)
    assert names_tried(lines) == ["ent.dev.svc.cluster.local."]
    assert lines[-1].startswith("answer: ent.dev.svc.cluster.local. -> Service dev/ent, ClusterIP, ports 8080")
    assert "05-service-dev.yaml:4" in lines[-1]


def test_seed_troubleshooting_lookup_of_the_kubernetes_service():
    lines = run("kubernetes", SEED)
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
    lines = run("ent", "-n", "dev", str(manifest))
    assert names_tried(lines) == ["ent.dev.svc.cluster.local.", "ent.svc.cluster.local.", "ent.cluster.local.", "ent."]
    assert [line.split()[2] for line in lines[1:5]] == ["NXDOMAIN", "NXDOMAIN", "NXDOMAIN", "UPSTREAM"]
    assert lines[-1] == "answer: not resolvable in the cluster; Service ent exists in namespace prod: use ent.prod.svc"
    qualified = run("ent.prod", "-n", "dev", str(manifest))
    assert names_tried(qualified) == ["ent.prod.dev.svc.cluster.local.", "ent.prod.svc.cluster.local."]
    assert qualified[-1].startswith("answer: ent.prod.svc.cluster.local. -> Service prod/ent")


def test_musl_stops_at_an_existing_namespace_where_glibc_goes_on(tmp_path):
    manifest = tmp_path / "ns.yaml"
    manifest.write_text("apiVersion: v1\nkind: Namespace\nmetadata: {name: vault}\n")
    glibc = run("vault", "-n", "dev", str(manifest))
    musl = run("vault", "-n", "dev", "--musl", str(manifest))
    assert len(names_tried(glibc)) == 4
    assert names_tried(musl) == ["vault.dev.svc.cluster.local.", "vault.svc.cluster.local."]
    assert "NODATA" in musl[2] and musl[-1].startswith("answer: none: musl stops")


def test_cluster_domain_option(tmp_path):
    lines = run("api.shop", "--cluster-domain", "k8s.internal", "-n", "dev")
    assert names_tried(lines)[1] == "api.shop.svc.k8s.internal."
