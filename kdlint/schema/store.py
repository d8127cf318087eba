"""Offline, versioned Kubernetes JSON schemas.

The data (``schemas/kubernetes/*.json.gz``, see its ``SOURCE.md``) holds, for every shipped
Kubernetes minor version, the OpenAPI-derived definitions with doc-only keywords removed, and an
index ``apiVersion -> kind -> definition``.  This module turns them into self-contained JSON
schemas that the ``jsonschema`` package can use directly, applying kdlint's rules on the way:

* **strict**: ``additionalProperties: false`` wherever ``properties`` are listed, unless the node
  already says something about additional properties or preserves unknown fields
  (``x-kubernetes-preserve-unknown-fields: true``);
* **null**: the source marks optional fields nullable (``type: [..., "null"]``); Kubernetes drops
  such nulls, so a nullable field with an ``enum`` also accepts ``null``;
* **IntOrString** accepts an integer or a string (or null), **Quantity** a number or a string
  in Kubernetes quantity syntax (or null).  The source's ``oneOf`` forms of both reject ``null``
  (it matches both branches) and are slow; they are replaced by a plain ``type`` list.
* **enums**: well-known closed value sets the source leaves as plain strings (Service ``type``,
  ``protocol``, ``imagePullPolicy``, ...) are added from :mod:`kdlint.schema.enums`.

Pure library code: no printing, no network.
"""

from __future__ import annotations

import gzip
import re
import threading
from functools import cache
from typing import Any

import orjson

from kdlint.resources import schemas_root
from kdlint.schema.building import REF_PREFIX as _REF_PREFIX
from kdlint.schema.building import _harden, _map_subschemas, _recursive_names, _refs_in
from kdlint.schema.enums import with_enums
from kdlint.schema.removed import REMOVED_BEFORE_OLDEST

__all__ = [
    "SchemaStore",
    "shipped_versions",
    "pick_version",
    "api_version_sort_key",
    "REMOVED_BEFORE_OLDEST",
]

DRAFT = "http://json-schema.org/draft-07/schema#"

INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"

# Kubernetes resource.Quantity serialisation: a signed decimal number followed by an optional
# suffix, either binary-SI (Ki..Ei), decimal-SI (n, u, m, k, M, G, T, P, E) or a decimal
# exponent (e3, E-2).  Mirrors the parser in k8s.io/apimachinery/pkg/api/resource.
# The end is written as a lookahead, not ``$``: Python's ``$`` also matches before a final
# newline, the Rust engine of the jsonschema-rs screen does not; both must agree.
QUANTITY_PATTERN = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$"  # RE2 and ECMA-262 read `$` as the end of the text (Python would allow a final newline)


# --------------------------------------------------------------------------- versions

