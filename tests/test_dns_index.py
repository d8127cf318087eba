"""The DNS index of a cluster: ClusterFacts read from the input, and REFERS_TO_DNS edges."""

from textwrap import dedent

from kdlint.dns.coredns import Kind
from kdlint.engine import load
from kdlint.dns_index import dns_edges, dns_index
from kdlint.graph import build_views
from kdlint.graph.build import EdgeKind
from kdlint.load.sources import SourceFile
from kdlint.settings import Settings

INPUT = """
apiVersion: v1
kind: Service
metadata: {name: ent, namespace: prod}
spec: {selector: {app: ent}, ports: [{name: http, port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: dev}
spec: {clusterIP: None, selector: {app: db}, ports: [{name: pg, port: 5432}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: dev}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres}]}
---
apiVersion: v1
kind: Pod
metadata: {name: worker, namespace: dev, labels: {app: db}}
spec: {hostname: w1, subdomain: db, containers: [{name: w, image: w}]}
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
    - {name: PG_HOST, value: db-0.db}
    - {name: MISSING_URL, value: "http://ledger.prod.svc:80"}
"""


def view():
    settings = Settings()
    loaded = load([SourceFile("in/all.yaml", dedent(INPUT), root="in")], settings)
    (result,) = build_views(loaded, settings, extra_edges=dns_edges, dns=dns_index)
    return result


def test_facts_know_services_namespaces_and_endpoint_hostnames():
    facts = view().dns.facts
    assert facts.namespace_exists("prod") and facts.namespace_exists("kube-system")
    db = facts.service("dev", "db")
    assert db.headless and db.ports == frozenset({("pg", "TCP")})
    assert db.endpoint_hostnames == frozenset({"db-0", "db-1", "w1"})
    assert facts.service("default", "kubernetes") is not None  # every cluster has it


def test_resolution_uses_the_pods_namespace():
    dns = view().dns
    by_text = {r.text: r for r in dns.references}
    assert not dns.resolution(by_text["ent"]).glibc.resolved
    assert dns.resolution(by_text["ent.prod"]).glibc.target.kind is Kind.SERVICE
    assert dns.resolution(by_text["db-0.db"]).glibc.target.kind is Kind.ENDPOINT


def test_references_become_edges_to_the_services_they_name():
    graph = view().graph
    edges = {
        (source, target): data["broken"]
        for source, target, data in graph.edges(data=True) if data["kind"] is EdgeKind.REFERS_TO_DNS
    }
    assert edges == {
        (("Pod", "dev", "jump"), ("Service", "prod", "ent")): "cross-namespace-short-name",
        (("Pod", "dev", "jump"), ("Service", "dev", "db")): None,
        (("Pod", "dev", "jump"), ("Service", "prod", "ledger")): "missing-service",
    }
    data = graph.get_edge_data(("Pod", "dev", "jump"), ("Service", "prod", "ent"))[EdgeKind.REFERS_TO_DNS]
    assert [ref.text for ref in data["refs"]] == ["ent", "ent.prod"]
    assert graph.nodes[("Service", "prod", "ledger")]["missing"]


def test_references_are_collected_once_per_cluster_and_only_for_rules_that_read_them(monkeypatch):
    import kdlint.dns_index as dns_module
    from kdlint.engine import lint
    from kdlint.selection import Selection

    calls = []
    collect = dns_module.collect
    monkeypatch.setattr(dns_module, "collect", lambda *args: calls.append(1) or collect(*args))
    sources = [SourceFile("in/all.yaml", dedent(INPUT), root="in")]

    lint(sources, Settings(), Selection(select=("KD501", "KD502", "KD505", "KD506", "KD507")))
    assert calls == []  # the name rules that ask only about Services extract nothing
    lint(sources, Settings(), Selection(select=("KD4", "KD5")))
    assert calls == [1]  # every DNS and name rule shares one extraction


WORDS = """
apiVersion: v1
kind: Service
metadata: {name: api, namespace: dev}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: dev}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: prod}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: urls, namespace: web}
data: {API: "http://api.DEV:80"}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: jobs}
data: {DB: ZGIuZGV2}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reader, namespace: web}
spec:
  selector: {matchLabels: {app: reader}}
  template:
    metadata: {labels: {app: reader}}
    spec: {containers: [{name: r, image: r, envFrom: [{configMapRef: {name: urls}}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: bystander, namespace: web}
spec:
  selector: {matchLabels: {app: bystander}}
  template:
    metadata: {labels: {app: bystander}}
    spec: {containers: [{name: b, image: b, env: [{name: U, value: "http://cart.prod:80"}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: decoder, namespace: jobs}
spec:
  selector: {matchLabels: {app: decoder}}
  template:
    metadata: {labels: {app: decoder}}
    spec:
      containers:
        - {name: d, image: d, envFrom: [{secretRef: {name: creds}}], env: [{name: U, value: "http://cart.prod:80"}]}
---
apiVersion: v1
kind: Secret
metadata: {name: tokens, namespace: jobs}
stringData: {URL: "http://api.dev:80"}
---
apiVersion: batch/v1
kind: Job
metadata: {name: worker, namespace: jobs}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: w
          image: w
          env: [{name: URL, valueFrom: {secretKeyRef: {name: tokens, key: URL}}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: expander, namespace: shop}
spec:
  selector: {matchLabels: {app: expander}}
  template:
    metadata: {labels: {app: expander}}
    spec:
      containers:
        - name: e
          image: e
          env:
            - {name: HOST, value: cart.de}
            - {name: URL, value: "http://$(HOST)v:80"}  # no string of the spec holds `dev`
            - {name: OTHER, value: "http://cart.prod:80"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: plain, namespace: shop}
spec:
  selector: {matchLabels: {app: plain}}
  template:
    metadata: {labels: {app: plain}}
    spec: {containers: [{name: p, image: p, env: [{name: U, value: "http://cart.shop:80"}]}]}
"""


