"""Engine behaviour that no single rule shows: failures become findings, output is deterministic."""

import random

from kdlint import engine, rules as registry
from kdlint.load.sources import decode
from kdlint.selection import Selection
from kdlint.settings import Settings
from harness import crashing_rule

MANIFEST = b"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"


def test_a_crashing_rule_becomes_kd009_and_others_still_run(monkeypatch):
    broken = crashing_rule()
    monkeypatch.setitem(registry.REGISTRY, "KD998", broken)
    sources = [decode("ns.yaml", MANIFEST), decode("list.yaml", b"- kind: Pod\n")]
    report = engine.lint(sources, Settings())
    codes = [(f.code, f.location.file, f.location.line) for f in report.findings]
    assert ("KD009", "ns.yaml", 4) in codes  # at the name of the object it was judging
    assert ("KD003", "list.yaml", 1) in codes
    (crash,) = [f for f in report.findings if f.code == "KD009"]
    assert "rule KD998 always-crashes failed" in crash.message and crash.object.name == "shop"


def test_findings_do_not_depend_on_input_order():
    docs = [b"- a\n", b"a: [1\n", b"x: 1\nx: 2\n", MANIFEST, b""]
    sources = [decode(f"f{i}.yaml", d) for i, d in enumerate(docs)]
    first = engine.lint(sources, Settings()).findings
    shuffled = sources[:]
    random.Random(3).shuffle(shuffled)
    assert engine.lint(shuffled, Settings()).findings == first


def test_list_items_become_objects_with_their_own_positions():
    text = b"apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b, namespace: a}\n"
    loaded = engine.load([decode("l.yaml", text)], Settings())
    assert [(o.kind, o.namespace, o.name) for o in loaded.objects] == [("Namespace", None, "a"), ("ConfigMap", "a", "b")]
    assert loaded.objects[1].key_position(("metadata", "name")) == (9, 16)


def test_default_namespace_applies_to_namespaced_kinds_only():
    text = b"apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n"
    loaded = engine.load([decode("x.yaml", text)], Settings(default_namespace="dev"))
    assert [(o.kind, o.namespace) for o in loaded.objects] == [("Service", "dev"), ("Namespace", None)]


def test_a_cluster_rule_that_crashes_on_one_subject_keeps_its_findings_and_judges_the_next(monkeypatch):
    from kdlint.rules.base import Needs, Violation

    def check(service, ctx):
        yield Violation(f"seen {service.name}", subject=service, path=("metadata", "name"), at_value=True)
        if service.name == "b":
            raise ValueError("on b")

    rule = crashing_rule("KD998", Needs.CLUSTER, subjects="services", check=check)
    monkeypatch.setitem(registry.REGISTRY, "KD998", rule)
    services = b"".join(b"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n" % name for name in (b"a", b"b", b"c"))
    report = engine.lint([decode("s.yaml", services)], Settings(), Selection(select=("KD998", "KD009")))
    got = [(f.code, f.location.line, f.message.split(" (")[0]) for f in report.findings]
    assert got == [
        ("KD998", 5, "seen a"),
        ("KD009", 10, "rule KD998 always-crashes failed on Service default/b"),
        ("KD998", 10, "seen b"),
        ("KD998", 15, "seen c"),
    ]
