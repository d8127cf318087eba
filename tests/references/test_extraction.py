"""Reference extraction over manifests: where hosts hide (§6) and the exact line and column of
each one, for every way a value can be written."""

from textwrap import dedent

from kdlint.dns_index import dns_index
from kdlint.engine import load
from kdlint.graph import build_views
from kdlint.load.sources import SourceFile
from kdlint.settings import Settings

PEERS = """
---
apiVersion: v1
kind: Service
metadata: {name: ent, namespace: prod}
spec: {selector: {app: ent}, ports: [{port: 8080}]}
"""


def references(text: str, settings: Settings | None = None):
    settings = settings or Settings()
    source = SourceFile("in/app.yaml", dedent(text), root="in")
    (view,) = build_views(load([source], settings), settings, dns=dns_index)
    return view.dns


def found(text: str) -> list[tuple]:
    """(line, column, host text, field, context) of every reference, in input order."""
    lines = dedent(text).split("\n")
    result = []
    for ref in references(text).references:
        line, column = ref.position
        if ref.variable is None:
            assert lines[line - 1][column - 1:].startswith(ref.text), (ref, lines[line - 1])
        result.append((line, column, ref.text, ref.field, ref.host.context))
    return result


def deployment(container: str, pod: str = "", namespace: str = "dev") -> str:
    """A Deployment whose container gets the `container` lines and whose pod spec the `pod` lines."""
    body = dedent(container).strip("\n").replace("\n", "\n        ")
    pod_body = dedent(pod).strip("\n").replace("\n", "\n      ")
    return f"""
apiVersion: apps/v1
kind: Deployment
metadata: {{name: web, namespace: {namespace}}}
spec:
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - name: web
        image: web:1
        {body}
      {pod_body}
"""


def test_env_values_in_every_scalar_style():
    text = deployment('''
        env:
        - name: PLAIN_URL
          value: http://ent.prod:8080/x
        - name: DOUBLE_URL
          value: "see \\"docs\\" http://ent.prod:8080"
        - name: SINGLE_URL
          value: 'it''s http://ent.prod:8080'
        - name: BLOCK_URLS
          value: |
            first: http://ent.prod:8080
            second: http://ent.prod:9090
        - name: FOLDED_URLS
          value: >
            http://ent.prod:8080
            and http://ent.prod:9090
        - name: MULTI_LINE_PLAIN_URL
          value: one two
            http://ent.prod:8080
    ''') + PEERS
    assert [(line, column, text) for line, column, text, _, _ in found(text)] == [
        (15, 25, "ent.prod"),
        (17, 39, "ent.prod"),
        (19, 32, "ent.prod"),
        (22, 27, "ent.prod"),
        (23, 28, "ent.prod"),
        (26, 20, "ent.prod"),
        (27, 24, "ent.prod"),
        (30, 20, "ent.prod"),
    ]


def test_bare_words_need_host_context_or_a_service_name():
    text = deployment('''
        env:
        - {name: DB_HOST, value: postgres}
        - {name: LOG_LEVEL, value: info}
        - {name: CACHE_TYPE, value: ent}
        - {name: UPSTREAM, value: ent}
        - {name: PEER, value: ent}
    ''') + PEERS
    assert [(t, ctx) for _, _, t, _, ctx in found(text)] == [("postgres", "DB_HOST"), ("ent", "UPSTREAM"), ("ent", "PEER")]


def test_dollar_variables_expand_from_earlier_entries_and_point_at_the_definition():
    text = deployment('''
        env:
        - {name: ENT_HOST, value: ent.prod}
        - name: ENT_URL
          value: "http://$(ENT_HOST):8080"
        - name: POD_NAMESPACE
          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        - name: SELF_URL
          value: "http://web.$(POD_NAMESPACE).svc:80"
        args: ["--target=$(ENT_HOST)"]
    ''') + PEERS
    refs = references(text).references
    by_where = {(r.where, r.text): (r.position, r.host.port, r.variable) for r in refs}
    assert by_where[("env ENT_HOST of container web", "ent.prod")] == ((14, 35), None, None)
    assert by_where[("env ENT_URL of container web", "ent.prod")] == ((14, 35), 8080, "ENT_HOST")
    assert by_where[("args[0] of container web", "ent.prod")] == ((14, 35), None, "ENT_HOST")
    # partly from a variable: the host as expanded, placed where it starts in the source
    assert by_where[("env SELF_URL of container web", "web.dev.svc")] == ((20, 26), 80, "POD_NAMESPACE")


def test_args_flags_and_shell_scripts():
    text = deployment('''
        command: ["sh", "-c", "until nc -z ent.prod 8080; do sleep 1; done; exec app --db=postgres://db.prod:5432/x"]
        args: ["--db-host", "ent.prod", "--upstream=ent.prod:8080", "--name", "ent", "serve"]
    ''') + PEERS
    got = [(line, column, t, field, ctx) for line, column, t, field, ctx in found(text)]
    assert got == [
        (13, 102, "db.prod", "command", "--db"),  # a URL inside `sh -c`; `nc -z ent.prod` has no host context
        (14, 30, "ent.prod", "args", "--db-host"),
        (14, 53, "ent.prod", "args", "--upstream"),
    ]
    assert not any(t == "ent" and field == "args" for _, _, t, field, _ in got), "positional words are not hosts"


