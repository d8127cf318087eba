"""Rendering one kustomization the way `kustomize build` (v5) does, keeping where every value came from.

Order, per kustomization: resources (files and nested kustomizations), generators,
components, then transformers: patchesStrategicMerge, patches, namespace, namePrefix/
nameSuffix, labels and commonLabels, commonAnnotations, patchesJson6902, replicas, images.
At the top only: hash suffixes on generated names, then name references, then the
legacy output order. See https://kubectl.docs.kubernetes.io/references/kustomize/.
"""

from __future__ import annotations

import copy
from pathlib import Path

from kdlint.kustomize import fieldspecs as fs, transformers as tx
from kdlint.kustomize.files import (
    Kustomization, LoadError, default_load, entries, is_remote, kustomization_file, local, read_kustomization, read_text,
)
from kdlint.kustomize.generators import GeneratorError, content_hash, generate
from kdlint.kustomize.model import BuildError, Note, Resource, as_text
from kdlint.kustomize.namerefs import AmbiguousReference, fix_references
from kdlint.kustomize.patching import Patcher
from kdlint.load.sources import display_path

MAX_DEPTH = 30
_UNSUPPORTED = {
    "helmCharts": "Helm charts are not inflated, so their objects are missing (`kustomize build --enable-helm` shows them)",
    "helmChartInflationGenerator": "Helm charts are not inflated, so their objects are missing (`kustomize build --enable-helm` shows them)",
    "helmGlobals": "Helm settings are not used, as Helm charts are not inflated",
    "replacements": "replacements are not applied; the values they would copy keep their original text",
    "vars": "vars are not substituted; $(VAR) references keep their text",
    "transformers": "transformer plugins are not run",
    "generators": "generator plugins are not run; the objects they would make are missing",
    "validators": "validator plugins are not run",
    "openapi": "custom OpenAPI schemas are not used; strategic merges use the built-in merge keys",
    "crds": "CRD merge-key and name-reference settings are not used",
    "configurations": "custom transformer configurations are not used",
    "buildMetadata": "build metadata annotations are not added",
}
_KNOWN = {"apiVersion", "kind", "metadata", "resources", "bases", "components", "namespace", "namePrefix", "nameSuffix",
          "labels", "commonLabels", "commonAnnotations", "images", "imageTags", "replicas", "patches",
          "patchesStrategicMerge", "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions",
          "sortOptions", *_UNSUPPORTED}


