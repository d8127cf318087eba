"""DNS and name rules end to end: exact positions, messages, severities, settings."""

from functools import partial

from kdlint.engine import lint
from kdlint.load.discovery import read_files
from kdlint.selection import ALWAYS_REPORTED, Selection
from kdlint.settings import Settings
from paths import ROOT
from harness import lint_snippet

HEADLINE = ROOT / "fixtures" / "projects" / "seed-cross-namespace"


findings = partial(lint_snippet, select=("KD4", "KD5"), name="in/app.yaml", root="in")


def test_kd401_points_at_the_host_inside_the_url_of_the_headline_case():
    settings = Settings()
    sources = [s for s in read_files([str(HEADLINE)], settings.max_file_size) if s.path.endswith(".yaml") and not s.path.endswith("/expected.yaml")]
    found = [f for f in lint(sources, settings, Selection(select=("KD401",))).findings]
    jump = (HEADLINE / "03-pod-jump.yaml").read_text().split("\n")
    places = sorted((f.location.line, f.location.column) for f in found)
    assert [jump[line - 1][column - 1:column + 9] for line, column in places] == ["ent:8080/;", "ent:8080"]
    env = next(f for f in found if f.location.line == 16)
    assert env.location.column == len("          value: http://") + 1
    assert "`ent` is resolved from namespace dev, which has no Service ent" in env.message
    assert "ent.dev.svc.cluster.local, ent.svc.cluster.local and ent.cluster.local, then ent. at the upstream DNS" in env.message
    assert env.message.endswith("and never reaches the Service ent in namespace prod")
    assert env.fix == "write `ent.prod.svc` (or `ent.prod.svc.cluster.local`)"
    assert env.related[0].message == "Service ent in namespace prod"


def test_kd401_suggests_the_short_qualified_form_for_ordinary_namespaces():
    (finding,) = findings("""
        apiVersion: v1
        kind: Service
        metadata: {name: ledger, namespace: payments}
        spec: {selector: {app: ledger}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
          - name: web
            image: web:1
            env: [{name: LEDGER_HOST, value: ledger}]
    """, select=("KD401",))
    assert finding.fix == "write `ledger.payments` (or `ledger.payments.svc.cluster.local`)"
    assert (finding.location.line, finding.location.column) == (14, 38)


def test_kd402_is_info_for_a_namespace_outside_the_input_and_names_the_default_namespace():
    found = findings("""
        apiVersion: v1
        kind: Service
        metadata: {name: backend}
        spec: {selector: {app: backend}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
          - name: web
            image: web:1
            env:
            - {name: BACKEND_URL, value: "http://backend.shop.svc:80"}
            - {name: METRICS_URL, value: "http://prometheus.monitoring.svc:9090"}
    """, select=("KD402",))
    by_line = {f.location.line: f for f in found}
    assert str(by_line[15].severity) == "warning"
    assert "Service backend exists in namespace default, where objects without a namespace land" in by_line[15].message
    assert str(by_line[16].severity) == "info"
    assert "the input has no Service in namespace monitoring at all, so it is probably only part of what runs there" in by_line[16].message
    assert "# kdlint: ignore=KD402" in by_line[16].fix


def test_kd403_follows_the_configured_cluster_domain():
    text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
          - name: web
            image: web:1
            env:
            - {name: A_URL, value: "http://api.shop.svc.cluster.local"}
            - {name: B_URL, value: "http://api.shop.svc.k8s.internal"}
    """
    assert [f.location.line for f in findings(text, select=("KD403",))] == [11]
    custom = findings(text, select=("KD403",), settings=Settings(cluster_domain="k8s.internal"))
    assert [f.location.line for f in custom] == [10]
    assert "the cluster domain is k8s.internal" in custom[0].message


def test_kd407_names_musl_when_only_musl_fails():
    (finding,) = findings("""
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: prod}
        spec: {selector: {app: api}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: worker, namespace: jobs}
        spec:
          dnsConfig: {options: [{name: ndots, value: "1"}]}
          containers:
          - name: worker
            image: worker:alpine
            env: [{name: API_URL, value: "http://api.prod:80"}]
    """, select=("KD407",))
    assert "does not resolve in musl-based images (Alpine)" in finding.message
    assert "glibc-based images still resolve it" in finding.message


def test_rules_stay_quiet_on_the_seed():
    settings = Settings()
    sources = read_files([str(ROOT / "fixtures" / "seed")], settings.max_file_size)
    findings = lint(sources, settings, Selection(select=("KD4", "KD5"))).findings
    # the seed holds broken documents on purpose: KD001/KD101 are reported whatever the selection
    assert [f for f in findings if f.code not in ALWAYS_REPORTED] == []


def test_a_crashing_group_rule_is_reported_at_the_group_not_dropped(monkeypatch):
    from kdlint import rules as registry

    def boom(group, ctx):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(registry.get("KD502"), "check", boom)  # judges each group of same-named objects
    namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"
    found = findings(namespace + "---\n" + namespace, select=("KD502", "KD009"))
    assert [(f.code, f.location.file, f.location.line, f.location.column) for f in found] == [("KD009", "in/app.yaml", 3, 12)]
    assert found[0].message.startswith("rule KD502 duplicate-object failed on the group Namespace shop, Namespace shop (RuntimeError: boom")


def test_a_cluster_rule_crash_is_isolated_to_the_subject_it_was_judging(monkeypatch):
    from kdlint import rules as registry

    original = registry.get("KD302").check

    def fragile(service, ctx):
        if service.name == "odd":
            raise IndexError("list index out of range")
        yield from original(service, ctx)

    monkeypatch.setattr(registry.get("KD302"), "check", fragile)
    service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {}\n  namespace: shop\nspec:\n  ports: [{{port: 80}}]\n"
    found = findings(service.format("odd") + "---\n" + service.format("plain"), select=("KD302", "KD009"))
    assert [(f.code, f.location.line, f.location.column, f.object.name) for f in found] == [
        ("KD009", 4, 3, "odd"),  # at the name of the Service the rule was judging, naming it
        ("KD302", 14, 1, "plain"),  # the other Service was still judged
    ]
    assert "rule KD302 service-without-endpoints failed" in found[0].message