def test_probe_and_lifecycle_hosts():
    text = deployment('''
        readinessProbe:
          httpGet: {host: ent.prod, port: 8080, path: /}
        lifecycle:
          preStop:
            httpGet: {host: localhost, port: 8080}
    ''') + PEERS
    assert [(line, t, field) for line, _, t, field, _ in found(text)] == [(14, "ent.prod", "probe")]


def test_configmaps_and_secrets_the_pod_reads():
    text = deployment('''
        env:
        - name: DB
          valueFrom: {configMapKeyRef: {name: settings, key: DATABASE_HOST}}
        envFrom:
        - configMapRef: {name: settings}
        - secretRef: {name: creds}
    ''', pod='''
        volumes:
        - name: files
          configMap: {name: files, items: [{key: app.yaml, path: config.yaml}]}
    ''') + """
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: dev}
data:
  DATABASE_HOST: db.prod
  API_URL: http://api.prod:80
---
apiVersion: v1
kind: ConfigMap
metadata: {name: files, namespace: dev}
data:
  app.yaml: |
    server:
      upstream: http://ent.prod:8080
    brokers:
      - kafka-0.kafka.prod:9092
  ignored.yaml: "upstream: http://other.prod"
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: dev}
stringData:
  REDIS_URL: redis://:secret@cache.dev:6379/0
---
apiVersion: v1
kind: ConfigMap
metadata: {name: unused, namespace: dev}
data:
  URL: http://never.read:80
""" + PEERS
    got = {(t, line, column) for line, column, t, _, _ in found(text)}
    assert got == {
        ("db.prod", 28, 18), ("api.prod", 29, 19), ("ent.prod", 37, 24), ("kafka-0.kafka.prod", 39, 9), ("cache.dev", 46, 30),
    }


def test_host_aliases_ips_templates_and_public_names_are_not_references():
    text = deployment('''
        env:
        - {name: A_URL, value: "http://10.0.0.1:80"}
        - {name: B_URL, value: "https://api.github.com"}
        - {name: C_URL, value: "http://{{ .Values.host }}:80"}
        - {name: D_HOST, value: legacy-db}
    ''', pod='''
        hostAliases:
        - ip: 10.0.0.9
          hostnames: [legacy-db]
    ''')
    assert found(text) == []


def test_external_names_and_services_called_by_api_objects():
    text = """
apiVersion: v1
kind: Service
metadata: {name: db, namespace: app}
spec: {type: ExternalName, externalName: postgres.data.svc.cluster.local}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: hooks}
webhooks:
- name: check.example.com
  clientConfig: {service: {namespace: app, name: webhook, port: 8443}}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
spec: {service: {namespace: kube-system, name: metrics-server}}
"""
    dns = references(text)
    assert [(r.text, r.field, r.position) for r in dns.references] == [("postgres.data.svc.cluster.local", "external-name", (5, 42))]
    assert [(r.what, r.namespace, r.name, r.port, r.port_given) for r in dns.service_refs] == [
        ("webhook check.example.com", "app", "webhook", 8443, True),
        ("APIService v1beta1.metrics.k8s.io", "kube-system", "metrics-server", 443, False),
    ]


NEEDLES = PEERS + """
---
apiVersion: v1
kind: ConfigMap
metadata: {name: conf, namespace: dev}
data:
  DB_URL: "postgres://db.Prod:5432/x"
  app.yaml: |
    upstream: http://ent.prod:8080
    redis_host: redis.dev:6379
---""" + deployment("""
args: ["--peer=http://ent.PROD:8080", "--log=info"]
envFrom: [{configMapRef: {name: conf}}]
env:
  - {name: ZONE, value: prod}
  - {name: PEER_URL, value: "http://ent.$(ZONE):8080"}
  - {name: API_URL, value: "http://api.d%65v:80"}  # `dev` once decoded
  - {name: CACHE_URL, value: "redis://cache.dev:6379"}
readinessProbe: {httpGet: {host: ent.prod, port: 8080}}
""")


def test_a_needle_leaves_out_only_values_whose_hosts_cannot_contain_it():
    def key(ref):
        return ref.text, ref.path, ref.offset, ref.field, ref.where, ref.variable

    index = references(NEEDLES)
    every = index.references
    assert {"ent.PROD", "ent.prod", "db.Prod", "redis.dev", "cache.dev", "api.d%65v"} <= {r.text for r in every}
    for needle in ("prod", "dev", "ent", "api", "zone", "nothing"):
        found = index._collect(index.view.sources(), [], needle)[0]
        assert [key(r) for r in found if needle in r.name] == [key(r) for r in every if needle in r.name and r.consumer]
        assert {key(r) for r in found} <= {key(r) for r in every}
    assert len(index._collect(index.view.sources(), [], "prod")[0]) < len(every)  # some values were not scanned