def test_pod_references_with_a_word_are_those_of_all_references_without_scanning_every_pod():
    from kdlint.graph.subjects import dotted_relative_by_last_label

    def view():
        settings = Settings()
        return build_views(load([SourceFile("in/a.yaml", WORDS, root="in")], settings), settings, dns=dns_index)[0]

    partial, whole = view().dns, view().dns
    everything = dotted_relative_by_last_label(whole.pod_references)
    assert sorted(everything) == ["dev", "prod", "shop"]
    scanned = partial.pod_references_with("dev")
    # not `plain` (no `dev`, no variable), nor `bystander`, which reads no ConfigMap or Secret holding
    # it, nor `decoder`: a Secret's base64 `data` is not scanned for hosts
    assert {r.consumer.obj.name for r in scanned} == {"reader", "worker", "expander"}
    for label in ("dev", "prod", "shop"):
        found = dotted_relative_by_last_label(view().dns.pod_references_with(label))
        assert [r.text for r in found.get(label, [])] == [r.text for r in everything[label]]
    for label in ("dev", "prod", "shop", "none"):  # grouped once after a whole collection, per word before
        expected = [r.text for r in everything.get(label, [])]
        assert [r.text for r in view().dns.dotted_ending_in(label)] == expected
        assert [r.text for r in whole.dotted_ending_in(label)] == expected


CASES = """
apiVersion: v1
kind: Service
metadata: {name: Api, namespace: Dev}
spec: {type: ExternalName, externalName: api.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: dev}
spec: {clusterIP: None, ports: [{name: grpc, port: 90, protocol: udp}, {port: 91}]}
---
apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec: {ports: [{name: web, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: nameless}
"""


def test_facts_are_read_per_service_on_demand_and_agree_with_the_input():
    settings = Settings()
    loaded = load([SourceFile("in/a.yaml", CASES, root="in")], settings)
    facts = build_views(loaded, settings, dns=dns_index)[0].dns.facts
    api = facts.service("DEV", "API")  # lower-case keys; of two Services equal that way, the last one
    assert (api.name, api.namespace, api.headless, api.type, api.external_name) == ("api", "dev", True, "ClusterIP", None)
    assert api.ports == frozenset({("grpc", "UDP")}) and facts.service("dev", "api") is api  # read once
    kubernetes = facts.service("default", "kubernetes")  # the input's Service replaces the built-in one
    assert kubernetes.ports == frozenset({("web", "TCP")})
    assert facts.service("kube-system", "kube-dns").ports == frozenset({("dns", "UDP"), ("dns-tcp", "TCP"), ("metrics", "TCP")})
    assert facts.service("dev", "nothing") is None and facts.service("default", "nameless") is not None
    assert facts.namespace_exists("Dev") and facts.namespace_exists("kube-node-lease") and not facts.namespace_exists("prod")


def test_the_pod_references_of_one_source_are_read_from_it_alone_until_all_are_collected():
    def index():
        settings = Settings()
        return build_views(load([SourceFile("in/a.yaml", WORDS, root="in")], settings), settings, dns=dns_index)[0].dns

    partial, whole = index(), index()
    everything = whole.pod_references
    for source, same in zip(partial.view.sources(), whole.view.sources(), strict=True):
        expected = [(r.text, r.path, r.offset, r.field, r.where) for r in everything if r.consumer is same]
        assert [(r.text, r.path, r.offset, r.field, r.where) for r in partial.pod_references_of(source)] == expected
        assert [(r.text, r.path, r.offset, r.field, r.where) for r in whole.pod_references_of(same)] == expected
    assert "_collected" not in partial.__dict__  # no pod but the one asked about was scanned
    assert any(partial.pod_references_of(s) for s in partial.view.sources())


def test_places_within_files_read_only_the_pod_specs_of_namespaces_whose_configmaps_they_hold():
    def index():
        settings = Settings()
        documents = WORDS.split("\n---\n")
        sources = [SourceFile(f"in/{n}.yaml", text, root="in") for n, text in enumerate(documents)]
        return build_views(load(sources, settings), settings, dns=dns_index)[0].dns, documents

    partial, documents = index()
    whole, _ = index()
    urls = next(n for n, text in enumerate(documents) if "name: urls" in text)  # the ConfigMap `reader` reads
    files = {f"in/{urls}.yaml"}
    places = partial.places_within(files, by_pod=True)
    assert [[r.text for r in refs] for refs in places] == [["api.DEV"]]
    assert [[r.text for r in refs] for refs in places] == [
        [r.text for r in refs] for refs in whole.pod_places if refs[0].holder.may_be_reported_in(files)]
    sources = partial.view.sources()
    assert {sources[i].obj.namespace for i in partial._texts} == {"web"}  # only the specs that may name it


def test_build_reads_every_host_before_a_fork_so_no_forked_side_parses_it_again(monkeypatch):
    from kdlint.references import model

    dns = view().dns
    parsed = []
    parse = model.parse_ref
    monkeypatch.setattr(model, "parse_ref", lambda *args: parsed.append(args[0]) or parse(*args))
    model._parsed.cache_clear()
    dns.build()
    assert sorted(parsed) == sorted({r.host.host for r in dns.references})  # each host once, here
    parsed.clear()
    assert all(r.cluster_ref is not None for r in dns.references) and parsed == []  # asked again: already known
