"""The CustomResourceDefinitions of one run: which custom kinds they define, and the schema
each served version gives its resources.

Built once per run from all loaded objects, before any object rule runs, so a custom resource
is checked against a CRD that comes later in the input too.  A version's schema is compiled
the first time something needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kdlint.schema.diagnose import SCHEMA_VIOLATION, Problem
from kdlint.schema.navigate import dotted, short
from kdlint.schema.patterns import valid_regex
from kdlint.schema.structural import DRAFT4, custom_resource_schema
from kdlint.schema.validate import CompiledSchema

CRD_API_VERSIONS = ("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1")


@dataclass
class CrdVersion:
    crd: Any  # the CustomResourceDefinition's K8sObject
    group: str
    version: str
    kind: str
    served: bool
    schema_path: tuple | None  # where openAPIV3Schema sits in the CRD
    open_api: dict | None

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}"


def crd_versions(crd) -> list[CrdVersion]:
    """The versions a CRD object defines (v1, or the removed v1beta1 layout)."""
    spec = crd.get("spec")
    group, kind = crd.get("spec", "group"), crd.get("spec", "names", "kind")
    if not isinstance(spec, dict) or not isinstance(group, str) or not isinstance(kind, str):
        return []
    shared = ("spec", "validation", "openAPIV3Schema")  # v1beta1: one schema for all versions
    versions = spec.get("versions")
    if not isinstance(versions, list) or not versions:
        versions = [{"name": spec.get("version"), "served": True}]
    found = []
    for index, entry in enumerate(versions):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        path = ("spec", "versions", index, "schema", "openAPIV3Schema")
        if not isinstance(crd.get(*path), dict):
            path = shared if isinstance(crd.get(*shared), dict) else None
        open_api = crd.get(*path) if path else None
        found.append(CrdVersion(crd, group, entry["name"], kind, entry.get("served", True) is not False, path, open_api))
    return found


class CrdRegistry:
    def __init__(self, objects, object_meta: dict | None = None):
        self._object_meta = object_meta
        self._versions: dict[tuple[str, str], CrdVersion] = {}
        self._kinds: dict[tuple[str, str], list[CrdVersion]] = {}
        self._compiled: dict[tuple[str, str], CompiledSchema | None] = {}
        self._invalid: dict[tuple[str, str], Problem | None] = {}
        for obj in objects:
            if obj.kind != "CustomResourceDefinition" or obj.api_version not in CRD_API_VERSIONS:
                continue
            for entry in crd_versions(obj):
                kinds = self._kinds.setdefault((entry.group, entry.kind), [])
                if any(e.crd is not obj for e in kinds):
                    continue  # a second CRD for the same kind: the first one wins
                kinds.append(entry)
                if entry.served:
                    self._versions.setdefault((entry.api_version, entry.kind), entry)

    def defines(self, group: str, kind: str) -> bool:
        """Whether a CRD in the input defines ``kind`` in ``group`` (in any version)."""
        return (group, kind) in self._kinds

    def served_versions(self, group: str, kind: str) -> list[str]:
        return [e.version for e in self._kinds.get((group, kind), ()) if e.served]

    def kinds_in(self, group: str) -> list[str]:
        return sorted(kind for g, kind in self._kinds if g == group)

    def entry(self, api_version: str, kind: str) -> CrdVersion | None:
        return self._versions.get((api_version, kind))

    def compiled(self, api_version: str, kind: str) -> CompiledSchema | None:
        """The schema for resources of this served version; ``None`` when the CRD gives none
        (or an invalid one, reported on the CRD), which leaves them unchecked."""
        key = (api_version, kind)
        if key not in self._compiled:
            entry = self._versions.get(key)
            self._compiled[key] = None
            if entry is not None and entry.open_api is not None and self._problem(entry) is None:
                self._compiled[key] = CompiledSchema(custom_resource_schema(entry.open_api, self._object_meta))
        return self._compiled[key]

    def schema_problems(self, crd) -> list[Problem]:
        """Invalid schemas in CRD object ``crd``, at their path inside it."""
        problems = []
        for entry in crd_versions(crd):
            problem = self._problem(entry)
            if problem is not None and problem not in problems:
                problems.append(problem)
        return problems

    def _problem(self, entry: CrdVersion) -> Problem | None:
        if entry.open_api is None:
            return None
        key = (id(entry.crd), entry.schema_path)
        if key not in self._invalid:
            self._invalid[key] = _check(entry.open_api, entry.schema_path)
        return self._invalid[key]


def _check(open_api: dict, base: tuple) -> Problem | None:
    """A problem when ``open_api`` is not a valid schema (the fast validator tells most)."""
    from kdlint.schema.validate import screen_validator

    candidate = {**_without_empty_lists(open_api), "$schema": DRAFT4}
    if screen_validator(candidate) is not False:
        return None
    from jsonschema import Draft4Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft4Validator(Draft4Validator.META_SCHEMA).iter_errors(candidate))
    if error is not None:
        path = base + tuple(error.absolute_path)
        if path and path[-1] == "type":
            message = (
                f"{dotted(path)} is not a schema type: use string, integer, number, boolean, array or object, "
                f"not {short(error.instance)}"
            )
        else:
            message = f"{dotted(path)} is not a valid schema: {error.message}"
        return Problem(SCHEMA_VIOLATION, path, message + _UNCHECKED, at_value=True)
    for path, pattern in _patterns(open_api, base):
        if not valid_regex(pattern):
            return Problem(
                SCHEMA_VIOLATION, path, f"{dotted(path)} is not a valid regular expression: {short(pattern)}" + _UNCHECKED,
                at_value=True,
            )
    return None


_UNCHECKED = "; resources of this version are not checked until it is fixed"


def _patterns(node, path: tuple):
    """(path, pattern) of every ``pattern`` keyword, walking schema positions only."""
    if not isinstance(node, dict):
        return
    if isinstance(node.get("pattern"), str):
        yield path + ("pattern",), node["pattern"]
    for key, value in node.items():
        if key in ("properties", "patternProperties", "definitions") and isinstance(value, dict):
            for name, sub in value.items():
                yield from _patterns(sub, path + (key, name))
        elif key in ("allOf", "anyOf", "oneOf", "items") and isinstance(value, list):
            for index, sub in enumerate(value):
                yield from _patterns(sub, path + (key, index))
        elif key in ("items", "not", "additionalProperties", "additionalItems") and isinstance(value, dict):
            yield from _patterns(value, path + (key,))


def _without_empty_lists(node):
    """``required: []`` and ``enum: []`` constrain nothing, and the API server takes them; only
    JSON Schema draft 4's meta-schema rejects them."""
    if isinstance(node, dict):
        return {k: _without_empty_lists(v) for k, v in node.items() if not (k in ("required", "enum") and v == [])}
    if isinstance(node, list):
        return [_without_empty_lists(v) for v in node]
    return node
