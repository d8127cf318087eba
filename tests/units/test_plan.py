"""Deployment units end to end: what `kdlint check` and `kdlint units` say about a repository."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import main

ROOT = Path(__file__).resolve().parents[2]
REPOSITORY = ROOT / "fixtures" / "projects" / "repository"

WEB = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.0.0
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["findings"]


def brief(findings: list[dict]) -> list[tuple]:
    return [(f["code"], f["file"], f["line"], f["column"], tuple(f["units"])) for f in findings]


def test_an_exact_copy_of_a_file_is_a_variant_not_a_second_cluster_member(workdir):
    (workdir / "a.yaml").write_text(WEB)
    (workdir / "b.yaml").write_text(WEB)
    assert check(".") == (0, [])
    # `--scope run` keeps the old reading: one cluster, so every object is defined twice
    _, findings = check(".", "--scope", "run")
    assert {f["code"] for f in findings} == {"KD502"}


def test_two_different_objects_of_one_name_in_one_file_stay_an_error(workdir):
    (workdir / "a.yaml").write_text(WEB + "---\n" + WEB.split("---\n")[1].replace("port: 80", "port: 81"))
    code, findings = check(".")
    assert code == 1
    assert [(f["code"], f["line"]) for f in findings if f["severity"] == "error"] == [("KD502", 24), ("KD502", 35)]


def test_repository_patterns(workdir):
    shutil.copytree(REPOSITORY, workdir / "repo", ignore=shutil.ignore_patterns("expected.yaml"))
    _, findings = check("repo")
    assert brief(findings) == [
        ("KD502", "repo/apps/orders.yaml", 6, 9, ()),  # a genuine duplicate stays an error
        ("KD502", "repo/apps/payments.yaml", 4, 9, ()),
        # the base, deployed by overlay dev where `ent` does not exist, at the base's line
        ("KD401", "repo/kustomize/base/frontend.yaml", 25, 29, ("repo/kustomize/overlays/dev",)),
    ]


def test_a_finding_in_a_shared_base_is_reported_once_naming_every_unit(workdir):
    shutil.copytree(REPOSITORY / "kustomize", workdir / "k")
    frontend = workdir / "k" / "base" / "frontend.yaml"
    frontend.write_text(frontend.read_text().replace("  replicas: 2\n", "  replicas: 2\n  replica: 3\n", 1))
    _, findings = check("k", "--select", "KD202")
    assert brief(findings) == [
        ("KD202", "k/base/frontend.yaml", 9, 3, ("k/overlays/dev", "k/overlays/prod")),
    ]


def test_units_command_lists_kustomizations_variants_and_what_is_checked_together(workdir):
    shutil.copytree(REPOSITORY, workdir / "repo", ignore=shutil.ignore_patterns("expected.yaml"))
    result = CliRunner().invoke(main, ["units", "repo", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    kinds = {u["name"]: (u["kind"], u["variant_of"], u["objects"]) for u in report["units"]}
    assert kinds["repo/kustomize/overlays/dev"][0] == "kustomization"
    assert kinds["repo/kustomize/overlays/prod"][0] == "kustomization"
    assert kinds["repo/release/shop.yaml"] == ("file", None, 4)
    assert kinds["repo/services"] == ("folder", "repo/release/shop.yaml", 4)
    assert kinds["repo/providers/gcp/edge.yaml"] == ("file", "repo/providers/aws/edge.yaml", 3)
    assert "repo/kustomize/base" not in kinds  # used by the overlays, not deployed on its own
    for names in report["clusters"]:  # variants are never checked together
        assert not {"repo/release/shop.yaml", "repo/services"} <= set(names)
        assert not {"repo/providers/aws/edge.yaml", "repo/providers/gcp/edge.yaml"} <= set(names)
    text = CliRunner().invoke(main, ["units", "repo"]).output
    assert "repo/services  (folder, variant of repo/release/shop.yaml): 2 file(s), 4 object(s)" in text
    assert "repo/services/cart.yaml repeats 2 object(s) of repo/release/shop.yaml" in text


def test_endpoints_lists_each_service_once_per_unit(workdir):
    shutil.copytree(REPOSITORY, workdir / "repo", ignore=shutil.ignore_patterns("expected.yaml"))
    result = CliRunner().invoke(main, ["endpoints", "repo", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = sorted((r["unit"], r["namespace"], r["service"]) for r in json.loads(result.output)["services"])
    assert rows == [
        ("repo/bundles/app-dualstack.yaml", "api", "api"),
        ("repo/bundles/app-psa.yaml", "api", "api"),
        ("repo/bundles/app.yaml", "api", "api"),
        ("repo/kustomize/addon", "monitoring", "dashboards"),
        ("repo/kustomize/overlays/dev", "dev", "dev-frontend"),
        ("repo/kustomize/overlays/prod", "prod", "ent"),
        ("repo/kustomize/overlays/prod", "prod", "frontend"),
        ("repo/providers/aws/edge.yaml", "edge", "edge"),
        ("repo/providers/gcp/edge.yaml", "edge", "edge"),
        ("repo/release/shop.yaml", "shop", "cart"),
        ("repo/release/shop.yaml", "shop", "web"),
        ("repo/services", "shop", "cart"),
        ("repo/services", "shop", "web"),
    ]
    text = CliRunner().invoke(main, ["endpoints", "repo"]).output
    assert text.splitlines()[0].split()[:3] == ["UNIT", "NAMESPACE", "SERVICE"]


def test_pre_commit_shape_one_changed_base_file_judged_in_the_units_that_use_it(workdir):
    shutil.copytree(REPOSITORY, workdir / "repo", ignore=shutil.ignore_patterns("expected.yaml"))
    _, findings = check("--context", "repo", "repo/kustomize/base/frontend.yaml")
    assert brief(findings) == [
        ("KD401", "repo/kustomize/base/frontend.yaml", 25, 29, ("repo/kustomize/overlays/dev",)),
    ]
    # the add-on's Deployment gets its selector from `labels`: complete once rendered
    assert check("--context", "repo", "repo/kustomize/addon/dashboards.yaml") == (0, [])
