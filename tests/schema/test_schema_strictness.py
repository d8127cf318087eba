"""The bundled schemas are self-contained and valid, and strict: unknown fields, wrong types and missing required fields are errors (CRDs included)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from kdlint.schema.store import SchemaStore, _harden
from kdlint.schema.validate import validate, validator_for_kind
from schema_cases import NEWEST, ALL, deployment, crd, errors, paths


def test_schema_is_self_contained_json_and_a_valid_draft7_schema():
    store = SchemaStore(NEWEST)
    for api_version, kind in [("apps/v1", "Deployment"), ("apiextensions.k8s.io/v1", "CustomResourceDefinition")]:
        schema = store.schema_for(api_version, kind)
        text = json.dumps(schema)
        assert "#/$defs/" not in text  # every reference resolved or local
        assert "description" not in schema
        cls = jsonschema.validators.validator_for(schema)
        assert cls is jsonschema.Draft7Validator
        cls.check_schema(json.loads(text))
    assert store.schema_for("example.com/v1", "Widget") is None
    assert store.schema_for("apps/v1", "Ingress") is None


def test_every_kind_of_oldest_and_newest_builds_a_validator():
    for version in (ALL[0], ALL[-1]):
        store = SchemaStore(version)
        for kind, api_versions in store.kinds().items():
            for api_version in api_versions:
                assert store.schema_for(api_version, kind) is not None
                assert validator_for_kind(store, api_version, kind) is not None
                # a minimal object never crashes validation
                validate(store, api_version, kind, {"apiVersion": api_version, "kind": kind,
                                                    "metadata": {"name": "x"}})


def test_harden_applies_strictness_except_where_unknown_fields_are_preserved():
    schema = {
        "type": "object",
        "properties": {
            "closed": {"type": "object", "properties": {"a": {"type": "string"}}},
            "open": {"type": "object", "properties": {"a": {"type": "string"}},
                     "x-kubernetes-preserve-unknown-fields": True},
            "map": {"type": "object", "additionalProperties": {"type": "string"}},
            "ios": {"x-kubernetes-int-or-string": True},
            "mode": {"type": ["string", "null"], "enum": ["A", "B"]},
        },
    }
    hard = _harden(schema)
    assert hard["additionalProperties"] is False
    assert hard["properties"]["closed"]["additionalProperties"] is False
    assert "additionalProperties" not in hard["properties"]["open"]
    assert hard["properties"]["map"]["additionalProperties"] == {"type": "string"}
    assert hard["properties"]["ios"]["type"] == ["integer", "string", "null"]
    assert hard["properties"]["mode"]["enum"] == ["A", "B", None]
    validator = jsonschema.Draft7Validator(hard)
    assert validator.is_valid({"open": {"a": "x", "anything": [1, {"b": 2}]}, "ios": 3})
    assert validator.is_valid({"ios": "50%", "mode": None})
    assert not validator.is_valid({"closed": {"b": 1}})
    assert not validator.is_valid({"extra": 1})
    assert "additionalProperties" not in schema["properties"]["closed"]  # input untouched



@pytest.mark.parametrize("version", ALL)
def test_rich_deployment_is_valid_in_every_version(version):
    assert errors(deployment(), version) == []


def test_unknown_field_is_rejected_at_its_path():
    body = deployment()
    body["spec"]["template"]["spec"]["containers"][0]["imagePullPolcy"] = "Always"
    errs = errors(body)
    assert paths(errs) == [("spec", "template", "spec", "containers", 0)]
    assert "imagePullPolcy" in errs[0].message
    assert errs[0].validator == "additionalProperties"


def test_unknown_fields_at_several_depths_sorted_by_path():
    body = deployment()
    body["extra"] = 1
    body["metadata"]["lables"] = {"a": "b"}
    body["spec"]["template"]["spec"]["volumes"][1]["emptyDir"]["medium2"] = "Memory"
    assert paths(errors(body)) == [
        (),
        ("metadata",),
        ("spec", "template", "spec", "volumes", 1, "emptyDir"),
    ]


def test_annotations_and_labels_are_open_maps_of_strings():
    body = deployment()
    body["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{}"
    assert errors(body) == []
    body["metadata"]["labels"]["replicas"] = 3  # label values must be strings
    assert paths(errors(body)) == [("metadata", "labels", "replicas")]


def test_wrong_types_are_rejected():
    body = deployment()
    body["spec"]["replicas"] = "two"
    body["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"] = 8080
    assert paths(errors(body)) == [
        ("spec", "replicas"),
        ("spec", "template", "spec", "containers", 0, "env", 0, "value"),
    ]


def test_missing_required_field_is_rejected():
    body = deployment()
    del body["spec"]["template"]["spec"]["containers"][0]["name"]
    errs = errors(body)
    assert paths(errs) == [("spec", "template", "spec", "containers", 0)]
    assert errs[0].validator == "required"


@pytest.mark.parametrize("version", ALL)
def test_crd_with_rich_open_api_schema_is_valid(version):
    assert errors(crd(), version) == []


def test_crd_schema_rejects_unknown_schema_keyword_at_its_path():
    body = crd()
    spec_schema = body["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]
    spec_schema["properties"]["mode"]["enumm"] = ["x"]
    errs = errors(body)
    assert paths(errs) == [("spec", "versions", 0, "schema", "openAPIV3Schema", "properties", "spec",
                            "properties", "mode")]
    assert "enumm" in errs[0].message


def test_crd_default_and_example_accept_any_json():
    body = crd()
    props = body["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]
    props["config"]["default"] = {"a": "b", "nested": [1, 2, {"c": None}]}
    props["mode"]["example"] = ["fast"]
    props["replicas"]["enum"] = [1, 2, 3]
    assert errors(body) == []


def test_crd_selectable_fields_only_from_1_30():
    body = crd()
    body["spec"]["versions"][0]["selectableFields"] = [{"jsonPath": ".spec.mode"}]
    assert paths(errors(body, "1.29")) == [("spec", "versions", 0)]
    assert errors(body, "1.30") == []
