"""The one selector implementation: Kubernetes semantics, checked by example and by property."""

from hypothesis import given, strategies as st

from kdlint.graph.selectors import label_selector, service_selector
from kdlint.model.workloads import PodLabels

keys = st.sampled_from(["app", "tier", "track", "app.kubernetes.io/name", "team", "version"])
values = st.sampled_from(["", "a", "b", "web", "api", "1.0"])
label_maps = st.dictionaries(keys, values, max_size=5)


@given(label_maps, label_maps)
def test_service_selector_matches_exactly_when_it_is_a_subset_of_the_labels(selector, labels):
    parsed = service_selector(selector)
    if not selector:
        assert parsed is None  # nil and {} both mean: the controller manages no endpoints
        return
    assert parsed.matches(labels) == (selector.items() <= labels.items())


@given(label_maps, label_maps, st.dictionaries(st.sampled_from(["extra", "other/key", "z"]), values, max_size=3))
def test_unrelated_labels_never_break_a_match(selector, labels, unrelated):
    parsed = label_selector({"matchLabels": selector})
    if parsed.matches(labels):
        assert parsed.matches({**unrelated, **labels})


@given(label_maps, label_maps)
def test_match_labels_and_equivalent_in_expressions_agree(selector, labels):
    as_labels = label_selector({"matchLabels": selector})
    as_expressions = label_selector({"matchExpressions": [{"key": k, "operator": "In", "values": [v]} for k, v in selector.items()]})
    assert as_labels.matches(labels) == as_expressions.matches(labels)


def test_empty_label_selector_selects_everything_and_nil_nothing():
    assert label_selector({}).matches({"app": "x"})
    assert label_selector(None) is None
    assert service_selector({}) is None and service_selector(None) is None


def test_match_expressions_operators():
    selector = label_selector({
        "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["web", "api"]},
            {"key": "track", "operator": "NotIn", "values": ["canary"]},
            {"key": "app", "operator": "Exists"},
            {"key": "legacy", "operator": "DoesNotExist"},
        ]
    })
    assert selector.matches({"tier": "web", "app": "x"})
    assert selector.matches({"tier": "api", "app": "x", "track": "stable"})
    assert not selector.matches({"tier": "web", "app": "x", "track": "canary"})
    assert not selector.matches({"tier": "db", "app": "x"})
    assert not selector.matches({"tier": "web"})
    assert not selector.matches({"tier": "web", "app": "x", "legacy": "1"})


def test_malformed_selectors_are_none_not_exceptions():
    assert label_selector({"matchLabels": ["app"]}) is None
    assert label_selector({"matchExpressions": [{"key": "a", "operator": "Near"}]}) is None
    assert label_selector("app=web") is None


def test_runtime_and_per_pod_labels():
    labels = PodLabels(fixed={"app": "db"}, choices={"statefulset.kubernetes.io/pod-name": frozenset({"db-0", "db-1"})}, runtime=frozenset({"controller-revision-hash"}))
    assert service_selector({"statefulset.kubernetes.io/pod-name": "db-1"}).matches(labels)
    assert not service_selector({"statefulset.kubernetes.io/pod-name": "db-2"}).matches(labels)
    # a hash decided at runtime: neither a certain match nor a certain miss, so it counts as a match
    assert service_selector({"controller-revision-hash": "db-7f9c"}).matches(labels)
    assert not label_selector({"matchExpressions": [{"key": "controller-revision-hash", "operator": "DoesNotExist"}]}).matches(labels)
    assert labels.shown("statefulset.kubernetes.io/pod-name") == "db-0..db-1"


def test_label_values_are_compared_as_text():
    assert service_selector({"enabled": True}).matches({"enabled": "true"})
    assert service_selector({"version": 2}).matches({"version": "2"})
