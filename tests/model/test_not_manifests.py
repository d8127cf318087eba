"""Files that are not manifests give no finding; a Helm chart is one KD005 (kdlint.model.manifest_files)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import main

DASHBOARD = """{
  "title": "Request handling",
  "panels": [{"id": 1, "type": "graph", "targets": [{"expr": "sum(rate(x[1m]))"}],
              "$$hashKey": "object:1058", "datasource": "prometheus"}],
  "templating": {"list": [{"name": "namespace", "query": "label_values(namespace)"}]}
}
"""
OPENAPI = """openapi: 3.0.0
info: {title: shop, version: "1"}
paths:
  /cart:
    get:
      responses: {"200": {description: ok}}
components:
  schemas:
    Item: {type: object, properties: {kind: {type: string}, name: {type: string}}}
"""
PROMETHEUS = "global:\n  scrape_interval: 10s\nscrape_configs:\n- job_name: pods\n  kubernetes_sd_configs:\n  - role: pod\n"
WORKFLOW = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n    - run: make\n"
KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\n\n"
CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: b\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # stop the config search here
    return tmp_path


def write(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def check(*args):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    report = json.loads(result.output)
    findings = [(f["code"], f["file"], f["line"], f["column"]) for f in report["findings"]]
    return findings, report["summary"], result.exit_code


def test_other_formats_give_no_finding(tree):
    write(tree, {
        "dashboards/nginx.json": DASHBOARD,
        "api/openapi.yaml": OPENAPI,
        "prometheus.yaml": PROMETHEUS,
        "data.json": '[1, 2, {"a": null}]',
        "config.yml": "a: 1\n---\nb: [x, y]\n",
        "cm.yaml": CONFIGMAP,
    })
    findings, summary, code = check(".")
    assert findings == [] and code == 0
    assert (summary["files"], summary["documents"], summary["objects"]) == (6, 1, 1)


def test_files_other_tools_own_give_no_finding_even_when_named(tree):
    write(tree, {
        ".github/workflows/ci.yml": WORKFLOW,
        ".pre-commit-config.yaml": "repos:\n- repo: local\n  hooks: []\n",
        "kustomization.yaml": KUSTOMIZATION,
        "values.yaml": "replicaCount: 1\nimage: {repository: nginx}\n",
        "values-prod.yaml": "replicaCount: 3\n",
        "docker-compose.yaml": "services:\n  web: {image: nginx}\n",
    })
    findings, summary, code = check(*(str(p.relative_to(tree)) for p in sorted(tree.rglob("*.y*ml")) if ".git/" not in str(p)))
    assert findings == [] and code == 0
    assert summary["documents"] == 0


def test_a_broken_file_that_is_not_a_manifest_is_silent_but_a_broken_manifest_is_kd001(tree):
    write(tree, {
        "broken-dashboard.json": DASHBOARD.replace('"graph",', '"graph"'),
        "broken-data.yaml": "a: [1\n",
        "broken.json": '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"\n  "metadata": {"name": "x"}\n}\n',
        "broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n",
    })
    findings, _, code = check(".")
    assert findings == [("KD001", "broken.json", 4, 3), ("KD001", "broken.yaml", 3, 11)]
    assert code == 1


def test_a_manifest_attempt_keeps_kd003(tree):
    write(tree, {
        "half.yaml": "kind: ConfigMap\nmetadata:\n  name: settings\n",
        "mixed.yaml": CONFIGMAP + "---\nreplicas: 3\nimage: nginx\n---\n- a\n",
        "empty.yaml": "",
    })
    findings, _, _ = check(".")
    assert findings == [
        ("KD003", "empty.yaml", 1, 1),
        ("KD003", "half.yaml", 1, 1),
        ("KD003", "mixed.yaml", 8, 1),
        ("KD003", "mixed.yaml", 11, 1),
    ]


CHART = {
    "chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\n",
    "chart/values.yaml": "replicaCount: 1\n",
    "chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
    "chart/templates/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"shop.name\" . }}\n",
    "chart/templates/plain.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n",
    "chart/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
    "chart/charts/sub/templates/a.yaml": "kind: {{ .Values.kind }}\n",
    "chart/crds/crd.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  name: shop\n",
}


def test_a_helm_chart_is_one_kd005_at_its_chart_yaml(tree):
    write(tree, CHART)
    findings, summary, _ = check(".")
    # the duplicate key in crds/ shows those files are linted; the one in templates/ stays unread
    assert findings == [("KD005", "chart/Chart.yaml", 1, 1), ("KD002", "chart/crds/crd.yaml", 5, 3)]
    assert summary["files"] == 2


def test_templates_named_on_the_command_line_stand_for_their_chart(tree):
    write(tree, CHART)
    findings, summary, _ = check("chart/templates/deployment.yaml", "chart/templates/service.yaml", "chart/values.yaml")
    assert findings == [("KD005", "chart/Chart.yaml", 1, 1)]
    assert summary["files"] == 2


def test_the_chart_hint_names_the_chart_folder(tree):
    write(tree, CHART)
    result = CliRunner().invoke(main, ["check", "--no-show-source", "chart"])
    assert result.output.splitlines()[:2] == [
        "chart/Chart.yaml:1:1: KD005 [info] this folder is a Helm chart: its templates are not YAML until Helm "
        "renders them, so kdlint skips the chart's files (all but `crds/`)",
        "    fix: lint the rendered chart: `helm template RELEASE chart | kdlint check -`",
    ]
