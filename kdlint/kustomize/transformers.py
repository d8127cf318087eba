"""The builtin transformers a kustomization configures: namespace, names, labels, annotations, images, replicas.

Each takes the resources and the kustomization's value, changes the bodies in place and
records the kustomization entry that set each value (an Origin, see model.py).
"""

from __future__ import annotations

import re

from kdlint.kustomize import fieldspecs as fs
from kdlint.kustomize.model import Resource

_PREFIX_SKIPPED = (("CustomResourceDefinition", ""), ("APIService", "apiregistration.k8s.io"), ("Namespace", ""))


def _set(resource: Resource, parent: dict, key: str, value, path: tuple, origin):
    parent[key] = value
    resource.record(path, origin)


def set_namespace(resources: list[Resource], namespace: str, origin):
    for resource in resources:
        if not resource.body:
            continue
        resource.remember_id()
        body = resource.body
        if not fs.cluster_scoped(body):
            metadata = body.setdefault("metadata", {})
            if not isinstance(metadata, dict):
                continue
            _set(resource, metadata, "namespace", namespace, ("metadata", "namespace"), origin)
        if resource.kind == "Namespace" and body.get("apiVersion") == "v1" and isinstance(body.get("metadata"), dict):
            _set(resource, body["metadata"], "name", namespace, ("metadata", "name"), origin)
        specs = [fs.spec("spec/service/namespace", "APIService", "apiregistration.k8s.io", create=True),
                 fs.spec("spec/conversion/webhook/clientConfig/service/namespace", "CustomResourceDefinition", "apiextensions.k8s.io")]
        fs.apply(resource, specs, lambda parent, key, path: _set(resource, parent, key, namespace, path, origin), origin)
        if resource.kind in ("RoleBinding", "ClusterRoleBinding") and isinstance(body.get("subjects"), list):
            for index, subject in enumerate(body["subjects"]):
                if isinstance(subject, dict) and subject.get("name") == "default":
                    _set(resource, subject, "namespace", namespace, ("subjects", index, "namespace"), origin)


def add_affix(resources: list[Resource], prefix: str, suffix: str, origin):
    for resource in resources:
        original = resource.original_id()
        if any(original.kind == kind and (not group or original.group == group) for kind, group in _PREFIX_SKIPPED):
            continue
        metadata = resource.body.get("metadata")
        if not isinstance(metadata, dict) or not isinstance(metadata.get("name"), str):
            continue
        if prefix:
            resource.prefixes.append(prefix)
        if suffix:
            resource.suffixes.append(suffix)
        resource.remember_id()
        metadata["name"] = f"{prefix}{metadata['name']}{suffix}"
        resource.record(("metadata", "name"), origin)


def add_map_entries(resources: list[Resource], values: dict, specs: list, origin_of):
    """Labels or annotations: key -> value at every field the specs select; origin_of(key) says where each was set."""
    created = origin_of(None)
    for resource in resources:
        def visit(parent, key, path, resource=resource):
            target = parent.get(key)
            if target is None:
                target = parent[key] = {}
                resource.record(path, created)
            if isinstance(target, dict):
                for name in sorted(values):
                    _set(resource, target, name, values[name], path + (name,), origin_of(name))
        fs.apply(resource, specs, visit, created)


def _split_image(image: str) -> tuple[str, str, str]:
    """(name, tag, digest), a registry port not taken for a tag."""
    slash = image.find("/")
    start = slash if slash > 0 else 0
    rest = image[start:]
    at, colon = rest.find("@"), rest.find(":")
    if at < 0 and colon < 0:
        return image, "", ""
    if at >= 0 and (colon < 0 or at < colon):
        return image[:start + at], "", image[start + at + 1:]
    if at >= 0:
        return image[:start + colon], image[start + colon + 1:start + at], image[start + at + 1:]
    return image[:start + colon], image[start + colon + 1:], ""


def _new_image(image: str, rule: dict) -> str | None:
    name = str(rule.get("name", ""))
    try:
        pattern = re.compile(f"^{name}(:[a-zA-Z0-9_.{{}}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{{}}-]*)?$")
    except re.error:
        return None
    if not pattern.match(image):
        return None
    base, tag, digest = _split_image(image)
    new_name, new_tag, new_digest = (str(rule.get(k) or "") for k in ("newName", "newTag", "digest"))
    base = new_name or base
    if new_tag and new_digest:
        tag, digest = new_tag, new_digest
    elif new_tag:
        tag, digest = new_tag, ""
    elif new_digest:
        tag, digest = "", new_digest
    elif rule.get("tagSuffix"):
        tag, digest = tag + str(rule["tagSuffix"]), ""
    return base + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")


def set_images(resources: list[Resource], rule: dict, origin):
    for resource in resources:
        def update(parent, key, path, resource=resource):
            value = parent.get(key)
            if isinstance(value, str):
                new = _new_image(value, rule)
                if new is not None and new != value:
                    _set(resource, parent, key, new, path, origin)
        if resource.kind != "CustomResourceDefinition":
            _each_container_image(resource.body, (), update)
        fs.apply(resource, fs.IMAGES, update)


def _each_container_image(node, path, update):
    """kustomize's legacy image walk: `image` of every item of any `containers` or `initContainers` list."""
    if isinstance(node, dict):
        for key, value in node.items():
            _each_container_image(value, path + (key,), update)
            if key in ("containers", "initContainers") and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict) and "image" in item:
                        update(item, "image", path + (key, index, "image"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _each_container_image(item, path + (index,), update)


def set_replicas(resources: list[Resource], rule: dict, origin) -> bool:
    """False when no resource has the name."""
    name, count = rule.get("name"), rule.get("count")
    found = False
    for resource in resources:
        if any(i.name == name for i in resource.all_ids()):
            found = True
            fs.apply(resource, fs.REPLICAS, lambda parent, key, path, r=resource: _set(r, parent, key, count, path, origin), origin)
    return found
