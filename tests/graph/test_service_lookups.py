"""ClusterView answers every question about Services by name, indexed once per view; the rules'
"did you mean" comes from it (kdlint.suggest)."""

from harness import lint_snippet
from helpers import service, view_of

from kdlint.settings import Settings

INGRESS = """
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: shop}
spec:
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - {path: /pay, pathType: Prefix, backend: {service: {name: paymnets, port: {number: 80}}}}
          - {path: /db, pathType: Prefix, backend: {service: {name: db-2, port: {number: 80}}}}
"""
ENDPOINTS = """
apiVersion: v1
kind: Endpoints
metadata: {name: payment, namespace: shop}
subsets: []
"""
POD = """
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop}
spec:
  containers:
    - name: c
      image: example/c:1
      env:
        - {name: WEB, value: "http://web.shop.svc:80"}
"""
SERVICES = [service(name, {"app": name}) for name in ("web-svc", "payments", "db-0", "db-1")]


def test_services_by_namespace_name_and_existence():
    view = view_of(*SERVICES, service("payments", {"app": "p"}, namespace="billing"))
    assert [s.name for s in view.services("shop")] == ["web-svc", "payments", "db-0", "db-1"]
    assert view.services("nowhere") == [] and len(view.services()) == 5
    assert view.services("shop") is view.services("shop")  # indexed once, not filtered per call
    assert view.service("shop", "db-0").name == "db-0" and view.service("shop", None) is None
    assert [s.namespace for s in view.services_named("payments")] == ["billing", "shop"]
    assert view.service_exists("default", "kubernetes") and view.builtin_service("default", "kubernetes")
    assert not view.service_exists("shop", "kubernetes")
    assert view.has_namespace("billing") and not view.has_namespace("nowhere")


def test_similar_service_is_the_one_near_name():
    view = view_of(*SERVICES)
    assert view.similar_service("shop", "paymnets").name == "payments"
    assert view.similar_service("shop", "web").name == "web-svc"
    assert view.similar_service("shop", "web", ends=False) is None
    assert view.similar_service("shop", "db-2") is None  # db-0 or db-1: no guess
    assert view.similar_service("billing", "payments") is None


def test_rules_suggest_the_same_name():
    found = lint_snippet(*SERVICES, INGRESS, ENDPOINTS, POD, select=("KD307", "KD310", "KD402"), name="in/doc{}.yaml", root="in")
    # the suggestion may sit in the message or in the fix
    shown = [(f.code, f.location.file, f.location.line, f.location.column, f"{f.message} {f.fix or ''}") for f in found]
    assert [(code, file, line, column) for code, file, line, column, _ in shown] == [
        ("KD310", "in/doc4.yaml", 9, 67), ("KD310", "in/doc4.yaml", 10, 70), ("KD310", "in/doc4.yaml", 11, 69),
        ("KD307", "in/doc5.yaml", 4, 18), ("KD402", "in/doc6.yaml", 10, 38),
    ]
    texts = [text for *_, text in shown]  # the wording is the messages' business: the name suggested is ours
    assert "`web-svc`" in texts[0] and "`payments`" in texts[1] and "`payments`" in texts[3] and "`web-svc`" in texts[4]
    assert "`db-0`" not in texts[2] and "`db-1`" not in texts[2]  # db-2: db-0 or db-1, no guess


def test_the_cluster_domain_is_normalised_once_in_settings():
    assert Settings(cluster_domain="Corp.Example.").cluster_domain == "corp.example"
    assert Settings().cluster_domain == "cluster.local"
    view = view_of(service("api", {"app": "api"}), settings=Settings(cluster_domain=".K8s.Internal."))
    assert view.settings.cluster_domain == "k8s.internal"
