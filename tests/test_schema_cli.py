"""The command line's schema options: --kubernetes-version and --schema-dir (and the config key)."""

import json

import pytest

from kdlint.schema.store import shipped_versions
from harness import kdlint_cli as run

HPA = "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: d}\n  maxReplicas: 3\n"
GADGET = "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {colour: red}\n"
GADGET_SCHEMA = {"type": "object", "properties": {"spec": {"type": "object", "properties": {"color": {"type": "string"}}}}}


@pytest.mark.parametrize("version", ["1.24", "1.2", "latest", "v1"])
def test_unknown_kubernetes_version_exits_2_naming_the_shipped_versions(workdir, version):
    (workdir / "hpa.yaml").write_text(HPA)
    result = run("check", "hpa.yaml", "--kubernetes-version", version)
    assert result.exit_code == 2
    assert "shipped schema versions: " + ", ".join(shipped_versions()) in result.output


def test_kubernetes_version_picks_the_newest_shipped_not_newer(workdir):
    (workdir / "hpa.yaml").write_text(HPA)
    assert run("check", "hpa.yaml", "--select", "KD2", "--kubernetes-version", "1.25.4").exit_code == 0
    newer = run("check", "hpa.yaml", "--select", "KD2", "--kubernetes-version", "1.26", "--format", "json")
    assert newer.exit_code == 1
    (finding,) = json.loads(newer.output)["findings"]
    assert finding["code"] == "KD204" and "removed in Kubernetes 1.26" in finding["message"]
    assert run("check", "hpa.yaml", "--select", "KD2", "--kubernetes-version", "1.99").exit_code == 1  # the newest


def test_kubernetes_version_from_the_config_file(workdir):
    (workdir / "hpa.yaml").write_text(HPA)
    (workdir / ".kdlint.yaml").write_text('kubernetes-version: "1.25"\n')
    assert run("check", "hpa.yaml", "--select", "KD2").exit_code == 0


def test_schema_dir_from_the_command_line(workdir):
    (workdir / "schemas").mkdir()
    (workdir / "schemas" / "gadget-example-v1.json").write_text(json.dumps(GADGET_SCHEMA))
    (workdir / "gadget.yaml").write_text(GADGET)
    result = run("check", "gadget.yaml", "--schema-dir", "schemas", "--select", "KD2")
    assert result.exit_code == 1
    assert "gadget.yaml:4:8: KD202 [error] unknown field `colour` in spec; did you mean `color`?" in result.output


def test_schema_dirs_in_the_config_file_are_relative_to_it(workdir):
    (workdir / "deploy" / "schemas" / "example.com").mkdir(parents=True)
    (workdir / "deploy" / "schemas" / "example.com" / "gadget_v1.json").write_text(json.dumps(GADGET_SCHEMA))
    (workdir / "deploy" / ".kdlint.yaml").write_text("schema-dirs: [schemas]\n")
    (workdir / "gadget.yaml").write_text(GADGET)
    result = run("check", "gadget.yaml", "--config", "deploy/.kdlint.yaml", "--select", "KD2")
    assert result.exit_code == 1 and "KD202" in result.output


def test_missing_schema_dir_is_a_config_error(workdir):
    (workdir / "gadget.yaml").write_text(GADGET)
    result = run("check", "gadget.yaml", "--schema-dir", "nowhere")
    assert result.exit_code == 2
    assert "kdlint: error: schema directory nowhere does not exist" in result.output


def test_invalid_json_in_a_schema_dir_is_a_config_error_naming_the_file(workdir):
    (workdir / "schemas").mkdir()
    (workdir / "schemas" / "gadget-example-v1.json").write_text('{"type": "object",}')
    (workdir / "gadget.yaml").write_text(GADGET)
    result = run("check", "gadget.yaml", "--schema-dir", "schemas")
    assert result.exit_code == 2
    assert "schemas/gadget-example-v1.json:1:19: invalid JSON in a schema directory" in result.output