def _vtuple(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def _data() -> tuple[dict[str, list[dict]], dict[str, dict]]:
    return _definitions(), _versions()


@cache
def _definitions() -> dict[str, list[dict]]:
    with gzip.open(schemas_root() / "kubernetes" / "definitions.json.gz", "rb") as fh:
        return orjson.loads(fh.read())["definitions"]  # 1.6x json.load: a cold run reads both files


@cache
def _versions() -> dict[str, dict]:
    """Which kinds each shipped version serves: small, read without the definitions."""
    with gzip.open(schemas_root() / "kubernetes" / "versions.json.gz", "rb") as fh:
        return orjson.loads(fh.read())["versions"]


@cache
def _shipped() -> tuple[str, ...]:
    return tuple(sorted(_versions(), key=_vtuple))


def shipped_versions() -> list[str]:
    """Kubernetes minor versions with bundled schemas, oldest first (e.g. ``["1.25", ...]``)."""
    return list(_shipped())


_VERSION_RE = re.compile(r"^\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?\s*$")


def pick_version(requested: str | None) -> str:
    """The newest shipped version not newer than ``requested``.

    Accepts ``"1.28"``, ``"v1.28"``, ``"1.28.3"`` (and a ``-suffix``/``+build`` as printed by
    managed clusters, e.g. ``"v1.28.3-eks-1"``).  ``None`` means the newest shipped version.  A
    malformed request, or one older than the oldest shipped version, raises ``ValueError``.
    """
    shipped = _shipped()
    if requested is None:
        return shipped[-1]
    m = _VERSION_RE.match(str(requested))
    choices = ", ".join(shipped)
    if not m:
        raise ValueError(
            f"invalid Kubernetes version {requested!r}: expected MAJOR.MINOR such as "
            f"{shipped[-1]!r}; shipped schema versions: {choices}"
        )
    want = (int(m.group(1)), int(m.group(2)))
    candidates = [v for v in shipped if _vtuple(v) <= want]
    if not candidates:
        raise ValueError(
            f"Kubernetes version {requested!r} is older than the oldest shipped schema version "
            f"{shipped[0]}; shipped schema versions: {choices}"
        )
    return candidates[-1]


_API_VERSION_RE = re.compile(r"^v(\d+)(?:(alpha|beta)(\d+))?$")


def api_version_sort_key(api_version: str) -> tuple:
    """Sort key: higher means newer/more stable (Kubernetes version priority within a group).

    GA beats beta beats alpha; within a stability level the higher major, then minor, wins
    (``v2 > v1 > v1beta2 > v1beta1 > v1alpha1``).  Unparseable versions sort lowest.
    """
    _group, _, version = api_version.rpartition("/")
    m = _API_VERSION_RE.match(version)
    if not m:
        return (-1, 0, 0, version)
    level = {None: 2, "beta": 1, "alpha": 0}[m.group(2)]
    return (level, int(m.group(1)), int(m.group(3) or 0), version)


def _group_of(api_version: str) -> str:
    group, _, _ = api_version.rpartition("/")
    return group


_SPECIAL_DEFS: dict[str, dict] = {
    INT_OR_STRING: {"type": ["integer", "string", "null"]},
    QUANTITY: {"type": ["string", "number", "null"], "pattern": QUANTITY_PATTERN},
}


# --------------------------------------------------------------------------- the store

class SchemaStore:
    """Schemas and API-availability facts for one shipped Kubernetes minor version.

    ``SchemaStore(requested)`` picks the version with :func:`pick_version` and returns a cached
    instance per picked version.  Returned schemas are shared: treat them as read-only.
    """

    _instances: dict[str, "SchemaStore"] = {}
    _lock = threading.Lock()

    version: str

    def __new__(cls, version: str | None = None) -> "SchemaStore":
        picked = pick_version(version)
        with cls._lock:
            inst = cls._instances.get(picked)
            if inst is None:
                inst = super().__new__(cls)
                inst._init(picked)
                cls._instances[picked] = inst
        return inst

    def _init(self, version: str) -> None:
        definitions, versions = _data()
        entry = versions[version]
        self.version = version
        self._def_index: dict[str, int] = entry["definitions"]
        self._kinds: dict[str, dict[str, str]] = entry["kinds"]
        self._all_defs = definitions
        self._by_kind: dict[str, list[str]] = {}
        for api_version, kinds in self._kinds.items():
            for kind in kinds:
                self._by_kind.setdefault(kind, []).append(api_version)
        for avs in self._by_kind.values():
            avs.sort(key=lambda av: (api_version_sort_key(av), av), reverse=True)
        # Built lazily, only for the definitions a requested kind reaches (a small file needs few).
        self._hardened: dict[str, dict] = {}
        self._graph: dict[str, set[str]] = {}
        self._recursive: set[str] = set()
        self._analysed: set[str] = set()  # definitions whose reference cycles are known
        self._linked: dict[str, Any] = {}
        self._schemas: dict[tuple[str, str], dict | None] = {}
        self._build_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SchemaStore({self.version!r})"

    # -- availability ------------------------------------------------------------------

    def has_kind(self, kind: str) -> bool:
        """Whether any apiVersion serves ``kind`` in this Kubernetes version."""
        return isinstance(kind, str) and kind in self._by_kind

    def api_versions_for(self, kind: str) -> list[str]:
        """apiVersions serving ``kind`` in this version, newest (preferred) first."""
        if not isinstance(kind, str):
            return []
        return list(self._by_kind.get(kind, ()))

    def serves(self, api_version: str, kind: str) -> bool:
        """Whether ``api_version`` serves ``kind`` in this version."""
        if not isinstance(api_version, str) or not isinstance(kind, str):
            return False
        return kind in self._kinds.get(api_version, ())

    def kinds(self) -> dict[str, list[str]]:
        """``{kind: [apiVersion, ...]}`` for this version (newest apiVersion first)."""
        return {k: list(v) for k, v in self._by_kind.items()}

    def is_builtin_api_version(self, api_version: str) -> bool:
        """Whether ``api_version`` is (or was) a built-in Kubernetes API group version.

        True when it serves some kind in any shipped version or is listed in
        :data:`REMOVED_BEFORE_OLDEST`; an unknown kind under such an apiVersion is not a
        custom resource.
        """
        return is_builtin_api_version(api_version)

    def removed(self, api_version: str, kind: str) -> str | None:
        """Whether ``kind`` at ``api_version`` is a built-in API this version no longer serves.

        Returns ``None`` when it is served here or was never a built-in API (a custom
        resource, or an API that only appears in a newer version).  Otherwise returns the
        replacement: the newest apiVersion serving ``kind`` in this version (preferring the same
        API group), or ``""`` when the kind has no replacement here (e.g. PodSecurityPolicy).
        """
        if self.removed_in(api_version, kind) is None:
            return None
        candidates = self._by_kind.get(kind, [])
        if not candidates:
            return ""
        group = _group_of(api_version)
        same_group = [av for av in candidates if _group_of(av) == group]
        return (same_group or candidates)[0]

    def removed_in(self, api_version: str, kind: str) -> str | None:
        """The Kubernetes version that stopped serving ``kind`` at ``api_version``, if it is not
        served in this version but was served before (``None`` otherwise)."""
        if not isinstance(api_version, str) or not isinstance(kind, str):
            return None
        if self.serves(api_version, kind):
            return None
        shipped = _shipped()
        last_served = None
        for v in shipped:
            if _vtuple(v) > _vtuple(self.version):
                break
            if kind in _versions()[v]["kinds"].get(api_version, ()):
                last_served = v
        if last_served is not None:
            return shipped[shipped.index(last_served) + 1]
        return REMOVED_BEFORE_OLDEST.get((api_version, kind))

    # -- schemas -------------------------------------------------------------------------

    def definition_name(self, api_version: str, kind: str) -> str | None:
        """OpenAPI definition name for (apiVersion, kind), e.g. ``io.k8s.api.apps.v1.Deployment``."""
        if not isinstance(api_version, str) or not isinstance(kind, str):
            return None
        return self._kinds.get(api_version, {}).get(kind)

    def schema_for(self, api_version: str, kind: str) -> dict | None:
        """Self-contained strict JSON schema (draft 7) for the kind, or ``None`` if not served.

        Non-recursive definitions are inlined; definitions on a reference cycle (the CRD's
        ``JSONSchemaProps``) stay in ``definitions`` and are referenced with ``$ref``.
        """
        if not isinstance(api_version, str) or not isinstance(kind, str):
            return None
        key = (api_version, kind)
        if key in self._schemas:
            return self._schemas[key]
        name = self.definition_name(api_version, kind)
        schema = None if name is None else self._build(name)
        with self._build_lock:
            self._schemas.setdefault(key, schema)
        return self._schemas[key]

    def definition_schema(self, name: str) -> dict | None:
        """The strict schema of one non-recursive definition (e.g. ``ObjectMeta``), to embed
        in other schemas; ``None`` when this version has no such definition."""
        if name not in self._def_index:
            return None
        with self._build_lock:
            self._analyse(name)
            return None if name in self._recursive else self._link(self._definition(name))

    def _definition(self, name: str) -> dict:
        """The hardened body of definition ``name`` (which must exist in this version)."""
        body = self._hardened.get(name)
        if body is None:
            special = _SPECIAL_DEFS.get(name)
            raw = self._all_defs[name][self._def_index[name]]
            body = self._hardened[name] = dict(special) if special else _harden(with_enums(name, raw))
            self._graph[name] = _refs_in(body, set())
        return body

    def _analyse(self, name: str) -> None:
        """Find the reference cycles among the definitions ``name`` reaches.  Whether a
        definition is on a cycle depends only on what it reaches, so this is exact for all of them."""
        if name in self._analysed:
            return
        closure = {name} | self._reachable(name)
        self._recursive |= _recursive_names({n: self._graph[n] for n in closure})
        self._analysed |= closure

    def _link(self, node: Any) -> Any:
        """Replace ``$ref`` to non-recursive definitions by the (shared) linked definition."""
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
                target = ref[len(_REF_PREFIX):]
                if target in self._recursive:
                    return {"$ref": "#/definitions/" + target}
                if target not in self._def_index:
                    return {}  # dangling reference in the source: accept anything
                linked = self._linked.get(target)
                if linked is None:
                    linked = self._link(self._definition(target))
                    self._linked[target] = linked
                return linked
            return _map_subschemas(node, self._link)
        return node

    def _build(self, name: str) -> dict:
        with self._build_lock:
            self._analyse(name)
            root = self._link(self._definition(name))
            needed: set[str] = set()
            todo = [name] if name in self._recursive else []
            todo += [t for t in self._reachable(name) if t in self._recursive]
            needed.update(todo)
            schema = {"$schema": DRAFT, **root}
            if needed:
                schema["definitions"] = {
                    n: self._link_recursive_body(n) for n in sorted(needed)
                }
            return schema

    def _link_recursive_body(self, name: str) -> Any:
        key = "\0rec:" + name
        linked = self._linked.get(key)
        if linked is None:
            linked = _map_subschemas(self._definition(name), self._link)
            self._linked[key] = linked
        return linked

    def _reachable(self, name: str) -> set[str]:
        """The definitions ``name`` references, directly or not (hardening them on the way)."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            cur = todo.pop()
            self._definition(cur)
            for child in self._graph[cur]:
                if child in self._def_index and child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen


def is_builtin_api_version(api_version: str) -> bool:
    """`SchemaStore.is_builtin_api_version`, without loading any schema."""
    return isinstance(api_version, str) and api_version in _builtin_api_versions()


@cache
def _builtin_api_versions() -> frozenset[str]:
    versions = _versions()
    names = {av for entry in versions.values() for av in entry["kinds"]}
    names.update(av for av, _kind in REMOVED_BEFORE_OLDEST)
    return frozenset(names)