class Builder:
    def __init__(self, load=None):
        self.load = load or default_load
        self.documents: list = []
        self._document_index: dict = {}
        self.files: list[str] = []
        self.notes: list[Note] = []
        self.stack: list[Path] = []

    # --- bookkeeping -----------------------------------------------------------------------
    def register(self, document) -> int:
        key = (document.path, document.index, document.start_line)
        if key not in self._document_index:
            self._document_index[key] = len(self.documents)
            self.documents.append(document)
        return self._document_index[key]

    def read(self, path: Path) -> list:
        shown = display_path(path)
        if shown not in self.files:
            self.files.append(shown)
        try:
            return self.load(path)
        except (OSError, ValueError) as exc:
            raise LoadError(f"cannot read {shown}: {exc}") from None

    def note(self, k: Kustomization, path: tuple, feature: str, message: str, kind: str = "unsupported"):
        line, column = k.document.positions.key(path)
        self.notes.append(Note(feature, message, k.document.path, line, column, kind))

    def add_error(self, error: BuildError):
        self.notes.append(Note(error.feature, str(error), *error.where, kind="error"))

    def attempt(self, step, *args):
        """Run one step; a failure becomes an error note and the rest of the kustomization still renders."""
        try:
            step(*args)
        except BuildError as exc:
            self.add_error(exc)
        except LoadError as exc:
            self.add_error(BuildError(exc.feature, str(exc), (exc.file or self.notes_file(args), exc.line, 1)))

    @staticmethod
    def notes_file(args) -> str:
        k = next((a for a in args if isinstance(a, Kustomization)), None)
        return k.document.path if k else ""

    def origin(self, k: Kustomization, *path) -> tuple:
        return self.register(k.document), tuple(path)

    # --- one kustomization -------------------------------------------------------------------
    def build_directory(self, directory: Path, resources: list | None = None, component: bool = False, by=None) -> list:
        """Resources of the kustomization in `directory` (added to `resources` for a component)."""
        resolved = directory.resolve()
        where = by or ("", 1, 1)
        if resolved in self.stack or len(self.stack) >= MAX_DEPTH:
            raise BuildError("cycle", f"{display_path(directory)} is already being built: the kustomizations include each other", where)
        file = kustomization_file(directory)
        if file is None:
            raise BuildError("missing file", f"{display_path(directory)} holds no kustomization.yaml", where)
        k = read_kustomization(file, self.read)
        kind = k.body.get("kind")
        if component and kind != "Component":
            raise BuildError("components", f"{display_path(file)} is listed as a component but its kind is not Component", where)
        if not component and kind == "Component":
            raise BuildError("components", f"{display_path(file)} is a Component; list it under components:, not resources:", where)
        self.stack.append(resolved)
        try:
            return self._build(k, resources if resources is not None else [])
        finally:
            self.stack.pop()

    def _build(self, k: Kustomization, resources: list) -> list:
        self.register(k.document)
        for key in k.body:
            if key in _UNSUPPORTED and k.body[key]:
                self.note(k, (key,), key, _UNSUPPORTED[key])
            elif key not in _KNOWN:
                self.note(k, (key,), "unknown field", f"{key!r} is not a kustomization field; kustomize rejects the file", "error")
        for key in ("resources", "bases"):
            for index, name in enumerate(entries(k.body, key)):
                self.attempt(self._add_resource, k, key, index, name, resources)
        for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
            for index, generator in enumerate(entries(k.body, key)):
                if isinstance(generator, dict):
                    self.attempt(self._generate, k, kind, key, index, generator, resources)
        for index, name in enumerate(entries(k.body, "components")):
            if isinstance(name, str) and is_remote(name):
                self.note(k, ("components", index), "remote resource", f"remote component {name} is not fetched; its changes are missing")
                continue
            where = (k.document.path, *k.position("components", index))
            directory = local(k.directory, str(name))
            if not directory.is_dir():
                self.add_error(BuildError("missing file", f"component {name} is not a folder next to the kustomization", where))
                continue
            self.attempt(self.build_directory, directory, resources, True, where)
        self._transform(k, resources)
        return resources

    def _add_resource(self, k: Kustomization, key: str, index: int, name, resources: list):
        where = (k.document.path, *k.position(key, index))
        if not isinstance(name, str) or not name:
            raise BuildError("resources", f"{key} entry {index + 1} is not a path", where)
        path = local(k.directory, name)
        if not path.exists():
            if is_remote(name):
                self.note(k, (key, index), "remote resource", f"remote resource {name} is not fetched; its objects are missing")
                return
            raise BuildError("missing file", f"{name} does not exist (named in {key} of {k.document.path})", where)
        if path.is_dir():
            added = self.build_directory(path, by=where)
        else:
            if not _inside(path, k.directory):
                raise BuildError("missing file", f"{name} is outside the kustomization's folder; kustomize refuses to read it", where)
            added = self._load_resources(path, where)
        self._append(resources, added, where)

    def _load_resources(self, path: Path, where: tuple) -> list:
        found = []
        for document in self.read(path):
            if document.error is not None:
                raise BuildError("invalid YAML", f"{document.path}:{document.error.line}: {document.error.problem}", where)
            if document.body is None or document.blank:
                continue
            if not isinstance(document.body, dict):
                raise BuildError("resources", f"{document.path}:{document.start_line}: a resource must be a mapping", where)
            index = self.register(document)
            body = document.body
            if body.get("kind") == "List" or (str(body.get("kind", "")).endswith("List") and isinstance(body.get("items"), list)):
                for position, item in enumerate(body.get("items") or []):
                    if isinstance(item, dict):
                        found.append(Resource(copy.deepcopy(item), {(): (index, ("items", position))}))
            elif body:
                found.append(Resource(copy.deepcopy(body), {(): (index, ())}))
        return found

    def _append(self, resources: list, added: list, where: tuple):
        known = {r.current_id().key() for r in resources}
        for resource in added:
            current = resource.current_id()
            if current.key() in known:
                raise BuildError("id conflict", f"{current.text()} is defined twice; kustomize refuses to merge them", where)
            known.add(current.key())
            resources.append(resource)

    def _generate(self, k: Kustomization, kind: str, key: str, index: int, generator: dict, resources: list):
        where = (key, index)
        options = k.body.get("generatorOptions") if isinstance(k.body.get("generatorOptions"), dict) else {}
        try:
            body, needs_hash, sources = generate(kind, generator, where, k.directory, options, self._read_generator_file(k))
        except GeneratorError as exc:
            raise BuildError(key, str(exc), (k.document.path, *k.position(*exc.where))) from None
        except LoadError as exc:
            raise BuildError("missing file", str(exc), (k.document.path, *k.position(*where))) from None
        origins = {(): self.origin(k, *where), ("metadata", "name"): self.origin(k, *where, "name")}
        for data_key, at in sources.items():
            origins[("data", data_key)] = self.origin(k, *at)
        new = Resource(body, origins, needs_hash=needs_hash, behavior=str(generator.get("behavior") or "create"))
        self._absorb(k, where, new, resources)

    def _read_generator_file(self, k: Kustomization):
        def read(path: Path) -> str:
            if not _inside(path, k.directory):
                raise LoadError(f"{display_path(path)} is outside the kustomization's folder; kustomize refuses to read it")
            shown = display_path(path)
            if shown not in self.files:
                self.files.append(shown)
            return read_text(path)
        return read

    def _absorb(self, k: Kustomization, where: tuple, new: Resource, resources: list):
        matches = [r for r in resources if any(i.same(new.current_id()) for i in r.all_ids())]
        position = (k.document.path, *k.position(*where))
        if new.behavior == "create":
            if matches:
                raise BuildError("id conflict", f"{new.current_id().text()} already exists; use behavior: merge or replace", position)
            resources.append(new)
            return
        if len(matches) != 1:
            raise BuildError(where[0], f"{new.current_id().text()} does not exist to {new.behavior}", position)
        old = matches[0]
        if new.behavior == "replace":
            name, namespace = old.name, old.namespace
            old.body, old.origins = new.body, new.origins
            old.body["metadata"]["name"] = name
            if namespace:
                old.body["metadata"]["namespace"] = namespace
        else:
            for field in ("data", "binaryData"):
                if isinstance(new.body.get(field), dict):
                    old.body.setdefault(field, {}).update(new.body[field])
                    for data_key in new.body[field]:
                        old.record((field, data_key), new.lookup((field, data_key)))
            for field in ("labels", "annotations"):
                values = new.meta.get(field)
                if values:
                    old.body.setdefault("metadata", {}).setdefault(field, {}).update(values)
        old.needs_hash = old.needs_hash or new.needs_hash

    # --- transformers ------------------------------------------------------------------------
    def _transform(self, k: Kustomization, resources: list):
        body = k.body
        patcher = Patcher(self, k, resources)
        self.attempt(patcher.strategic_merge_files)
        self.attempt(patcher.patches)
        if isinstance(body.get("namespace"), str) and body["namespace"]:
            tx.set_namespace(resources, body["namespace"], self.origin(k, "namespace"))
            self.attempt(self._check_unique, k, resources, ("namespace",))
        prefix, suffix = (body.get(key) if isinstance(body.get(key), str) else "" for key in ("namePrefix", "nameSuffix"))
        if prefix or suffix:
            tx.add_affix(resources, prefix, suffix, self.origin(k, "namePrefix" if prefix else "nameSuffix"))
        for index, label in enumerate(entries(body, "labels")):
            if isinstance(label, dict) and isinstance(label.get("pairs"), dict):
                self._map_entries(k, resources, ("labels", index, "pairs"), label["pairs"], fs.label_specs(label))
        if isinstance(body.get("commonLabels"), dict):
            self._map_entries(k, resources, ("commonLabels",), body["commonLabels"], fs.COMMON_LABELS)
        if isinstance(body.get("commonAnnotations"), dict):
            self._map_entries(k, resources, ("commonAnnotations",), body["commonAnnotations"], fs.COMMON_ANNOTATIONS)
        self.attempt(patcher.json6902)
        for index, rule in enumerate(entries(body, "replicas")):
            if isinstance(rule, dict) and not tx.set_replicas(resources, rule, self.origin(k, "replicas", index, "count")):
                self.note(k, ("replicas", index), "replicas", f"no object is named {rule.get('name')!r}; this replicas entry changes nothing", "error")
        for key in ("images", "imageTags"):
            for index, rule in enumerate(entries(body, key)):
                if isinstance(rule, dict):
                    field = next((f for f in ("digest", "newTag", "newName") if rule.get(f)), "name")
                    tx.set_images(resources, rule, self.origin(k, key, index, field))

    def _map_entries(self, k, resources, at: tuple, values: dict, specs):
        texts = {str(key): as_text(value) for key, value in values.items()}
        tx.add_map_entries(resources, texts, specs, lambda key: self.origin(k, *at, key) if key is not None else self.origin(k, *at))

    def _check_unique(self, k, resources, at):
        seen = set()
        for resource in resources:
            current = resource.current_id()
            if current.key() in seen:
                raise BuildError("id conflict", f"{current.text()} is defined twice after the namespace is set", (k.document.path, *k.position(*at)))
            seen.add(current.key())

    # --- the top ---------------------------------------------------------------------------
    def finish(self, k_path: Path, resources: list) -> list:
        for resource in resources:
            if resource.needs_hash:
                resource.remember_id()
                resource.body["metadata"]["name"] = f"{resource.name}-{content_hash(resource.body)}"
        try:
            fix_references(resources)
        except AmbiguousReference as exc:
            self.notes.append(Note("name reference", f"{exc}; kustomize stops here", display_path(k_path), 1, 1, "error"))
        return [r for r in resources if as_text((r.meta.get("annotations") or {}).get("config.kubernetes.io/local-config")) != "true"]


def _inside(path: Path, directory: Path) -> bool:
    try:
        path.resolve().relative_to(directory.resolve())
        return True
    except ValueError:
        return False

