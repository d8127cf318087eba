"""The run cache: an unchanged rerun reads the whole report back, and any change runs again."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint import engine
from kdlint.cli import main

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
"""
DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: web:1
          ports: [{name: http, containerPort: 8080}]
"""
MISINDENTED = """apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
   b: "2"
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KDLINT_CACHE_DIR", raising=False)
    (tmp_path / ".git").mkdir()  # the config search stops here
    app = tmp_path / "app"
    (app / "base").mkdir(parents=True)
    (app / "base" / "web.yaml").write_text(SERVICE + "---\n" + DEPLOYMENT, encoding="utf-8")
    (app / "base" / "kustomization.yaml").write_text("resources: [web.yaml]\n", encoding="utf-8")
    (app / "dev").mkdir()
    (app / "dev" / "kustomization.yaml").write_text("namespace: dev\nresources: [../base]\n", encoding="utf-8")
    (tmp_path / "misindented.yaml").write_text(MISINDENTED, encoding="utf-8")
    return tmp_path


def check(*args, fmt="json"):
    result = CliRunner().invoke(main, ["check", *args, "--format", fmt, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if fmt == "json" else result.output


@pytest.fixture
def no_engine(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the rules ran again")

    def forbid():
        monkeypatch.setattr(engine, "lint_with_plan", refuse)

    return forbid


def codes(report) -> list:
    return [(f["code"], f["file"], f["line"], f["column"]) for f in report["findings"]]


def test_an_unchanged_rerun_reads_the_report_back_without_running_rules(project, no_engine):
    cold_json, cold_text = check("."), check(".", fmt="text")
    assert ("KD101", "misindented.yaml", 7, 4) in codes(cold_json)
    assert any(f.get("autofix") for f in cold_json["findings"])  # machine fixes survive the cache too
    no_engine()
    assert check(".") == cold_json
    assert check(".", fmt="text") == cold_text  # source lines shown from the files read this run


def test_any_change_runs_the_rules_again(project):
    cold = check(".")
    (project / "app" / "base" / "web.yaml").write_text(SERVICE.replace("targetPort: http", "targetPort: htp") + "---\n" + DEPLOYMENT,
                                                       encoding="utf-8")
    edited = check(".")
    assert ("KD304", "app/base/web.yaml", 7, 34) in codes(edited) and edited != cold
    assert check(".", "--select", "KD1") != edited  # other rules: another entry
    assert codes(check(".", "--select", "KD1")) == [("KD101", "misindented.yaml", 7, 4)]


def test_a_base_outside_the_checked_folder_is_watched(project, no_engine):
    dev = project / "app" / "dev"
    (dev / "kustomization.yaml").write_text("namespace: dev\nresources: [../base]\npatches: [{path: port.yaml}]\n", encoding="utf-8")
    (dev / "port.yaml").write_text(SERVICE.split("spec:")[0] + "spec:\n  ports: [{port: 80, targetPort: web}]\n", encoding="utf-8")
    cold = check("app/dev")
    assert codes(cold) == [("KD304", "app/dev/port.yaml", 6, 34)]  # the base's container port is named http
    base = project / "app" / "base" / "web.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("name: http", "name: web"), encoding="utf-8")
    edited = check("app/dev")  # the base is not among the run's files, yet its change is seen
    assert codes(edited) == []
    no_engine()
    assert check("app/dev") == edited


def test_entries_name_no_file_of_the_run(project):
    check(".")
    for shard in (project / ".kdlint_cache").glob("*.kdc"):
        data = shard.read_bytes()
        assert b"misindented" not in data and str(project).encode() not in data


def test_a_run_that_crashed_is_not_kept(project, monkeypatch):
    from kdlint.rules.endpoints import kd304_target_port_unresolved as rule

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(rule, "check", broken)
    assert any(f["code"] == "KD009" for f in check(".")["findings"])
    monkeypatch.undo()
    monkeypatch.chdir(project)
    assert not any(f["code"] == "KD009" for f in check(".")["findings"])


def test_no_cache_and_stdin_still_work(project):
    cold = check(".", "--no-cache")
    assert codes(cold) == codes(check("."))
    text = Path(project / "misindented.yaml").read_text()
    result = CliRunner().invoke(main, ["check", "-", "--format", "json", "--fail-on", "never"], input=text)
    assert [f["code"] for f in json.loads(result.output)["findings"]] == ["KD101"]
    result = CliRunner().invoke(main, ["check", "-", "--format", "json", "--fail-on", "never"], input=text)
    assert [f["code"] for f in json.loads(result.output)["findings"]] == ["KD101"]
