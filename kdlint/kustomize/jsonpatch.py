"""JSON patches (RFC 6902: https://www.rfc-editor.org/rfc/rfc6902) applied to a resource, with provenance."""

from __future__ import annotations

import copy

from kdlint.kustomize.model import Resource


class PatchError(Exception):
    """An operation kustomize would reject (missing path, failed test, bad pointer)."""


def parse_pointer(pointer) -> list[str]:
    if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
        raise PatchError(f"{pointer!r} is not a JSON pointer (it must start with '/')")
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]] if pointer else []


class JsonPatch:
    def __init__(self, resource: Resource, origin_of):
        self.resource = resource
        self.origin_of = origin_of  # operation index, field -> Origin

    def apply(self, operations: list):
        for index, op in enumerate(operations):
            if not isinstance(op, dict):
                raise PatchError(f"operation {index + 1} is not a mapping")
            name = op.get("op")
            handler = getattr(self, f"_{name}", None) if name in ("add", "remove", "replace", "move", "copy", "test") else None
            if handler is None:
                raise PatchError(f"operation {index + 1}: unknown op {name!r}")
            try:
                handler(index, op)
            except PatchError as exc:
                raise PatchError(f"operation {index + 1} ({name} {op.get('path')}): {exc}") from None

    # --- navigation ----------------------------------------------------------------------------
    def _parent(self, pointer):
        parts = parse_pointer(pointer)
        if not parts:
            raise PatchError("the whole object cannot be the target")
        node, path = self.resource.body, ()
        for part in parts[:-1]:
            node, key = self._child(node, part)
            path += (key,)
        return node, parts[-1], path

    @staticmethod
    def _child(node, part):
        if isinstance(node, dict):
            if part not in node:
                raise PatchError(f"missing key {part!r}")
            return node[part], part
        if isinstance(node, list):
            index = _index(part, len(node) - 1)
            return node[index], index
        raise PatchError(f"cannot step into a scalar at {part!r}")

    def _value(self, op, field="value"):
        if field not in op:
            raise PatchError(f"no {field!r} given")
        return copy.deepcopy(op[field])

    # --- operations ----------------------------------------------------------------------------
    def _insert(self, pointer, value, origin):
        parent, last, path = self._parent(pointer)
        if isinstance(parent, dict):
            parent[last] = value
            self.resource.record(path + (last,), origin)
        elif isinstance(parent, list):
            index = len(parent) if last == "-" else _index(last, len(parent))
            parent.insert(index, value)
            sources = list(range(len(parent) - 1))
            sources.insert(index, None)
            self.resource.reindex(path, sources)
            self.resource.record(path + (index,), origin)
        else:
            raise PatchError("the parent is a scalar")

    def _take(self, pointer):
        parent, last, path = self._parent(pointer)
        if isinstance(parent, dict):
            if last not in parent:
                raise PatchError(f"missing key {last!r}")
            origin = self.resource.lookup(path + (last,))
            return parent.pop(last), origin
        if isinstance(parent, list):
            index = _index(last, len(parent) - 1)
            origin = self.resource.lookup(path + (index,))
            value = parent.pop(index)
            self.resource.reindex(path, [i for i in range(len(parent) + 1) if i != index])
            return value, origin
        raise PatchError("the parent is a scalar")

    def _add(self, index, op):
        self._insert(op.get("path"), self._value(op), self.origin_of(index, "value"))

    def _remove(self, index, op):
        self._take(op.get("path"))

    def _replace(self, index, op):
        parent, last, path = self._parent(op.get("path"))
        if isinstance(parent, dict) and last in parent:
            parent[last] = self._value(op)
            self.resource.record(path + (last,), self.origin_of(index, "value"))
        elif isinstance(parent, list):
            position = _index(last, len(parent) - 1)
            parent[position] = self._value(op)
            self.resource.record(path + (position,), self.origin_of(index, "value"))
        elif isinstance(parent, dict):
            raise PatchError(f"missing key {last!r}")
        else:
            raise PatchError("the parent is a scalar")

    def _move(self, index, op):
        value, origin = self._take(op.get("from"))
        self._insert(op.get("path"), value, origin)

    def _copy(self, index, op):
        parent, last, path = self._parent(op.get("from"))
        value, key = self._child(parent, last)
        self._insert(op.get("path"), copy.deepcopy(value), self.resource.lookup(path + (key,)))

    def _test(self, index, op):
        parent, last, _ = self._parent(op.get("path"))
        value, _ = self._child(parent, last)
        if value != op.get("value"):
            raise PatchError(f"the value is {value!r}, not {op.get('value')!r}")


def _index(text: str, highest: int) -> int:
    if not text.isdigit() or (text != "0" and text.startswith("0")):
        raise PatchError(f"{text!r} is not a list index")
    index = int(text)
    if index > highest:
        raise PatchError(f"index {index} is past the end of the list")
    return index
