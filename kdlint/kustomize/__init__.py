"""Placeholder until the renderer lands: resources and namespace only (replaced by the real renderer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kdlint.load.documents import load_documents
from kdlint.load.sources import display_path

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


def kustomization_file(directory: Path) -> Path | None:
    for name in KUSTOMIZATION_FILES:
        if (directory / name).is_file():
            return directory / name
    return None


def _default_load(path: Path):
    return load_documents(display_path(path), path.read_text())


def _spec(directory: Path, load):
    file = kustomization_file(directory)
    if file is None:
        return None, None
    docs = load(file)
    return file, (docs[0] if docs and isinstance(docs[0].body, dict) else None)


def referenced_paths(directory: Path, load=None) -> list[Path]:
    load = load or _default_load
    file, doc = _spec(directory, load)
    if doc is None:
        return []
    found = []
    for entry in (doc.body.get("resources") or []) + (doc.body.get("bases") or []):
        if isinstance(entry, str) and "://" not in entry:
            found.append(directory / entry)
    return found


class Provenance:
    def __init__(self, doc, base):
        self.doc, self.base = doc, base

    def origin(self, path):
        return self.doc, self.base + tuple(path)


@dataclass
class RenderedObject:
    body: dict
    provenance: Provenance


@dataclass
class Rendering:
    directory: str
    kustomization: str
    objects: list = field(default_factory=list)
    files: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    complete: bool = True


def render(directory: Path, load=None, _depth=0) -> Rendering:
    import copy

    load = load or _default_load
    file, doc = _spec(directory, load)
    result = Rendering(display_path(directory), display_path(file) if file else "")
    if doc is None or _depth > 20:
        return result
    result.files.append(display_path(file))
    for path in referenced_paths(directory, load):
        if path.is_dir():
            inner = render(path, load, _depth + 1)
            result.objects += inner.objects
            result.files += inner.files
        elif path.is_file():
            result.files.append(display_path(path))
            for d in load(path):
                if isinstance(d.body, dict) and "kind" in d.body:
                    result.objects.append(RenderedObject(copy.deepcopy(d.body), Provenance(d, ())))
    namespace = doc.body.get("namespace")
    if isinstance(namespace, str):
        for obj in result.objects:
            obj.body.setdefault("metadata", {})["namespace"] = namespace
    return result
