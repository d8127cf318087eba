"""Turn a CustomResourceDefinition's ``openAPIV3Schema`` (or a JSON schema from a schema
directory) into a JSON schema that validates custom resources as the API server does.

* **strict**: ``additionalProperties: false`` where ``properties`` are listed, except under
  ``x-kubernetes-preserve-unknown-fields: true``, as for the built-in schemas;
* ``nullable: true`` accepts ``null``; so does any other field that is not required, because
  the API server prunes such nulls before validating;
* ``x-kubernetes-int-or-string: true`` accepts an integer or a string;
* ``x-kubernetes-embedded-resource: true``: the value is an object with ``apiVersion``,
  ``kind`` and ``metadata``, the metadata checked as ObjectMeta;
* the resource's own ``metadata`` is checked as ObjectMeta, whatever the CRD says;
* documentation keywords are dropped, and a ``$ref`` outside the schema is replaced by an open
  schema: nothing is ever fetched.

CRD schemas are OpenAPI v3.0 schemas, whose ``exclusiveMinimum``/``exclusiveMaximum`` are booleans:
the result declares JSON Schema draft 4, which reads them the same way.
"""

from __future__ import annotations

from typing import Any

from kdlint.schema.patterns import valid_regex

DRAFT4 = "http://json-schema.org/draft-04/schema#"
_DOC_ONLY = ("description", "example", "externalDocs", "x-kubernetes-validations", "default", "title")
_MAP_KEYS = ("properties", "patternProperties", "definitions")
_LIST_KEYS = ("allOf", "anyOf", "oneOf")
_ONE_KEYS = ("not", "additionalItems")


def custom_resource_schema(open_api: dict, object_meta: dict | None) -> dict:
    """The strict JSON schema for a custom resource whose CRD gives ``open_api``."""
    schema = harden(open_api, nullable=False, object_meta=object_meta)
    _drop_dangling_refs(schema, schema)
    if isinstance(schema.get("properties"), dict) or schema.get("x-kubernetes-preserve-unknown-fields") is not True:
        properties = dict(schema.get("properties") or {})
        properties.update(_resource_fields(object_meta))
        schema["properties"] = properties
    schema["$schema"] = DRAFT4
    return schema


def harden(node: Any, nullable: bool, object_meta: dict | None = None) -> Any:
    """A strict copy of schema ``node``; ``nullable`` says whether a ``null`` value is pruned
    (or allowed) here rather than rejected."""
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    required = set(node.get("required") or ()) if isinstance(node.get("required"), list) else set()
    for key, value in node.items():
        if key in _DOC_ONLY or (key in ("required", "enum") and value == []):
            continue  # an empty list constrains nothing (and draft 4 rejects it)
        if key == "properties" and isinstance(value, dict):
            out[key] = {
                name: harden(sub, nullable=name not in required, object_meta=object_meta)
                for name, sub in value.items()
            }
        elif key in _MAP_KEYS and isinstance(value, dict):
            out[key] = {name: harden(sub, nullable=False, object_meta=object_meta) for name, sub in value.items()}
        elif key in _LIST_KEYS and isinstance(value, list):
            out[key] = [_constraint(sub) for sub in value]
        elif key in _ONE_KEYS and isinstance(value, dict):
            out[key] = _constraint(value)
        elif key == "items":
            out[key] = (
                [harden(s, False, object_meta) for s in value] if isinstance(value, list) else harden(value, False, object_meta)
            )
        elif key == "additionalProperties" and isinstance(value, dict):
            out[key] = harden(value, nullable=True, object_meta=object_meta)
        elif key == "$ref" and isinstance(value, str) and not value.startswith("#"):
            continue  # a reference to another file: accept anything rather than fetch it
        elif key == "pattern" and isinstance(value, str) and not valid_regex(value):
            continue  # a pattern RE2 rejects checks nothing (its CRD is reported)
        else:
            out[key] = value
    if out.get("x-kubernetes-int-or-string") is True:
        for key in ("type", "anyOf", "oneOf"):
            out.pop(key, None)
        out["type"] = ["integer", "string"]
    if out.get("x-kubernetes-embedded-resource") is True:
        out["properties"] = {**(out.get("properties") or {}), **_resource_fields(object_meta)}
    if (
        isinstance(node.get("properties"), dict)
        and "additionalProperties" not in out
        and out.get("x-kubernetes-preserve-unknown-fields") is not True
    ):
        out["additionalProperties"] = False
    if nullable or out.get("nullable") is True:
        _allow_null(out)
    return out


def _constraint(node: Any) -> Any:
    """Branches of allOf/anyOf/oneOf/not only constrain the value (structural schemas declare
    fields outside them): harden their nested schemas, but never add strictness or nulls."""
    if not isinstance(node, dict):
        return node
    out = {
        k: v for k, v in node.items()
        if k not in _DOC_ONLY and not (k == "pattern" and isinstance(v, str) and not valid_regex(v))
    }
    for key in _LIST_KEYS:
        if isinstance(out.get(key), list):
            out[key] = [_constraint(sub) for sub in out[key]]
    if isinstance(out.get("properties"), dict):
        out["properties"] = {name: _constraint(sub) for name, sub in out["properties"].items()}
    if isinstance(out.get("items"), dict):
        out["items"] = _constraint(out["items"])
    if isinstance(out.get("not"), dict):
        out["not"] = _constraint(out["not"])
    return out


def _drop_dangling_refs(node: Any, root: dict) -> None:
    """Remove each local ``$ref`` that points nowhere in ``root`` (accept anything there): the
    validator would fail on them for every object."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and _resolve_pointer(root, ref) is None:
            del node["$ref"]
        for value in node.values():
            _drop_dangling_refs(value, root)
    elif isinstance(node, list):
        for value in node:
            _drop_dangling_refs(value, root)


def _resolve_pointer(root: dict, ref: str) -> Any:
    if not ref.startswith("#"):
        return None
    node: Any = root
    for part in filter(None, ref[1:].split("/")):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _allow_null(node: dict) -> None:
    types = node.get("type")
    if isinstance(types, str):
        node["type"] = [types, "null"]
    elif isinstance(types, list) and "null" not in types:
        node["type"] = [*types, "null"]
    if isinstance(node.get("enum"), list) and None not in node["enum"]:
        node["enum"] = [*node["enum"], None]


def _resource_fields(object_meta: dict | None) -> dict:
    return {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": object_meta if object_meta is not None else {"type": ["object", "null"]},
    }


def schema_dir_schema(schema: dict, object_meta: dict | None) -> dict:
    """A schema read from a schema directory, made strict and offline like a CRD's."""
    out = custom_resource_schema(schema, object_meta)
    known = str(schema.get("$schema", ""))
    if "draft-0" in known or "draft/20" in known:
        out["$schema"] = known
    return out
