"""Tell broken indentation that still parses from a field that does not exist.

A key indented one level too little lands in the mapping above the one it was meant for: after
``containers: [- image: x]``, a ``name`` at the column of ``containers`` is a pod field, not a
container field.  One indented too much lands one level down, or inside a free-form map
(``type: ClusterIP`` under a Service's ``selector`` becomes a label).  Each :class:`Misplacement`
says where the key is, and which mapping accepts it.
"""

from __future__ import annotations

import threading
from typing import Any, NamedTuple

from kdlint.schema.diagnose import SCHEMA_VIOLATION, UNKNOWN_FIELD, Problem, value_at
from kdlint.schema.navigate import allows, child, field_names, is_string_map, resolve, schema_at


class Misplacement(NamedTuple):
    field: str
    path: tuple  # where the key is
    target: tuple  # the mapping that accepts it
    anchor: tuple | None  # a key of the target, or next to it, that gives the right column
    in_map: bool = False  # found inside a free-form map of strings
    replaces: Problem | None = None  # the unknown-field or type problem it explains


def find(body: Any, root: dict, problems: list[Problem]) -> list[Misplacement]:
    """Misplaced fields among ``problems`` (unknown fields, wrong types inside string maps), and
    string-map entries that look like a closed-set field of the map's parent."""
    found = []
    unknown_by_parent: dict[tuple, set] = {}
    for problem in problems:
        if problem.code == UNKNOWN_FIELD:
            unknown_by_parent.setdefault(problem.path[:-1], set()).add(problem.field)
    for problem in problems:
        if problem.code == UNKNOWN_FIELD and problem.added_in:
            continue  # in its place in a newer version: not an indentation mistake
        if problem.code == UNKNOWN_FIELD:
            place = _structural(body, root, problem, unknown_by_parent[problem.path[:-1]])
        elif problem.code == SCHEMA_VIOLATION and problem.at_value and problem.path:
            place = _typed_map_entry(body, root, problem)
        else:
            continue
        if place is not None:
            found.append(place)
    explained = {p.path for p in found}
    found.extend(p for p in enum_map_entries(body, root) if p.path not in explained)
    return found


def _structural(body, root, problem: Problem, unknown_here: set) -> Misplacement | None:
    parent, name = problem.path[:-1], problem.field
    mapping = value_at(body, parent)
    if not isinstance(mapping, dict):
        return None
    value = mapping[name]
    keys = list(mapping)
    for sibling in reversed(keys[: keys.index(name)]):  # one level down: the previous sibling
        if sibling in unknown_here:
            continue
        inner = mapping[sibling]
        target = None
        if isinstance(inner, dict):
            target = parent + (sibling,)
        elif isinstance(inner, list) and inner and isinstance(inner[-1], dict):
            target = parent + (sibling, len(inner) - 1)
        if target is not None and _accepts(body, root, target, name, value):
            first = next(iter(value_at(body, target)), None)
            return Misplacement(name, problem.path, target, target + (first,) if first else None, replaces=problem)
        if inner is None and _accepts_empty(root, parent + (sibling,), name, value):
            # `metadata:` (or `labels:`) left empty, its fields written at its own column below it
            return Misplacement(name, problem.path, parent + (sibling,), None, replaces=problem)
        break
    up = _enclosing_mapping(parent)  # one level up
    if up is not None and _accepts(body, root, up, name, value):
        return Misplacement(name, problem.path, up, parent[: len(up) + 1], replaces=problem)
    return None


def _enclosing_mapping(path: tuple) -> tuple | None:
    """The path of the mapping that holds the value at ``path`` (skipping a list level)."""
    if not path:
        return None
    if isinstance(path[-1], str):
        return path[:-1]
    up = path
    while up and isinstance(up[-1], int):  # a list item: the mapping holding the list
        up = up[:-1]
    return up[:-1] if up else None


def _accepts(body, root, target: tuple, name: str, value) -> bool:
    data = value_at(body, target)
    if not isinstance(data, dict) or name in data:
        return False
    schema = schema_at(root, target)
    return name in field_names(root, schema) and allows(child(root, schema, name), value)


