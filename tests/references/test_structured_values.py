"""Which values of structured data count as hosts: addresses by key or by form, never `object:1058`."""

from textwrap import dedent

from kdlint.engine import lint
from kdlint.load.sources import SourceFile
from kdlint.selection import Selection
from kdlint.settings import Settings


def found(*texts: str, select=("KD4",)):
    source = SourceFile("in/app.yaml", "---\n".join(dedent(t).lstrip() for t in texts), root="in")
    return [(f.code, f.location.line, f.location.column, str(f.severity))
            for f in lint([source], Settings(), Selection(select=select)).findings]


MOUNTED = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: grafana, namespace: monitoring}
spec:
  selector: {matchLabels: {app: grafana}}
  template:
    metadata: {labels: {app: grafana}}
    spec:
      containers:
        - name: grafana
          image: grafana/grafana
          volumeMounts: [{name: files, mountPath: /etc/files}]
      volumes: [{name: files, configMap: {name: files}}]
---
apiVersion: v1
kind: Service
metadata: {name: grafana, namespace: monitoring}
spec: {selector: {app: grafana}, ports: [{port: 3000}]}
"""


def test_dashboard_json_is_read_only_under_keys_that_hold_addresses():
    dashboard = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: files, namespace: monitoring}
    data:
      node.json: |
        {
          "panels": [
            {"$$hashKey": "object:1058", "datasource": "prometheus", "title": "CPU"},
            {"id": 2, "expr": "rate(node_cpu{instance=\\"node-exporter:9100\\"}[5m])"}
          ],
          "templating": {"list": [{"refresh": "object:1"}]},
          "links": [{"title": "logs", "url": "http://loki.logging.svc:3100"}],
          "annotations": {"source": "tempo.tracing.svc.cluster.local:3200"}
        }
    """
    assert found(dashboard, MOUNTED) == [("KD402", 12, 50, "info"), ("KD402", 13, 34, "info")]


def test_alerting_rules_yaml_does_not_turn_label_values_into_hosts():
    rules = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: files, namespace: monitoring}
    data:
      rules.yaml: |
        groups:
          - name: node
            rules:
              - alert: NodeDown
                expr: up{job="node-exporter", instance="node-exporter:9100"} == 0
                labels: {severity: critical}
                annotations:
                  summary: "instance gone:9100"
                  runbook_url: http://runbooks.monitoring.svc/node-down
    """
    assert found(rules, MOUNTED) == [("KD402", 14, 35, "warning")]


def test_a_whole_service_dns_name_is_a_reference_under_any_env_name():
    pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: app, namespace: shop}
    spec:
      containers:
        - name: app
          image: app:1
          env:
            - {name: TRACING, value: tracing.observability.svc.cluster.local}
            - {name: PEER, value: web-0.web.shop.svc}
            - {name: MODE, value: a.b.c}
            - {name: LOG_LEVEL, value: info.debug}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: api, namespace: shop}
    spec: {selector: {app: api}, ports: [{port: 80}]}
    """
    assert found(pod) == [("KD402", 9, 34, "info"), ("KD402", 10, 31, "warning")]
