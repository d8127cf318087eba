"""What a rendering produces (Rendering, RenderedObject, Note, Provenance) and the Resource it is built from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from kdlint.load.documents import Document

Origin = tuple  # (index into the rendering's documents, path inside that document's body)


class Note(NamedTuple):
    feature: str  # e.g. "helmCharts", "remote resource", "missing file"
    message: str  # what was not rendered and what the user can do
    file: str
    line: int
    column: int
    kind: str = "unsupported"  # "unsupported": kdlint does not render it; "error": kustomize itself would fail


class BuildError(Exception):
    """Stops one step of a kustomization, as kustomize would stop; `where` is (file, line, column)."""

    def __init__(self, feature: str, message: str, where: tuple):
        super().__init__(message)
        self.feature, self.where = feature, where


class Provenance:
    """Where each rendered value came from: rendered path -> (document, path in its body).

    Only the paths where the source changes are recorded; any other path takes its nearest
    recorded ancestor and the rest of the path is followed inside that ancestor's source.
    """

    __slots__ = ("documents", "entries")

    def __init__(self, documents: tuple, entries: dict):
        self.documents = documents  # shared by every object of one rendering
        self.entries = entries

    def origin(self, path: tuple) -> tuple[Document, tuple]:
        path = tuple(path)
        found = path
        while found not in self.entries and found:
            found = found[:-1]
        index, source = self.entries.get(found, (0, ()))
        return self.documents[index], source + path[len(found):]

    def __getstate__(self):
        return self.documents, self.entries

    def __setstate__(self, state):
        self.documents, self.entries = state


@dataclass
class RenderedObject:
    body: dict
    provenance: Provenance

    def origin(self, path: tuple) -> tuple[Document, tuple]:
        return self.provenance.origin(path)

    def source(self) -> tuple[str, int]:
        """(file, line) of the object's own definition: its metadata.name there, or the generator entry."""
        document, root = self.provenance.origin(())
        line, _ = document.positions.key(root + ("metadata", "name"))
        return document.path, line

    def position(self, path: tuple) -> tuple[str, int, int]:
        """(file, line, column) of the value at `path`, in the file it came from."""
        document, source = self.provenance.origin(path)
        line, column = document.positions.value(source)
        return document.path, line, column


@dataclass
class Rendering:
    directory: str
    kustomization: str
    objects: list[RenderedObject] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    complete: bool = True

    @property
    def failed(self) -> bool:
        return any(note.kind == "error" for note in self.notes)


class ResId(NamedTuple):
    group: str
    version: str
    kind: str
    name: str
    namespace: str  # "" when unset

    def key(self) -> tuple:
        """Equal for ids kustomize takes as one object: an unset namespace is `default`."""
        return self.group, self.version, self.kind, self.name, self.namespace or "default"

    def same(self, other: ResId) -> bool:
        return self.key() == other.key()

    def text(self) -> str:
        """Kind/namespace/name, as kdlint names objects elsewhere."""
        return "/".join(part for part in (self.kind, self.namespace, self.name) if part)


def as_text(value) -> str:
    """A label or annotation value as kustomize writes it: YAML scalars become their text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def split_api_version(api_version) -> tuple[str, str]:
    text = api_version if isinstance(api_version, str) else ""
    group, _, version = text.rpartition("/")
    return group, version


@dataclass
class Resource:
    """One object while it is being rendered: its body, where its values came from, its name history."""

    body: dict
    origins: dict  # rendered path -> Origin; see Provenance
    previous: list = field(default_factory=list)  # ResIds before each rename or namespace change
    prefixes: list = field(default_factory=list)
    suffixes: list = field(default_factory=list)
    needs_hash: bool = False
    behavior: str = "create"  # generated objects: create, merge or replace

    @property
    def meta(self) -> dict:
        meta = self.body.get("metadata")
        return meta if isinstance(meta, dict) else {}

    @property
    def kind(self) -> str:
        kind = self.body.get("kind")
        return kind if isinstance(kind, str) else ""

    @property
    def name(self) -> str:
        name = self.meta.get("name")
        return name if isinstance(name, str) else ""

    @property
    def namespace(self) -> str:
        namespace = self.meta.get("namespace")
        return namespace if isinstance(namespace, str) else ""

    def current_id(self) -> ResId:
        group, version = split_api_version(self.body.get("apiVersion"))
        return ResId(group, version, self.kind, self.name, self.namespace)

    def original_id(self) -> ResId:
        return self.previous[0] if self.previous else self.current_id()

    def all_ids(self) -> list[ResId]:
        return [self.current_id(), *self.previous]

    def remember_id(self):
        current = self.current_id()
        if not self.previous or self.previous[-1] != current:
            self.previous.append(current)

    # --- provenance -----------------------------------------------------------------------
    def lookup(self, path: tuple) -> Origin:
        found = path
        while found not in self.origins and found:
            found = found[:-1]
        index, source = self.origins.get(found, (0, ()))
        return index, source + path[len(found):]

    def record(self, path: tuple, origin: Origin):
        """The value at `path` (and all below it) now comes from `origin`."""
        depth = len(path)
        for stale in [p for p in self.origins if len(p) > depth and p[:depth] == path]:
            del self.origins[stale]
        self.origins[path] = origin

    def reindex(self, list_path: tuple, sources: list):
        """The list at `list_path` was rebuilt: item j is old item sources[j] (None: a new item)."""
        depth = len(list_path)
        kept = {i: self.lookup(list_path + (i,)) for i in sources if i is not None}
        below: dict = {}
        for path in [p for p in self.origins if len(p) > depth and p[:depth] == list_path]:
            below.setdefault(path[depth], []).append((path[depth + 1:], self.origins.pop(path)))
        for j, i in enumerate(sources):
            if i is None:
                continue
            self.origins[list_path + (j,)] = kept[i]
            for rest, origin in below.get(i, ()):
                if rest:
                    self.origins[list_path + (j,) + rest] = origin