def _accepts_empty(root, target: tuple, name: str, value) -> bool:
    """An empty (null) value whose schema is a mapping with the field ``name``, or a map of
    strings (labels) and ``value`` a string."""
    schema = schema_at(root, target)
    if is_string_map(schema):
        return isinstance(value, str)
    return isinstance(schema, dict) and name in field_names(root, schema) and allows(child(root, schema, name), value)


def _typed_map_entry(body, root, problem: Problem) -> Misplacement | None:
    """A non-string value in a string map, which the map's parent accepts as a field."""
    map_path, name = problem.path[:-1], problem.path[-1]
    if not map_path or not isinstance(name, str) or not isinstance(map_path[-1], str):
        return None
    if not is_string_map(schema_at(root, map_path)):
        return None
    parent = map_path[:-1]
    if not _accepts(body, root, parent, name, value_at(body, problem.path)):
        return None
    return Misplacement(name, problem.path, parent, map_path, in_map=True, replaces=problem)


def enum_map_entries(body, root) -> list[Misplacement]:
    """String-map entries whose key is a closed-set field of the map's parent, with one of its
    values (``type: ClusterIP`` in a Service's selector), where the parent lacks that field."""
    found = []
    for pattern, fields in enum_sites(root):
        for map_path, entries in _expand(body, pattern):
            if fields.keys().isdisjoint(entries):
                continue  # the common case: no entry named like a field of the parent
            parent = value_at(body, map_path[:-1])
            for name, value in entries.items():
                allowed = fields.get(name)
                if allowed and isinstance(value, str) and value and value in allowed and name not in parent:
                    found.append(Misplacement(name, map_path + (name,), map_path[:-1], map_path, in_map=True))
    return found


def _expand(body, pattern: tuple) -> list[tuple[tuple, dict]]:
    """(path, value) of every non-empty string map matching ``pattern`` (``None``: any list item)."""
    if None not in pattern:  # no list on the way: one place at most
        value = body
        for step in pattern:
            value = value.get(step) if isinstance(value, dict) else None
        return [(pattern, value)] if isinstance(value, dict) and value else []
    current = [((), body)]
    for step in pattern:
        following = []
        for path, value in current:
            if step is None:
                if isinstance(value, list):
                    following.extend((path + (index,), item) for index, item in enumerate(value))
            elif isinstance(value, dict) and step in value:
                following.append((path + (step,), value[step]))
        if not following:
            return []
        current = following
    return [(path, value) for path, value in current if isinstance(value, dict) and value]


_sites_lock = threading.Lock()
_sites: dict[int, tuple[dict, list]] = {}
_MAX_DEPTH = 24
_MAX_CACHED = 512


def enum_sites(root: dict) -> list[tuple[tuple, dict]]:
    """(path pattern of a string map, {sibling field: allowed values}) for every string map
    whose parent has closed-set string fields; computed once per schema."""
    cached = _sites.get(id(root))
    if cached is not None and cached[0] is root:
        return cached[1]
    sites: list = []
    _collect(root, root, (), sites, 0)
    with _sites_lock:
        if len(_sites) >= _MAX_CACHED:  # CRD schemas come and go with runs
            _sites.clear()
        _sites[id(root)] = (root, sites)  # keeps `root` alive, so its id is never reused
    return sites


def _collect(root, schema, pattern: tuple, sites: list, depth: int) -> None:
    if depth > _MAX_DEPTH or not isinstance(schema, dict) or "$ref" in schema:
        return  # recursive definitions (a CRD's JSONSchemaProps) hold no string maps of interest
    properties = schema.get("properties")
    if isinstance(properties, dict):
        enums = {}
        for name, sub in properties.items():
            sub = resolve(root, sub)
            values = sub.get("enum") if isinstance(sub, dict) else None
            if isinstance(values, list) and all(isinstance(v, str) or v is None for v in values):
                enums[name] = frozenset(v for v in values if v)
        for name, sub in properties.items():
            if enums and is_string_map(sub):
                sites.append((pattern + (name,), {k: v for k, v in enums.items() if k != name}))
            _collect(root, sub, pattern + (name,), sites, depth + 1)
    items = schema.get("items")
    if isinstance(items, dict):
        _collect(root, items, pattern + (None,), sites, depth + 1)
