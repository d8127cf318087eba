"""The patch entries of one kustomization: reading them (files or inline text) and applying them."""

from __future__ import annotations

from kdlint.kustomize.files import Kustomization, LoadError, entries, is_remote, local
from kdlint.kustomize.model import BuildError
from kdlint.kustomize.patches import PatchError, SelectorError, find_by_id, json_patch, merge_into, patch_id, select
from kdlint.load.documents import Document, load_documents
from kdlint.load.positions import PositionIndex


class Patcher:
    def __init__(self, builder, k: Kustomization, resources: list):
        self.builder, self.k, self.resources = builder, k, resources

    def _error(self, at: tuple, feature: str, message: str) -> BuildError:
        return BuildError(feature, message, (self.k.document.path, *self.k.position(*at)))

    # --- reading -------------------------------------------------------------------------------
    def _documents(self, at: tuple, path=None, text=None) -> list[Document]:
        """The patch's documents; inline text is re-positioned onto the kustomization's own lines."""
        if path is not None:
            if is_remote(path):
                raise self._error(at, "missing file", f"patch {path} is remote; kdlint reads local patches only")
            file = local(self.k.directory, path)
            if not file.is_file():
                raise self._error(at, "missing file", f"patch file {path} does not exist")
            try:
                documents = self.builder.read(file)
            except LoadError as exc:
                raise self._error(at, "missing file", str(exc)) from None
        else:
            documents = [self._inline(d, at) for d in load_documents(self.k.document.path, text)]
        for document in documents:
            if document.error is not None:
                raise self._error(at, "invalid YAML", f"patch {path or 'text'} line {document.error.line}: {document.error.problem}")
        return [d for d in documents if d.body is not None and not d.blank]

    def _inline(self, document: Document, at: tuple) -> Document:
        line, column = self.k.position(*at)
        lines = self.k.document.lines
        marker = lines[line - 1][column - 1:column] if line - 1 < len(lines) else ""
        if marker in ("|", ">"):
            following = next((text for text in lines[line:] if text.strip()), "")
            shift_line, shift_column = line, len(following) - len(following.lstrip())
        else:  # a quoted or plain one-line string: point every value at the string itself
            table = {path: (line, column, line, column) for path in document.positions.paths()}
            return Document(self.k.document.path, 0, line, line, document.body, PositionIndex(table), lines=lines)
        positions = document.positions
        table = {path: (kl + shift_line, kc + shift_column, vl + shift_line, vc + shift_column)
                 for path in positions.paths() for (kl, kc), (vl, vc) in [(positions.key(path), positions.value(path))]}
        return Document(self.k.document.path, document.index, document.start_line + shift_line,
                        document.end_line + shift_line, document.body, PositionIndex(table), lines=lines)

    def _entry_documents(self, at: tuple, entry: dict) -> list[Document]:
        path, text = entry.get("path"), entry.get("patch")
        if (path is None) == (text is None):
            raise self._error(at, "patches", "a patch needs exactly one of path: and patch:")
        if path is not None:
            return self._documents(at + ("path",), path=str(path))
        return self._documents(at + ("patch",), text=str(text))

    # --- applying: each entry on its own, so one bad patch does not hide the others ------------
    def strategic_merge_files(self):
        for index, item in enumerate(entries(self.k.body, "patchesStrategicMerge")):
            self.builder.attempt(self._strategic_merge_entry, ("patchesStrategicMerge", index), item)

    def patches(self):
        for index, entry in enumerate(entries(self.k.body, "patches")):
            self.builder.attempt(self._patch_entry, ("patches", index), entry)

    def json6902(self):
        for index, entry in enumerate(entries(self.k.body, "patchesJson6902")):
            self.builder.attempt(self._json6902_entry, ("patchesJson6902", index), entry)

    def _strategic_merge_entry(self, at: tuple, item):
        if not isinstance(item, str):
            raise self._error(at, "patchesStrategicMerge", "an entry must be a file path or patch text")
        on_disk = "\n" not in item and local(self.k.directory, item).is_file()
        documents = self._documents(at, path=item) if on_disk else self._documents(at, text=item)
        for document in documents:
            self._merge_by_id(at, document, {})

    def _patch_entry(self, at: tuple, entry):
        if not isinstance(entry, dict):
            raise self._error(at, "patches", "a patches entry must be a mapping with path: or patch:")
        documents = self._entry_documents(at, entry)
        target = entry.get("target") if isinstance(entry.get("target"), dict) else None
        options = entry.get("options") if isinstance(entry.get("options"), dict) else {}
        if len(documents) == 1 and isinstance(documents[0].body, list):
            if target is None:
                raise self._error(at, "patches", "a JSON patch needs a target:")
            self._json(at, documents[0], target)
        elif target is None:
            for document in documents:
                self._merge_by_id(at, document, options)
        elif len(documents) != 1:
            raise self._error(at, "patches", "a patch with a target: must hold one strategic merge patch")
        else:
            self._merge_targets(at, documents[0], target, options)

    def _json6902_entry(self, at: tuple, entry):
        if not isinstance(entry, dict) or not isinstance(entry.get("target"), dict):
            raise self._error(at, "patchesJson6902", "an entry needs a target: and a path: or patch:")
        documents = self._entry_documents(at, entry)
        if len(documents) != 1 or not isinstance(documents[0].body, list):
            raise self._error(at, "patchesJson6902", "the patch must be one list of JSON patch operations")
        self._json(at, documents[0], entry["target"])

    def _targets(self, at, target) -> list:
        try:
            return select(self.resources, target)
        except SelectorError as exc:
            raise self._error(at + ("target",), "patches", str(exc)) from None

    def _merge_targets(self, at, document, target, options):
        if not isinstance(document.body, dict):
            raise self._error(at, "patches", "a strategic merge patch must be a mapping")
        origin = (self.builder.register(document), ())
        for resource in self._targets(at, target):
            if not merge_into(resource, document.body, origin, options):
                self.resources.remove(resource)

    def _merge_by_id(self, at, document, options):
        if not isinstance(document.body, dict):
            raise self._error(at, "patches", "a strategic merge patch must be a mapping")
        wanted = patch_id(document.body)
        found = find_by_id(self.resources, wanted)
        if len(found) != 1:
            problem = "matches no object" if not found else "matches several objects"
            raise self._error(at, "patch target", f"the patch for {wanted.text()} {problem}; kustomize rejects it")
        if not merge_into(found[0], document.body, (self.builder.register(document), ()), options):
            self.resources.remove(found[0])

    def _json(self, at, document, target):
        index = self.builder.register(document)

        def origin_of(position: int, field: str):
            return index, (position, field)
        for resource in self._targets(at, target):
            try:
                json_patch(resource, document.body, origin_of)
            except PatchError as exc:
                raise self._error(at, "patches", f"JSON patch on {resource.current_id().text()}: {exc}") from None
