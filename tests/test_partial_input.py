"""The partial-input policy (README: Partial input) and which parse failures KD301 blames."""

from textwrap import dedent

import pytest

from kdlint import rules as registry
from kdlint.findings import Severity
from kdlint.selection import Selection
from kdlint.settings import Settings
from harness import lint_snippet

PARTIAL = "so it is probably only part of what runs there (lint the whole namespace, or load the rest with --context)"


def selected(*files: tuple[str, str], select: tuple[str, ...]):
    """The findings of the selected rules only (KD001/KD101 of the broken inputs are reported whatever the selection)."""
    chosen = Selection(select=select).chosen
    return [f for f in lint_snippet(*((name, dedent(text).lstrip()) for name, text in files), select=select) if chosen(registry.get(f.code).META)]


def found(*files, select):
    return [(f.code, f.location.file, f.location.line, f.location.column, f.severity) for f in selected(*files, select=select)]


INGRESS = """
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bookinfo, namespace: shop}
spec:
  rules:
    - http:
        paths:
          - path: /productpage
            pathType: Prefix
            backend:
              service: {name: productpage, port: {number: 9080}}
"""
ROUTE = """
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bookinfo, namespace: shop}
spec:
  rules:
    - backendRefs:
        - {name: productpage, port: 9080}
"""
STATEFULSET = """
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db-headless
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres}]}
"""
SUBDOMAIN = """
apiVersion: v1
kind: Pod
metadata: {name: worker, namespace: shop}
spec:
  hostname: worker
  subdomain: workers
  containers: [{name: w, image: busybox}]
"""
ENDPOINTS = """
apiVersion: v1
kind: Endpoints
metadata: {name: legacy-db, namespace: shop}
subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 5432}]}]
"""
OTHER_SERVICE = """
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{port: 80}]}
"""

CASES = [
    ("KD310", INGRESS, (11, 31), Severity.ERROR),
    ("KD311", ROUTE, (7, 18), Severity.ERROR),
    ("KD309", STATEFULSET, (5, 16), Severity.WARNING),
    ("KD312", SUBDOMAIN, (6, 14), Severity.WARNING),
    ("KD307", ENDPOINTS, (3, 18), Severity.WARNING),
]


@pytest.mark.parametrize(("code", "text", "position", "severity"), CASES, ids=[c[0] for c in CASES])
def test_a_missing_service_in_a_namespace_without_services_is_info_that_says_partial(code, text, position, severity):
    (finding,) = selected(("in.yaml", text), select=(code,))
    assert (finding.code, (finding.location.line, finding.location.column), finding.severity) == (code, position, Severity.INFO)
    assert f"the input has no Service in namespace shop at all, {PARTIAL}" in finding.message


@pytest.mark.parametrize(("code", "text", "position", "severity"), CASES, ids=[c[0] for c in CASES])
def test_a_missing_service_where_the_namespace_has_services_keeps_its_severity(code, text, position, severity):
    (finding,) = selected(("in.yaml", text), ("svc.yaml", OTHER_SERVICE), select=(code,))
    assert (finding.code, (finding.location.line, finding.location.column), finding.severity) == (code, position, severity)
    assert "only part of what runs there" not in finding.message


def test_kd402_follows_the_same_policy():
    pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: jump, namespace: shop}
    spec:
      containers:
        - name: jump
          image: busybox
          env: [{name: LEDGER_URL, value: "http://ledger.shop.svc:8080"}]
    """
    (alone,) = selected(("pod.yaml", pod), select=("KD402",))
    assert (alone.location.line, alone.location.column, alone.severity) == (8, 47, Severity.INFO)
    assert f"the input has no Service in namespace shop at all, {PARTIAL}" in alone.message
    (whole,) = selected(("pod.yaml", pod), ("svc.yaml", OTHER_SERVICE), select=("KD402",))
    assert (whole.location.line, whole.location.column, whole.severity) == (8, 47, Severity.WARNING)


# --- KD301 names a parse failure only when it could be the missing pods -------------------------

SERVICE_API = """
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{port: 80}]}
"""
BROKEN_JUMP = """
apiVersion: v1
kind: Pod
metadata: {name: jump, namespace: shop}
spec:
  containers:
    - name: jump
    image: busybox
"""
BROKEN_API = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
        image: api:1
"""
API_SERVER = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: api-server, namespace: shop}
spec:
  selector: {matchLabels: {app: api-server}}
  template:
    metadata: {labels: {app: api-server}}
    spec: {containers: [{name: api, image: "api:1"}]}
"""


def kd301(*files):
    (finding,) = selected(*files, select=("KD301",))
    assert (finding.location.file, finding.location.line, finding.location.column) == ("svc.yaml", 4, 8)
    return finding


def test_kd301_does_not_blame_a_broken_document_over_a_difference_it_found():
    message = kd301(("svc.yaml", SERVICE_API), ("deploy.yaml", API_SERVER), ("broken.yaml", BROKEN_API)).message
    assert "closest is Deployment shop/api-server" in message
    assert "could not be parsed" not in message


def test_kd301_does_not_blame_a_broken_document_without_the_selected_labels():
    (finding,) = selected(("svc.yaml", SERVICE_API), ("broken.yaml", BROKEN_JUMP), select=("KD301",))
    assert (finding.location.line, finding.location.column, finding.severity) == (4, 8, Severity.INFO)
    assert finding.message == (
        f"Service selects no pods: nothing in namespace shop has `app: api`; the input has no workload in namespace "
        f"shop at all, {PARTIAL}")
    assert finding.fix == "add the workload to the input, or correct the selector"


def test_kd301_blames_a_broken_document_that_carries_the_selected_labels_with_its_relative_path():
    finding = kd301(("svc.yaml", SERVICE_API), ("deploy/broken.yaml", BROKEN_API))
    assert finding.message.endswith("; note: the Deployment `api` in deploy/broken.yaml:2 could not be parsed, which may be the cause")
    assert finding.fix == "fix the document that does not parse, then check again"


def test_endpoints_names_the_same_parse_failures_as_kd301(tmp_path):
    import json

    from kdlint.commands.endpoints import endpoints

    (tmp_path / "svc.yaml").write_text(dedent(SERVICE_API).lstrip())
    (tmp_path / "jump.yaml").write_text(dedent(BROKEN_JUMP).lstrip())
    (row,) = json.loads(endpoints([str(tmp_path)], Settings(), "json"))["services"]
    assert (row["status"], row["reason"]) == ("none", "selects no pods")
    (tmp_path / "api.yaml").write_text(dedent(BROKEN_API).lstrip())
    (row,) = json.loads(endpoints([str(tmp_path)], Settings(), "json"))["services"]
    assert row["reason"].startswith("selects no pods; note: the Deployment `api` in ")
    assert row["reason"].endswith("api.yaml:2 could not be parsed, which may be the cause")
