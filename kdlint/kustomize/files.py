"""Finding kustomization files, reading them, and resolving the local paths they name."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kdlint.load.documents import Document, load_documents
from kdlint.load.sources import display_path, read_source

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
MAX_FILE_BYTES = 10_000_000

Loader = Callable[[Path], list]

# kustomize fetches these instead of reading the disk: URLs, git and GitHub shorthands
_REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*://|git@|git::|github\.com/|gitlab\.com/|bitbucket\.org/)", re.I)


def kustomization_file(directory: Path) -> Path | None:
    for name in KUSTOMIZATION_FILES:
        candidate = Path(directory) / name
        if candidate.is_file():
            return candidate
    return None


def local(directory: Path, name: str) -> Path:
    """`name` as written in a kustomization in `directory`, with `..` steps folded (links are kept)."""
    return Path(os.path.normpath(Path(directory) / name))


def is_remote(reference: str) -> bool:
    return bool(_REMOTE.match(reference)) or "?ref=" in reference


def read_text(path: Path) -> str:
    """A file's text (generator sources are text, not YAML); LoadError says why it cannot be read."""
    source = read_source(path, MAX_FILE_BYTES)
    if source.text is None:
        raise LoadError(f"{source.path}: {source.problem}", file=source.path, line=source.problem_line)
    return source.text


def default_load(path: Path) -> list[Document]:
    return load_documents(display_path(path), read_text(path))


class LoadError(Exception):
    """A file the kustomization names cannot be read or parsed; `file` and `line` say where, when known."""

    def __init__(self, message: str, feature: str = "missing file", file: str = "", line: int = 1):
        super().__init__(message)
        self.feature, self.file, self.line = feature, file, line


@dataclass
class Kustomization:
    path: Path
    document: Document
    body: dict

    @property
    def directory(self) -> Path:
        return self.path.parent

    def position(self, *path) -> tuple[int, int]:
        return self.document.positions.value(path)


def read_kustomization(path: Path, load: Loader) -> Kustomization:
    documents = [d for d in load(path) if not d.empty and not d.blank]
    if not documents:
        return Kustomization(path, load_documents(display_path(path), "{}")[0], {})
    document = documents[0]
    if document.error is not None:
        raise LoadError(f"{document.path}:{document.error.line}: invalid YAML: {document.error.problem}",
                        "invalid YAML", document.path, document.error.line)
    if not isinstance(document.body, dict):
        raise LoadError(f"{document.path}:{document.start_line}: a kustomization must be a mapping",
                        "invalid kustomization", document.path, document.start_line)
    return Kustomization(path, document, document.body)


def entries(body: dict, key: str) -> list:
    value = body.get(key)
    return value if isinstance(value, list) else []


def generator_sources(generator: dict) -> list[tuple[str, str]]:
    """(key of the list, file path) for each file a configMap/secret generator entry reads."""
    found = []
    for item in entries(generator, "files"):
        if isinstance(item, str):
            found.append(("files", item.split("=", 1)[1] if "=" in item else item))
    for item in entries(generator, "envs"):
        if isinstance(item, str):
            found.append(("envs", item))
    if isinstance(generator.get("env"), str):
        found.append(("env", generator["env"]))
    return found


def named_paths(body: dict) -> list[str]:
    """Every local path a kustomization names, as written."""
    names = [item for key in ("resources", "bases", "components", "crds", "configurations") for item in entries(body, key)]
    for patch in entries(body, "patches") + entries(body, "patchesJson6902"):
        if isinstance(patch, dict) and isinstance(patch.get("path"), str):
            names.append(patch["path"])
    names += [p for p in entries(body, "patchesStrategicMerge") if isinstance(p, str) and "\n" not in p]
    for key in ("configMapGenerator", "secretGenerator"):
        for generator in entries(body, key):
            if isinstance(generator, dict):
                names += [path for _, path in generator_sources(generator)]
    return [n for n in names if isinstance(n, str) and n and not is_remote(n)]


def referenced_paths(directory: Path, load: Loader | None = None) -> list[Path]:
    """Resolved local paths the kustomization in `directory` names, without rendering it."""
    file = kustomization_file(Path(directory))
    if file is None:
        return []
    try:
        kustomization = read_kustomization(file, load or default_load)
    except LoadError:
        return []
    found: list[Path] = []
    for name in named_paths(kustomization.body):
        path = (kustomization.directory / name).resolve()
        if path.exists() and path not in found:
            found.append(path)
    return found
