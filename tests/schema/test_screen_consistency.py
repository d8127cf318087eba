"""The fast jsonschema-rs screen and the pure-Python validator agree, by example and on mutated objects."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kdlint.schema import validate as validate_mod
from kdlint.schema.store import SchemaStore
from kdlint.schema.validate import validate, validator_for_kind
from harness import all_paths
from schema_cases import NEWEST, deployment, crd, service, with_resources, errors, paths, pure_errors


def test_screen_and_pure_validator_agree_on_hand_made_cases():
    cases = [deployment(), crd(), service(8080), service(80.5), with_resources({"limits": {"cpu": "x"}})]
    bad = deployment()
    bad["spec"]["template"]["spec"]["containers"][0]["bogus"] = 1
    cases.append(bad)
    for body in cases:
        assert sorted(paths(errors(body))) == sorted(paths(pure_errors(body)))


def test_validate_without_screen_gives_same_errors(monkeypatch):
    body = deployment()
    body["spec"]["replicas"] = "x"
    with_screen = [(tuple(e.absolute_path), e.message) for e in errors(body)]
    monkeypatch.setattr(validate_mod, "_jsonschema_rs", lambda: None)
    monkeypatch.setattr(validate_mod, "_screens", {})
    without = [(tuple(e.absolute_path), e.message) for e in errors(body)]
    assert with_screen == without and len(without) == 1


def test_non_string_api_version_or_kind_has_no_schema():
    store = SchemaStore(NEWEST)
    assert store.schema_for(["apps/v1"], "Deployment") is None
    assert store.schema_for("apps/v1", None) is None
    assert validate(store, None, {"a": 1}, {}) == []
    assert store.removed(None, "Ingress") is None


def test_non_json_values_fall_back_to_jsonschema():
    body = deployment()
    body["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = float("inf")
    assert errors(body) == []  # a number: the schema allows it; the screen cannot take inf


_json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(["100m", "1Gi", "1Gi\n", "http", "TCP", "Always", "25%", "x y", "1e3", ".5", "+1"]),
)
_json_value = st.recursive(
    _json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)


_DEPLOYMENT_PATHS = [p for p in all_paths(deployment()) if p]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_DEPLOYMENT_PATHS), value=_json_value, add_key=st.booleans())
def test_screen_agrees_with_jsonschema_on_mutated_objects(path, value, add_key):
    body = copy.deepcopy(deployment())
    parent = body
    for part in path[:-1]:
        parent = parent[part]
    if add_key and isinstance(parent, dict):
        parent[str(path[-1]) + "X"] = value
    else:
        parent[path[-1]] = value
    store = SchemaStore(NEWEST)
    screen = validate_mod._screen_for(store, "apps/v1", "Deployment")
    pure = validator_for_kind(store, "apps/v1", "Deployment")
    pure_valid = pure.is_valid(body)
    if screen:
        assert screen.is_valid(body) == pure_valid
    assert (validate(store, "apps/v1", "Deployment", body) == []) == pure_valid
