"""Kubernetes objects as kdlint sees them: identity, data and where they sit in a file."""

from __future__ import annotations

import re

from kdlint.findings import ObjectId
from kdlint.load.documents import Document
from kdlint.model.kinds import CLUSTER_SCOPED, api_group


_MISSING = object()


class K8sObject:
    """One Kubernetes object of the input, compared and hashed by identity. A plain class, not a
    dataclass: making a dataclass costs more at import than all the objects of a small run."""

    __slots__ = ("api_version", "kind", "namespace", "name", "body", "doc", "base", "root", "labels", "provenance")

    def __init__(self, api_version: str, kind: str, namespace: str | None, name: str, body: dict, doc: Document,
                 base: tuple = (), root: str | None = None, labels: dict | None = None, provenance: object = None) -> None:
        self.api_version = api_version
        self.kind = kind
        self.namespace = namespace  # None for cluster-scoped kinds
        self.name = name
        self.body = body
        self.doc = doc
        self.base = base  # path of the object inside its document (("items", 3) in a List)
        self.root = root  # the command-line path it was found under
        self.labels = {} if labels is None else labels
        self.provenance = provenance  # kdlint.kustomize Provenance of a rendered object: which file each field came from

    @property
    def id(self) -> ObjectId:
        return ObjectId(self.api_version, self.kind, self.namespace, self.name)

    @property
    def ref(self) -> tuple[str, str | None, str]:
        return (self.kind, self.namespace, self.name)

    @property
    def group(self) -> str:
        return api_group(self.api_version)

    @property
    def file(self) -> str:
        return self.doc.path

    def origin(self, path=()) -> tuple[Document, tuple]:
        """The document the value at `path` was written in, and its path there (a rendered object's
        fields come from bases, patches and kustomization files)."""
        if self.provenance is None:
            return self.doc, self.base + tuple(path)
        return self.provenance.origin(tuple(path))

    def may_be_reported_in(self, files) -> bool:
        """Whether a finding at this object may land in `files`: it is written there, or rendered
        (its fields come from a kustomization's files, wherever they are)."""
        return self.file in files or self.provenance is not None

    def key_position(self, path=()) -> tuple[int, int]:
        doc, where = self.origin(path)
        return doc.positions.key(where)

    def value_position(self, path=()) -> tuple[int, int]:
        doc, where = self.origin(path)
        return doc.positions.value(where)

    def locate(self, path=(), at_value: bool = False) -> tuple[str, int, int]:
        """(file, line, column) of the key (or value) at `path`."""
        doc, where = self.origin(path)
        line, column = doc.positions.value(where) if at_value else doc.positions.key(where)
        return doc.path, line, column

    def get(self, *path, default=None):
        """The value at `path`, or `default` when any step is missing or of the wrong type."""
        value = self.body
        for step in path:
            if value.__class__ is dict and step.__class__ is str:  # nearly every step: rules read bodies a lot
                value = value.get(step, _MISSING)
                if value is _MISSING:
                    return default
            elif isinstance(step, int):
                if not isinstance(value, list) or not -len(value) <= step < len(value):
                    return default
                value = value[step]
            elif not isinstance(value, dict) or step not in value:
                return default
            else:
                value = value[step]
        return value


def namespace_for(kind: str, metadata: dict, default_namespace: str, cluster_kinds=frozenset()) -> str | None:
    """The one place where namespace defaulting happens."""
    if kind in CLUSTER_SCOPED or kind in cluster_kinds:
        return None
    namespace = metadata.get("namespace")
    return namespace if isinstance(namespace, str) and namespace else default_namespace


def is_manifest(body) -> bool:
    return (
        isinstance(body, dict)
        and isinstance(body.get("apiVersion"), str)
        and isinstance(body.get("kind"), str)
    )


def cluster_scoped_custom_kinds(documents: list[Document]) -> frozenset[str]:
    """Kinds that CustomResourceDefinitions in the input declare as cluster-scoped."""
    kinds = set()
    for doc in documents:
        kind = doc.body.get("kind") if isinstance(doc.body, dict) else None
        if kind != "CustomResourceDefinition" and not (isinstance(kind, str) and kind.endswith("List")):
            continue  # neither a CRD nor a list that may hold one: most documents
        for body, _ in _manifests(doc.body, ()):
            if body.get("kind") == "CustomResourceDefinition":
                spec = body.get("spec") if isinstance(body.get("spec"), dict) else {}
                names = spec.get("names") if isinstance(spec.get("names"), dict) else {}
                if spec.get("scope") == "Cluster" and isinstance(names.get("kind"), str):
                    kinds.add(names["kind"])
    return frozenset(kinds)


def objects_from(doc: Document, default_namespace: str, cluster_kinds=frozenset(), root=None) -> list[K8sObject]:
    body = doc.body
    if not is_manifest(body):
        return []
    if not body["kind"].endswith("List"):  # one object: most documents
        return [make_object(body, doc, (), default_namespace, cluster_kinds, root)]
    return [make_object(item, doc, base, default_namespace, cluster_kinds, root) for item, base in _manifests(body, ())]


def make_object(body: dict, doc: Document, base: tuple, default_namespace: str, cluster_kinds=frozenset(),
                root=None, provenance=None) -> K8sObject:
    """The object a manifest body stands for (`is_manifest(body)` holds)."""
    metadata = body.get("metadata")
    if not isinstance(metadata, dict):
        metadata = {}
    name = metadata.get("name")
    labels = metadata.get("labels")
    kind = body["kind"]
    return K8sObject(
        body["apiVersion"], kind, namespace_for(kind, metadata, default_namespace, cluster_kinds),
        str(name) if name is not None else "", body, doc, base, root, labels if isinstance(labels, dict) else {}, provenance,
    )


def _manifests(body, base):
    """(object body, path) for a manifest, expanding `kind: List` and `*List` items."""
    if not is_manifest(body):
        return
    items = body.get("items")
    if body["kind"].endswith("List") and isinstance(items, list):
        for index, item in enumerate(items):
            yield from _manifests(item, base + ("items", index))
        return
    yield body, base


# patterns, compiled on first use (re keeps them): only a document that did not parse needs them
_TOP_LEVEL = r"(?m)^(apiVersion|kind):\s*['\"]?([^'\"#\s]+)"
_METADATA_FIELD = r"^\s+(name|namespace):\s*['\"]?([^'\"#\s]+)"


def guess_identity(doc: Document, default_namespace: str) -> ObjectId | None:
    """Best-effort identity of a document that did not parse, read from its text."""
    text = "\n".join(doc.lines[doc.start_line - 1:doc.end_line])
    top = dict(re.findall(_TOP_LEVEL, text))
    if "kind" not in top:
        return None
    metadata = {}
    inside = False
    for line in text.split("\n"):
        if line.startswith("metadata:"):
            inside = True
        elif inside and line[:1] not in (" ", "\t", "#", ""):
            break
        elif inside:
            match = re.match(_METADATA_FIELD, line)
            if match:
                metadata.setdefault(match.group(1), match.group(2))
    kind = top["kind"]
    return ObjectId(
        top.get("apiVersion", ""),
        kind,
        namespace_for(kind, metadata, default_namespace),
        metadata.get("name", ""),
    )
