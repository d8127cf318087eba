"""The graph never double counts: identical copies are one object, two different objects of one
name never break a rule, and KD301 names only resources that do create pods.

All inside one cluster view (`scope: run`): which files form a cluster is kdlint.units' business."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kdlint import engine
from kdlint.cli import main
from kdlint.load.sources import SourceFile
from kdlint.selection import Selection
from kdlint.settings import Settings

ONE_CLUSTER = Settings(scope="run")

APP = """\
apiVersion: apps/v1
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
          image: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: SELECTED
  ports:
    - port: 80
      targetPort: 80
"""
TWO_PORTS = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: 8080
    - name: admin
      port: 9000
      targetPort: 9000
"""


def app(selected: str = "web") -> str:
    return APP.replace("SELECTED", selected)


def lint(files: dict, select=("KD",), context: dict | None = None) -> list[tuple]:
    sources = [SourceFile(name, text, root=".") for name, text in files.items()]
    extra = [SourceFile(name, text, root=".") for name, text in (context or {}).items()]
    report = engine.lint(sources, ONE_CLUSTER, Selection(select=select), context=extra)
    return [(f.code, f.location.file, f.location.line, f.location.column, str(f.severity)) for f in report.findings]


def test_identical_copies_are_one_object_and_only_kd502_sees_the_copy():
    expected = [
        ("KD502", "a.yaml", 4, 9, "warning"),
        ("KD502", "a.yaml", 23, 9, "warning"),
        ("KD502", "b.yaml", 4, 9, "warning"),
        ("KD502", "b.yaml", 23, 9, "warning"),
    ]
    assert lint({"a.yaml": app(), "b.yaml": app()}) == expected  # was: b.yaml:25:3 KD301, KD308 on both
    assert lint({"b.yaml": app(), "a.yaml": app()}) == expected


def test_a_finding_on_copies_is_reported_once_in_a_reported_file_whatever_the_order():
    broken = app("wbe")
    kd301 = [("KD301", "a.yaml", 25, 3, "error")]
    assert lint({"a.yaml": broken, "b.yaml": broken}, select=("KD301",)) == kd301
    assert lint({"b.yaml": broken, "a.yaml": broken}, select=("KD301",)) == kd301
    assert lint({"b.yaml": broken}, select=("KD301",), context={"a.yaml": broken}) == [("KD301", "b.yaml", 25, 3, "error")]


@pytest.mark.parametrize("order", [("a.yaml", "b.yaml"), ("b.yaml", "a.yaml")])
def test_two_different_services_of_one_name_never_break_a_rule(order):
    files = {"a.yaml": app(), "b.yaml": TWO_PORTS}
    found = lint({name: files[name] for name in order})
    assert found == [
        ("KD502", "a.yaml", 23, 9, "error"),
        ("KD502", "b.yaml", 4, 9, "error"),
        ("KD305", "b.yaml", 11, 19, "info"),  # was: KD009 IndexError in KD305, or KD305 on a.yaml's declared 80
        ("KD305", "b.yaml", 14, 19, "info"),
    ]


def test_two_different_workloads_of_one_name_are_not_fighting_each_other():
    other = app().replace("image: nginx:1.27", "image: nginx:1.28")
    found = lint({"a.yaml": app(), "b.yaml": other}, select=("KD308", "KD502"))
    assert [f[:4] for f in found] == [
        ("KD502", "a.yaml", 4, 9), ("KD502", "a.yaml", 23, 9), ("KD502", "b.yaml", 4, 9), ("KD502", "b.yaml", 23, 9),
    ]


DIFFERENT_OF_EACH_KIND = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: REPLICAS
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      subdomain: db
      containers: [{name: db, image: "db:1", ports: [{containerPort: PORT, name: sql}]}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: PORT, targetPort: sql}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: db, port: {number: PORT}}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web}
spec:
  rules: [{backendRefs: [{name: db, port: PORT}]}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: db}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}, maxReplicas: REPLICAS}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  hostname: db-0
  subdomain: db
  containers:
    - name: c
      image: "c:1"
      env: [{name: DB, value: "db.default.svc.cluster.local:PORT"}, {name: OTHER, value: "http://db:PORT"}]
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: db.default.svc.cluster.local}
"""


def test_no_rule_breaks_on_two_different_objects_of_every_kind_with_one_name():
    first = DIFFERENT_OF_EACH_KIND.replace("REPLICAS", "1").replace("PORT", "5432")
    second = DIFFERENT_OF_EACH_KIND.replace("REPLICAS", "3").replace("PORT", "3306")
    for files in ({"a.yaml": first, "b.yaml": second}, {"b.yaml": second, "a.yaml": first}):
        found = lint(files, select=("KD009", "KD3", "KD4", "KD5"))
        assert [f for f in found if f[0] == "KD009"] == []
        # a reference that either Service serves is fine; the Pod's subdomain finding is real
        assert [f for f in found if f[0] != "KD502"] == [("KD312", "a.yaml", 47, 14, "warning"), ("KD312", "b.yaml", 47, 14, "warning")]


def test_endpoints_lists_each_service_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.yaml").write_text(app())
    (tmp_path / "b.yaml").write_text(app())
    result = CliRunner().invoke(main, ["endpoints", ".", "--scope", "run", "--format", "json"])
    services = [(s["namespace"], s["service"]) for s in json.loads(result.output)["services"]]
    assert services == [("default", "web")]


OPERATED = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: edge}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: edge}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "api:1"}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: web, namespace: edge}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
"""
PROMETHEUS = """\
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: web, namespace: edge}
spec: {replicas: 1}
"""


def test_kd301_names_only_resources_that_create_pods():
    source = SourceFile("edge.yaml", OPERATED, root=".")
    (kd301,) = engine.lint([source], ONE_CLUSTER, Selection(select=("KD301",))).findings
    assert (kd301.location.line, kd301.location.column, str(kd301.severity)) == (5, 3, "error")
    assert "Gateway" not in kd301.message and "may come from" not in kd301.message  # an Istio Gateway runs no pods
    source = SourceFile("edge.yaml", OPERATED + PROMETHEUS, root=".")
    (kd301,) = engine.lint([source], ONE_CLUSTER, Selection(select=("KD301",))).findings
    assert (kd301.location.line, kd301.location.column, str(kd301.severity)) == (5, 3, "warning")
    assert "pods may come from Prometheus edge/web (created by an operator, not visible here)" in kd301.message
