"""Which resources a patch applies to, and applying it: strategic merge or JSON 6902."""

from __future__ import annotations

import re

from kdlint.kustomize.jsonpatch import JsonPatch, PatchError
from kdlint.kustomize.merge import StrategicMerge
from kdlint.kustomize.model import ResId, Resource, split_api_version


class SelectorError(Exception):
    """A target selector that cannot be read."""


def _regex(text) -> re.Pattern | None:
    if text in (None, ""):
        return None
    try:
        return re.compile(f"(?:{text})")
    except re.error as exc:
        raise SelectorError(f"{text!r} is not a valid regular expression: {exc}") from None


def _label_requirements(text: str) -> list:
    """A Kubernetes label selector string as (key, operator, values) requirements."""
    requirements = []
    for part in re.findall(r"(?:[^,(]|\([^)]*\))+", text or ""):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\S+)\s+(in|notin)\s*\(([^)]*)\)", part)
        if match:
            values = {v.strip() for v in match.group(3).split(",")}
            requirements.append((match.group(1), match.group(2), values))
        elif "!=" in part:
            key, value = part.split("!=", 1)
            requirements.append((key.strip(), "notin", {value.strip()}))
        elif "=" in part:
            key, value = part.replace("==", "=").split("=", 1)
            requirements.append((key.strip(), "in", {value.strip()}))
        elif part.startswith("!"):
            requirements.append((part[1:].strip(), "absent", set()))
        else:
            requirements.append((part, "present", set()))
    return requirements


def _matches_labels(values, requirements) -> bool:
    values = values if isinstance(values, dict) else {}
    for key, operator, allowed in requirements:
        present = key in values
        value = str(values.get(key))
        if operator == "in" and not (present and value in allowed):
            return False
        if operator == "notin" and present and value in allowed:
            return False
        if operator == "present" and not present:
            return False
        if operator == "absent" and present:
            return False
    return True


def select(resources: list[Resource], target: dict) -> list[Resource]:
    """The resources a `target:` selector picks (name and namespace are anchored regular expressions)."""
    group, version, kind = (_regex(target.get(k)) for k in ("group", "version", "kind"))
    name, namespace = _regex(target.get("name")), _regex(target.get("namespace"))
    labels = _label_requirements(str(target.get("labelSelector") or ""))
    annotations = _label_requirements(str(target.get("annotationSelector") or ""))
    chosen = []
    for resource in resources:
        current, original = resource.current_id(), resource.original_id()
        if namespace and not any(namespace.fullmatch(i.namespace or "default") for i in (original, current)):
            continue
        if name and not any(name.fullmatch(i.name) for i in (original, current)):
            continue
        if any(pattern and not pattern.fullmatch(value) for pattern, value in
               ((group, current.group), (version, current.version), (kind, current.kind))):
            continue
        if not _matches_labels(resource.meta.get("labels"), labels):
            continue
        if not _matches_labels(resource.meta.get("annotations"), annotations):
            continue
        chosen.append(resource)
    return chosen


def patch_id(patch: dict) -> ResId:
    group, version = split_api_version(patch.get("apiVersion"))
    metadata = patch.get("metadata") if isinstance(patch.get("metadata"), dict) else {}
    return ResId(group, version, str(patch.get("kind") or ""), str(metadata.get("name") or ""), str(metadata.get("namespace") or ""))


def find_by_id(resources: list[Resource], wanted: ResId) -> list[Resource]:
    return [r for r in resources if any(i.same(wanted) for i in r.all_ids())]


def merge_into(resource: Resource, patch: dict, origin, options: dict) -> bool:
    """Strategic merge; False when the patch deletes the object."""
    identity = (resource.kind, resource.name, resource.namespace)
    if options.get("allowNameChange") or options.get("allowKindChange"):
        resource.remember_id()
    if not StrategicMerge(resource, origin).apply(patch):
        return False
    metadata = resource.body.setdefault("metadata", {})
    if not options.get("allowKindChange"):
        resource.body["kind"] = identity[0]
    if not options.get("allowNameChange") and isinstance(metadata, dict):
        metadata["name"] = identity[1]
    if isinstance(metadata, dict) and identity[2] and metadata.get("namespace") != identity[2]:
        metadata["namespace"] = identity[2]
    return True


def json_patch(resource: Resource, operations: list, origin_of):
    resource.remember_id()
    JsonPatch(resource, origin_of).apply(operations)


__all__ = ["PatchError", "SelectorError", "find_by_id", "json_patch", "merge_into", "patch_id", "select"]
