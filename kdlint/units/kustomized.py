"""Kustomization roots as units: each renders to the objects kustomize would apply.

A kustomization is a root when no other kustomization of the input uses it (as a resource,
base or component). The files a kustomization uses are judged inside the units that use them.
"""

from __future__ import annotations

import os
from pathlib import Path

from kdlint.load.documents import load_documents
from kdlint.load.sources import display_path, read_source
from kdlint.model.objects import K8sObject, is_manifest, make_object
from kdlint.units.model import Unit


def kustomization_dirs(sources) -> list[Path]:
    from kdlint.kustomize import KUSTOMIZATION_FILES

    dirs = {}
    for source in sources:
        # endswith first: cheaper than basename on every file, and false for nearly all of them
        if source.path.endswith(KUSTOMIZATION_FILES) and os.path.basename(source.path) in KUSTOMIZATION_FILES and source.root != "-":
            dirs.setdefault(os.path.normpath(os.path.dirname(source.path) or "."), None)
    return [Path(d) for d in sorted(dirs)]


class DocumentCache:
    """Documents by display path: the run's parsed files, and any other file a kustomization
    reads, parsed once."""

    def __init__(self, documents, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.by_path: dict[str, list] = {}
        for doc in documents:
            self.by_path.setdefault(doc.path, []).append(doc)

    def __call__(self, path: Path) -> list:
        shown = display_path(path)
        docs = self.by_path.get(shown)
        if docs is None:
            source = read_source(path, self.max_bytes)
            docs = load_documents(shown, source.text) if source.text is not None else []
            self.by_path[shown] = docs
        return docs


def kustomization_units(sources, documents, settings, cluster_kinds) -> tuple[list[Unit], set[str]]:
    """(one unit per kustomization root, every file the kustomizations use)."""
    dirs = kustomization_dirs(sources)
    if not dirs:
        return [], set()
    from kdlint.kustomize import referenced_paths, render

    load = DocumentCache(documents, settings.max_file_size)
    known = {os.path.normpath(str(d)) for d in dirs}
    used_dirs, consumed = set(), set()
    for directory in dirs:
        for path in referenced_paths(directory, load):
            normal = os.path.normpath(display_path(path))
            if normal in known:
                used_dirs.add(normal)
            consumed.add(normal)
    units = []
    for directory in dirs:
        if os.path.normpath(str(directory)) in used_dirs:
            continue
        rendering = render(directory, load)
        consumed.update(os.path.normpath(f) for f in rendering.files)
        objects = [_object(r, settings.default_namespace, cluster_kinds) for r in rendering.objects]
        files = tuple(dict.fromkeys(rendering.files))
        unit_docs = [doc for f in files for doc in load.by_path.get(f, [])]
        units.append(Unit(
            name=rendering.directory,
            kind="kustomization",
            files=files,
            objects=[o for o in objects if o is not None],
            documents=unit_docs,
            why=f"rendered from {rendering.kustomization}",
            rendering=rendering,
        ))
    return units, consumed


def _object(rendered, default_namespace: str, cluster_kinds) -> K8sObject | None:
    if not is_manifest(rendered.body):
        return None
    doc, base = rendered.provenance.origin(())
    return make_object(rendered.body, doc, base, default_namespace, cluster_kinds, provenance=rendered.provenance)
