"""The DNS part of `kdlint graph` and `kdlint endpoints`: references as edges and rows."""

import json
from textwrap import dedent

from kdlint.commands.endpoints import endpoints
from kdlint.commands.graph import graph
from kdlint.settings import Settings

INPUT = """
apiVersion: v1
kind: Service
metadata: {name: ent, namespace: prod}
spec: {selector: {app: ent}, ports: [{port: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: jump, namespace: dev}
spec:
  containers:
  - name: jump
    image: ubuntu
    env:
    - {name: ENT_URL, value: "http://ent:8080"}
    - {name: OK_URL, value: "http://ent.prod:8080"}
    - {name: LEDGER_URL, value: "http://ledger.prod.svc:80"}
"""


def write(tmp_path) -> str:
    path = tmp_path / "all.yaml"
    path.write_text(dedent(INPUT))
    return str(path)


def test_graph_has_a_dns_edge_per_service_with_the_names_written(tmp_path):
    topo = json.loads(graph([write(tmp_path)], Settings(), "json"))["clusters"][0]
    dns = {e["target"]: e for e in topo["edges"] if e["kind"] == "refers-to-dns"}
    assert dns["Service/prod/ent"]["source"] == "Pod/dev/jump"
    assert dns["Service/prod/ent"]["broken"] == "cross-namespace-short-name"
    assert [n.split(" (")[0] for n in dns["Service/prod/ent"]["names"]] == ["ent.prod:8080", "ent:8080"]
    assert dns["Service/prod/ledger"]["broken"] == "missing-service"
    assert {"id": "Service/prod/ledger", "problem": "not in the input"}.items() <= next(
        n for n in topo["nodes"] if n["id"] == "Service/prod/ledger").items()
    dot = graph([write(tmp_path)], Settings(), "dot")
    assert '"Pod/dev/jump" -> "Service/prod/ent" [label="refers-to-dns ent.prod:8080, ent:8080: cross-namespace-short-name"' in dot


def test_endpoints_lists_who_calls_each_service(tmp_path):
    rows = json.loads(endpoints([write(tmp_path)], Settings(), "json"))
    (ent,) = rows["services"]
    assert [(r["from"], r["name"], r["port"], r["problem"]) for r in ent["referenced_by"]] == [
        ("Pod/dev/jump", "ent", 8080, "cross-namespace-short-name"),
        ("Pod/dev/jump", "ent.prod", 8080, None),
    ]
    assert [r["service"] for r in rows["references_to_missing_services"]] == ["ledger"]
    text = endpoints([write(tmp_path)], Settings())
    assert "DNS REFERENCES" in text and "prod/ledger  <-  Pod/dev/jump as ledger.prod.svc:80" in text


SHORT_NAMES = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: front, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: front}}
  template:
    metadata: {labels: {app: front}}
    spec:
      containers:
        - name: front
          image: front:1
          env:
            - {name: DB_HOST, value: postgres}
            - {name: ASSISTANT_ADDR, value: "shoppingassistantservice:80"}
            - {name: CART_URL, value: "http://cart.shop.svc.cluster.local:7070"}
---
apiVersion: v1
kind: Service
metadata: {name: front, namespace: shop}
spec: {selector: {app: front}, ports: [{port: 80, targetPort: 8080}]}
"""


def test_check_endpoints_and_graph_show_the_same_references(tmp_path):
    from kdlint import engine
    from kdlint.load.sources import decode
    from kdlint.selection import Selection

    path = tmp_path / "app.yaml"
    path.write_text(SHORT_NAMES)
    report = engine.lint([decode(str(path), path.read_bytes())], Settings(), Selection(select=("KD402",)))
    reported = sorted((f.location.line, f.location.column) for f in report.findings)
    assert reported == [(15, 38), (16, 46), (17, 47)]
    listed = json.loads(endpoints([str(path)], Settings(), "json"))["references_to_missing_services"]
    assert sorted((r["line"], r["column"]) for r in listed) == reported
    assert [(r["service"], r["name"], r["port"]) for r in listed] == [
        ("cart", "cart.shop.svc.cluster.local", 7070), ("postgres", "postgres", None),
        ("shoppingassistantservice", "shoppingassistantservice", 80)]
    edges = json.loads(graph([str(path)], Settings(), "json"))["clusters"][0]["edges"]
    drawn = {e["target"]: e["broken"] for e in edges if e["kind"] == "refers-to-dns"}
    assert drawn == {"Service/shop/cart": "missing-service", "Service/shop/postgres": "missing-service",
                     "Service/shop/shoppingassistantservice": "missing-service"}
