"""Invariants: input order, namespace names and namespace boundaries."""

import random
import re
from pathlib import Path

from hypothesis import assume, given, settings as hyp_settings, strategies as st

from harness import lint_snippet
from helpers import view_of

from kdlint.graph.selectors import service_selector

PROJECTS = Path(__file__).resolve().parents[2] / "fixtures" / "projects"
SCENARIOS = ("shop", "statefulset-dns", "gateway-routes", "canary", "operator-managed")


def documents(scenario: str) -> list[str]:
    texts = []
    for file in sorted((PROJECTS / scenario).rglob("*.yaml")):
        if file.name != "expected.yaml":
            texts += [d for d in re.split(r"^---\s*$", file.read_text(), flags=re.M) if d.strip()]
    return texts


def outcome(texts, rename=None):
    result = set()
    for f in lint_snippet(*texts, select=("KD3",), name="in/d{}.yaml", root="in"):
        message = re.sub(r"d\d+\.yaml:\d+", "<doc>", f.message)
        result.add((f.code, f.object.kind, f.object.namespace, f.object.name, str(f.severity), message))
    return result


@hyp_settings(max_examples=15, deadline=None)
@given(st.sampled_from(SCENARIOS), st.randoms(use_true_random=False))
def test_shuffling_documents_changes_nothing(scenario, rng: random.Random):
    texts = documents(scenario)
    shuffled = list(texts)
    rng.shuffle(shuffled)
    assert outcome(shuffled) == outcome(texts)


@hyp_settings(max_examples=10, deadline=None)
@given(st.sampled_from(SCENARIOS), st.sampled_from(["zz", "other-ns", "n1"]))
def test_renaming_a_namespace_consistently_changes_only_names(scenario, new_name):
    texts = documents(scenario)
    names = {m for t in texts for m in re.findall(r"\bname: ([a-z0-9-]+)", t)}
    # a namespace that is not also an object name, so the message rewrite below is unambiguous
    candidates = sorted({m for t in texts for m in re.findall(r"namespace: ([a-z0-9-]+)", t)} - names)
    assume(candidates)
    old = candidates[0]
    renamed = [re.sub(rf"\b(namespace: ){old}\b", rf"\g<1>{new_name}", t) for t in texts]
    expected = {
        (code, kind, new_name if ns == old else ns, name, severity, re.sub(rf"\b{old}\b", new_name, message))
        for code, kind, ns, name, severity, message in outcome(texts)
    }
    assert outcome(renamed) == expected


label_maps = st.dictionaries(st.sampled_from(["app", "tier", "team"]), st.sampled_from(["a", "b"]), min_size=1, max_size=3)


@given(label_maps, label_maps)
def test_a_pod_in_another_namespace_never_matches(pod_labels, selector):
    labels = "{" + ", ".join(f"{k}: {v}" for k, v in pod_labels.items()) + "}"
    chosen = "{" + ", ".join(f"{k}: {v}" for k, v in selector.items()) + "}"
    pod = f"apiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: NS, labels: {labels}}}\nspec: {{containers: [{{name: c, image: i}}]}}\n"
    svc = f"apiVersion: v1\nkind: Service\nmetadata: {{name: s, namespace: a}}\nspec: {{selector: {chosen}, ports: [{{port: 80}}]}}\n"
    same = view_of(pod.replace("NS", "a"), svc)
    moved = view_of(pod.replace("NS", "b"), svc)
    (service,) = moved.services()
    assert moved.pods_selected_by(service) == []
    assert bool(same.pods_selected_by(same.services()[0])) == service_selector(selector).matches(pod_labels)
