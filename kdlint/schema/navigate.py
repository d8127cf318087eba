"""Read a JSON schema the way an object is read: the subschema at a data path, field names,
and the plain words for types and paths used in messages."""

from __future__ import annotations

import json
from typing import Any

_DEFINITIONS = ("#/definitions/", "#/$defs/")


def resolve(root: dict, node: Any) -> Any:
    """``node`` with local ``$ref``\\ s followed (the recursive definitions of a built-in schema)."""
    for _ in range(32):
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node
        for prefix in _DEFINITIONS:
            if ref.startswith(prefix):
                node = root.get(prefix[2:-1], {}).get(ref[len(prefix):])
                break
        else:
            return None
    return node


def child(root: dict, schema: Any, step) -> Any:
    """The subschema for ``step`` (a key or an index) inside ``schema``, or ``None``."""
    schema = resolve(root, schema)
    if not isinstance(schema, dict):
        return None
    if isinstance(step, int):
        items = schema.get("items")
        return resolve(root, items) if isinstance(items, dict) else None
    properties = schema.get("properties")
    if isinstance(properties, dict) and step in properties:
        return resolve(root, properties[step])
    extra = schema.get("additionalProperties")
    return resolve(root, extra) if isinstance(extra, dict) else None


def schema_at(root: dict, path) -> Any:
    """The subschema describing the value at data ``path``, or ``None`` when the schema does not
    say (a path through a free-form value or an unknown field)."""
    schema: Any = root
    for step in path:
        schema = child(root, schema, step)
        if schema is None:
            return None
    return resolve(root, schema)


def field_names(root: dict, schema: Any) -> tuple[str, ...]:
    """The named fields (``properties``) of an object schema."""
    schema = resolve(root, schema)
    properties = schema.get("properties") if isinstance(schema, dict) else None
    return tuple(properties) if isinstance(properties, dict) else ()


def is_string_map(schema: Any) -> bool:
    """A free-form map of strings: labels, annotations, selectors, ConfigMap data."""
    if not isinstance(schema, dict) or schema.get("properties"):
        return False
    values = schema.get("additionalProperties")
    return isinstance(values, dict) and _types(values) == {"string"} and "pattern" not in values


def _types(schema: dict) -> set[str]:
    types = schema.get("type")
    names = {types} if isinstance(types, str) else set(types or ())
    return names - {"null"}


def allows(schema: Any, value) -> bool:
    """Whether ``value`` has a type (and, for a closed set, a value) that ``schema`` accepts,
    looking at the top level only."""
    if not isinstance(schema, dict):
        return False
    enum = schema.get("enum")
    if isinstance(enum, list) and value not in enum:
        return False
    types = _types(schema)
    return not types or value_type(value) in types or (value_type(value) == "integer" and "number" in types)


def value_type(value) -> str:
    """The JSON schema type name of a value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


def expected_words(types) -> str:
    """``["integer", "string", "null"]`` -> ``an integer or a string``."""
    names = [types] if isinstance(types, str) else [t for t in types or () if t != "null"] or ["null"]
    words = [_TYPE_WORDS.get(t, t) for t in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def describe(value) -> str:
    """A value in plain words: ``the string "2"``, ``the number 2.5``, ``a list``, ``null``."""
    kind = value_type(value)
    if kind == "string":
        return f"the string {short(value)}"
    if kind in ("integer", "number"):
        return f"the number {value}"
    if kind == "boolean":
        return f"the boolean {'true' if value else 'false'}"
    if kind == "array":
        return "a list"
    if kind == "object":
        return "a mapping"
    return "null"


def short(value, limit: int = 60) -> str:
    """A value as JSON, cut to ``limit`` characters."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def dotted(path, root_name: str = "the object") -> str:
    """``("spec", "containers", 0, "name")`` -> ``spec.containers[0].name``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif text and _plain_key(step):
            text += "." + step
        elif _plain_key(step):
            text = step
        else:
            text += f"[{json.dumps(step)}]"
    return text or root_name


def _plain_key(step: str) -> bool:
    return bool(step) and all(c.isalnum() or c in "_-$" for c in step)
