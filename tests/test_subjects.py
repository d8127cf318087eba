"""What cluster rules judge: every rule declares its subjects, the engine calls it once per
subject, and a crash on one subject is a KD009 at that subject, naming the rule and the subject."""

import ast
from pathlib import Path

import pytest

from kdlint import engine, rules as registry
from kdlint.graph.view import ClusterView
from kdlint.load.sources import decode
from kdlint.rules.base import Needs, RuleContext
from kdlint.rules.run import RunFacts
from kdlint.settings import Settings
from harness import crashing_rule

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = ROOT / "fixtures" / "engine" / "subjects.yaml"
CLUSTER_RULES = [r for r in registry.all_rules() if r.META.needs is Needs.CLUSTER]


def test_every_cluster_rule_declares_known_subjects():
    for rule in CLUSTER_RULES:
        assert rule.META.subjects, f"{rule.META.code} declares no subjects"
        unknown = set(rule.META.subjects) - set(ClusterView.SUBJECTS)
        assert not unknown, f"{rule.META.code}: unknown subjects {unknown}"


# what a rule that judges one subject at a time never reaches for: the whole cluster
WHOLE_CLUSTER = {"all_objects", "objects", "pod_places", "places", "references", "pod_references", "service_refs"}


@pytest.mark.parametrize("rule", CLUSTER_RULES, ids=lambda r: r.META.code)
def test_no_cluster_rule_loops_over_the_whole_cluster(rule):
    tree = ast.parse(Path(rule.__file__).read_text())
    reached = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in WHOLE_CLUSTER:
            reached.add(node.attr)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("services", "sources") and not node.args:
            reached.add(node.func.attr + "()")  # every Service (pod source) of the cluster
    assert not reached, f"{rule.META.code} reads {sorted(reached)}"


# source -> (line, column, what the message names) of each subject of fixtures/engine/subjects.yaml
EXPECTED = {
    "services": [(9, 3, "on Service shop/web (")],
    "pod-sources": [(18, 3, "on the pod template of Deployment shop/api (")],
    "objects": [
        (4, 3, "on Namespace shop ("), (9, 3, "on Service shop/web ("), (18, 3, "on Deployment shop/api ("),
        (36, 3, "on ValidatingWebhookConfiguration guard ("), (47, 3, "on ConfigMap shop/twice ("),
        (53, 3, "on ConfigMap shop/twice ("),
    ],
    "dns-places": [(31, 34, "on the host name `db.shop` in env DB of container api of Deployment shop/api (")],
    "pod-dns-places": [(31, 34, "on the host name `db.shop` in env DB of container api of Deployment shop/api (")],
    "service-refs": [(40, 7, "on the Service that webhook guard.example.com calls (ValidatingWebhookConfiguration guard) (")],
    "namespaces": [(4, 9, "on namespace shop (")],
    "same-name-groups": [(47, 3, "on the group ConfigMap shop/twice, ConfigMap shop/twice (")],
    "hostname-groups": [(18, 3, "on the group Deployment shop/api (")],
}


def test_each_subject_source_is_tested():
    assert set(EXPECTED) == set(ClusterView.SUBJECTS)


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_a_crash_is_reported_at_the_subject_naming_rule_and_subject(monkeypatch, source):
    broken = crashing_rule("KD998", Needs.CLUSTER, subjects=source)
    monkeypatch.setitem(registry.REGISTRY, "KD998", broken)
    report = engine.lint([decode("subjects.yaml", SUBJECTS.read_bytes())], Settings())
    crashes = [f for f in report.findings if f.code == "KD009"]
    found = [(f.location.file, f.location.line, f.location.column) for f in crashes]
    assert found == [("subjects.yaml", line, column) for line, column, _ in EXPECTED[source]]
    for crash, (_, _, named) in zip(crashes, EXPECTED[source]):
        assert crash.message.startswith(f"rule KD998 always-crashes failed {named}KeyError: 'spec'"), crash.message
    assert {f.code for f in report.findings} > {"KD009", "KD502"}  # the other rules still ran


def _missing_schema_objects():
    text = b"".join(
        b"---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w%d, namespace: dev}\n" % n for n in range(3)
    )
    return engine.load([decode("w.yaml", text)], Settings()).objects


def test_kd203_reports_the_first_object_of_a_kind_whatever_the_visit_order():
    rule = registry.get("KD203")
    objects = _missing_schema_objects()
    for judged in (objects, objects[::-1], [objects[1], objects[2], objects[0]]):
        ctx = RuleContext(Settings(), RunFacts(Settings(), objects, judged))
        found = [(obj.name, v.message) for obj in judged for v in rule.check(obj, ctx)]
        assert found == [("w0", "no schema for example.com/v1 Widget, so its fields are not checked (nor those of 2 more Widget objects)")]


def test_rule_context_has_no_string_keyed_services():
    assert {f for f in RuleContext.__dataclass_fields__} == {"settings", "run", "view"}


def test_with_context_a_group_is_judged_when_one_member_is_in_a_named_file():
    text = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: dev}\ndata: {color: %s}\n---\n" \
        b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s, namespace: dev}\n"
    first, second = decode("a.yaml", text % (b"red", b"a")), decode("b.yaml", text % (b"blue", b"b"))
    whole = engine.lint([first, second], Settings()).findings
    alone = engine.lint([second], Settings(), context=[first]).findings  # the group's first member is a context file
    assert [(f.code, f.location.file, f.location.line) for f in alone] == [("KD502", "b.yaml", 3)]
    assert alone == [f for f in whole if f.location.file == "b.yaml"]
