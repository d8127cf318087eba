"""Schema-building helpers of the store: strict copies of definitions, and which definitions
reference each other in a cycle.  Structural: only keyword positions that hold schemas are
visited."""

from __future__ import annotations

from typing import Any

REF_PREFIX = "#/$defs/"
_SCHEMA_MAP_KEYS = ("properties", "patternProperties")
_SCHEMA_LIST_KEYS = ("allOf", "anyOf", "oneOf")
_SCHEMA_ONE_KEYS = ("not", "additionalProperties", "additionalItems", "items")


def _map_subschemas(node: dict, fn) -> dict:
    """Copy of schema ``node`` with ``fn`` applied to each direct subschema.

    Structural: only keyword positions that hold schemas are visited, so a *property named*
    ``enum`` or ``$ref`` (as in the CRD's JSONSchemaProps) is never mistaken for a keyword.
    """
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SCHEMA_MAP_KEYS and isinstance(value, dict):
            out[key] = {name: fn(sub) for name, sub in value.items()}
        elif key in _SCHEMA_LIST_KEYS and isinstance(value, list):
            out[key] = [fn(sub) for sub in value]
        elif key in _SCHEMA_ONE_KEYS and isinstance(value, (dict, list)):
            out[key] = [fn(s) for s in value] if isinstance(value, list) else fn(value)
        else:
            out[key] = value
    return out


def _harden(node: Any) -> Any:
    """Strict, null-aware copy of a schema node, recursively.

    ``$ref`` nodes are kept; :class:`SchemaStore` links them afterwards.
    """
    if not isinstance(node, dict):
        return node
    out = _map_subschemas(node, _harden)
    if out.get("x-kubernetes-int-or-string") is True:
        for k in ("type", "oneOf", "anyOf"):
            out.pop(k, None)
        out["type"] = ["integer", "string", "null"]
    if (
        "properties" in out
        and "additionalProperties" not in out
        and out.get("x-kubernetes-preserve-unknown-fields") is not True
    ):
        out["additionalProperties"] = False
    types = out.get("type")
    if isinstance(types, list) and "null" in types and isinstance(out.get("enum"), list):
        if None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


def _refs_in(node: Any, acc: set[str]) -> set[str]:
    """Names of the definitions that schema ``node`` references (structurally)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            acc.add(ref[len(REF_PREFIX):])
        _map_subschemas(node, lambda sub: _refs_in(sub, acc))
    return acc


def _recursive_names(graph: dict[str, set[str]]) -> set[str]:
    """Definitions on a reference cycle (Tarjan's SCC, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: set[str] = set()
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    result.update(component)
    return result
