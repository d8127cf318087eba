"""Where one run finds the schema of an apiVersion/kind, and whether that apiVersion exists in
the target Kubernetes version.

Order: a CustomResourceDefinition in the input (the truth for that run), then the bundled
schemas of the target version, then ``--schema-dir`` directories.
"""

from __future__ import annotations

from typing import NamedTuple

from kdlint.schema.crds import CrdRegistry
from kdlint.schema.navigate import field_names, schema_at
from kdlint.schema.schema_dirs import SchemaDirs
from kdlint.schema.store import SchemaStore, shipped_versions
from kdlint.schema.validate import CompiledSchema, compiled_for_kind

_UNKNOWN = object()  # not looked up yet
OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

BUILTIN, CRD, CRD_WITHOUT_SCHEMA, CRD_NOT_SERVED, SCHEMA_DIR, NONE = (
    "builtin", "crd", "crd-without-schema", "crd-not-served", "schema-dir", "none",
)


class Lookup(NamedTuple):
    source: str  # one of the constants above
    compiled: CompiledSchema | None = None
    origin: object = None  # the CRD object, or the schema file


class Unavailable(NamedTuple):
    """An apiVersion/kind the target version does not serve."""

    target: str  # the target Kubernetes version
    removed_in: str | None = None
    replacement: str | None = None  # the apiVersion to use instead, when there is one
    added_in: str | None = None  # when it only exists in newer versions


class SchemaCatalog:
    def __init__(self, store: SchemaStore, objects=(), dirs: SchemaDirs | None = None):
        self.store = store
        self.object_meta = store.definition_schema(OBJECT_META)
        self.crds = CrdRegistry(objects, self.object_meta)
        self.dirs = dirs
        self._lookups: dict[tuple[str, str], Lookup] = {}
        self._unavailable: dict[tuple[str, str], Unavailable | None] = {}

    def lookup(self, api_version: str, kind: str) -> Lookup:
        key = (api_version, kind)
        found = self._lookups.get(key)
        if found is None:
            found = self._lookups[key] = self._lookup(api_version, kind)
        return found

    def unavailable(self, api_version: str, kind: str) -> Unavailable | None:
        """Why the target version does not serve this built-in apiVersion/kind, if it does not."""
        key = (api_version, kind)
        found = self._unavailable.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._unavailable[key] = self._why_unavailable(api_version, kind)
        return found

    def _lookup(self, api_version: str, kind: str) -> Lookup:
        group = api_version.rpartition("/")[0]
        if self.crds.defines(group, kind):
            entry = self.crds.entry(api_version, kind)
            if entry is None:
                return Lookup(CRD_NOT_SERVED)
            compiled = self.crds.compiled(api_version, kind)
            return Lookup(CRD if compiled else CRD_WITHOUT_SCHEMA, compiled, entry.crd)
        compiled = compiled_for_kind(self.store, api_version, kind)
        if compiled is not None:
            return Lookup(BUILTIN, compiled)
        found = self.dirs.lookup(api_version, kind, self.object_meta) if self.dirs else None
        if found is not None:
            return Lookup(SCHEMA_DIR, found[1], found[0])
        return Lookup(NONE)

    def added_in(self, api_version: str, kind: str, path: tuple, name: str) -> str | None:
        """The first shipped version newer than the target whose schema has field ``name`` in
        the mapping at ``path`` of a built-in kind (``None`` when none has it)."""
        for version in shipped_versions():
            if not _newer(version, self.store.version):
                continue
            root = SchemaStore(version).schema_for(api_version, kind)
            if root is not None and name in field_names(root, schema_at(root, path)):
                return version
        return None

    def same_schema(self, api_version: str, kind: str, replacement: str) -> bool:
        """Whether ``kind`` at ``replacement`` in the target version has exactly the schema it had
        at ``api_version`` in the last shipped version that served it (the apiVersion field aside):
        then changing the apiVersion changes nothing else."""
        served = [
            v for v in shipped_versions()
            if not _newer(v, self.store.version) and SchemaStore(v).serves(api_version, kind)
        ]
        if not served:
            return False  # removed before the oldest shipped version: its schema is not here
        old = SchemaStore(served[-1]).schema_for(api_version, kind)
        new = self.store.schema_for(replacement, kind)
        return old is not None and new is not None and _version_free(old) == _version_free(new)

    def _why_unavailable(self, api_version: str, kind: str) -> Unavailable | None:
        store = self.store
        if store.serves(api_version, kind) or not store.is_builtin_api_version(api_version):
            return None
        removed_in = store.removed_in(api_version, kind)
        if removed_in is not None:
            return Unavailable(store.version, removed_in=removed_in, replacement=store.removed(api_version, kind) or None)
        for version in shipped_versions():
            if _newer(version, store.version) and SchemaStore(version).serves(api_version, kind):
                return Unavailable(store.version, added_in=version)
        return None


def _version_free(schema):
    """The schema without what names its own apiVersion."""
    if isinstance(schema, list):
        return [_version_free(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    cleaned = {k: _version_free(v) for k, v in schema.items() if k != "x-kubernetes-group-version-kind"}
    if isinstance(cleaned.get("properties"), dict):
        cleaned["properties"] = {k: v for k, v in cleaned["properties"].items() if k != "apiVersion"}
    return cleaned


def _newer(a: str, b: str) -> bool:
    return tuple(map(int, a.split("."))) > tuple(map(int, b.split(".")))
