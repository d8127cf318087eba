"""What the schema store tests share: the shipped versions, validation helpers, and the sample
objects in fixtures/schema/ (a rich Deployment, a rich CRD, real-world objects)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from kdlint.schema.store import SchemaStore, shipped_versions
from kdlint.schema.validate import validate, validator_for_kind
from paths import ROOT

NEWEST = shipped_versions()[-1]
ALL = shipped_versions()
SAMPLES = ROOT / "fixtures" / "schema"
REAL_WORLD = sorted((SAMPLES / "real-world").glob("*.yaml"))


def load(text: str) -> dict:
    return YAML(typ="safe", pure=True).load(text)


def sample(name: str) -> str:
    """The text of fixtures/schema/<name>.yaml."""
    return (SAMPLES / f"{name}.yaml").read_text(encoding="utf-8")


def load_sample(path: Path) -> dict:
    return load(path.read_text(encoding="utf-8"))


def deployment() -> dict:
    """A Deployment using most of the pod spec, valid in every shipped version."""
    return load(sample("deployment"))


def crd() -> dict:
    """A CustomResourceDefinition with a rich OpenAPI schema, valid in every shipped version."""
    return load(sample("crd"))


def service(target_port) -> dict:
    return {
        "apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"},
                 "ports": [{"name": "http", "port": 80, "targetPort": target_port}]},
    }


def with_resources(resources: dict) -> dict:
    body = deployment()
    body["spec"]["template"]["spec"]["containers"][0]["resources"] = resources
    return body


def errors(body: dict, version: str | None = None) -> list[jsonschema.ValidationError]:
    store = SchemaStore(version)
    return validate(store, body["apiVersion"], body["kind"], body)


def paths(errs) -> list[tuple]:
    return [tuple(e.absolute_path) for e in errs]


def pure_errors(body: dict, version: str | None = None) -> list[jsonschema.ValidationError]:
    """Errors from the pure-Python jsonschema validator alone (no jsonschema-rs screen)."""
    store = SchemaStore(version)
    validator = validator_for_kind(store, body["apiVersion"], body["kind"])
    return list(validator.iter_errors(body))
