"""Strategic merge patches, the way kustomize (kyaml's merge2) applies them.

Lists merge item by item only where the Kubernetes API declares a patch merge key
(https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/);
every other list, and every list of an unknown kind, is replaced. Merged lists put the
patch's items first, in the patch's order, then the remaining items of the original.
"""

from __future__ import annotations

import copy

from kdlint.kustomize.model import Resource

DELETE = object()  # the merge removed this value


def _list(key: str, item=None) -> tuple:
    return ("list", key, item or {})


_CONTAINER = {"ports": _list("containerPort"), "env": _list("name"), "volumeMounts": _list("mountPath"),
              "volumeDevices": _list("devicePath")}
_POD_SPEC = {"containers": _list("name", _CONTAINER), "initContainers": _list("name", _CONTAINER),
             "ephemeralContainers": _list("name", _CONTAINER), "volumes": _list("name"), "imagePullSecrets": _list("name"),
             "hostAliases": _list("ip"), "topologySpreadConstraints": _list("topologyKey")}
_META = {"ownerReferences": _list("uid"), "finalizers": _list("")}  # "": a list of scalars, merged as a set
_TEMPLATE = {"metadata": _META, "spec": _POD_SPEC}
_WORKLOAD = {"metadata": _META, "spec": {"template": _TEMPLATE}}

# kind -> where its lists with merge keys are
MERGE_KEYS = {
    "Pod": {"metadata": _META, "spec": _POD_SPEC},
    "PodTemplate": {"metadata": _META, "template": _TEMPLATE},
    **{kind: _WORKLOAD for kind in ("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController")},
    "CronJob": {"metadata": _META, "spec": {"jobTemplate": {"spec": {"template": _TEMPLATE}}}},
    "Service": {"metadata": _META, "spec": {"ports": _list("port")}},
    "ValidatingWebhookConfiguration": {"metadata": _META, "webhooks": _list("name")},
    "MutatingWebhookConfiguration": {"metadata": _META, "webhooks": _list("name")},
}
_DIRECTIVE = "$patch"


def strip_directives(value):
    if isinstance(value, dict):
        return {k: strip_directives(v) for k, v in value.items() if k != _DIRECTIVE}
    if isinstance(value, list):
        return [strip_directives(v) for v in value if not (isinstance(v, dict) and _DIRECTIVE in v and len(v) == 1)]
    return copy.deepcopy(value)


class StrategicMerge:
    """Merges one patch document into a resource, recording patch positions in its provenance."""

    def __init__(self, resource: Resource, patch_origin: tuple):
        self.resource = resource
        self.document, self.patch_root = patch_origin  # (document index, path of the patch body in it)

    def apply(self, patch: dict) -> bool:
        """Merge `patch` into the resource's body; False when the patch deletes the whole object."""
        schema = MERGE_KEYS.get(self.resource.kind, {})
        result = self._map(self.resource.body, patch, (), (), schema)
        if result is DELETE:
            return False
        self.resource.body = result
        return True

    def _set(self, path: tuple, patch_path: tuple):
        self.resource.record(path, (self.document, self.patch_root + patch_path))

    def _map(self, base: dict, patch: dict, path: tuple, patch_path: tuple, schema: dict):
        directive = patch.get(_DIRECTIVE)
        if directive == "delete":
            return DELETE
        if directive == "replace":
            self._set(path, patch_path)
            return strip_directives(patch)
        for key, value in patch.items():
            if key == _DIRECTIVE:
                continue
            child_schema = schema.get(key, {}) if isinstance(schema, dict) else {}
            merged = self._value(base.get(key), value, key in base, path + (key,), patch_path + (key,), child_schema)
            if merged is DELETE:
                base.pop(key, None)
            else:
                base[key] = merged
        return base

    def _value(self, base, patch, present: bool, path, patch_path, schema):
        if patch is None:
            return DELETE
        if isinstance(patch, dict):
            if isinstance(base, dict):
                return self._map(base, patch, path, patch_path, schema)
            if patch.get(_DIRECTIVE) == "delete":
                return DELETE
        elif isinstance(patch, list) and isinstance(base, list) and isinstance(schema, tuple):
            return self._list(base, patch, path, patch_path, schema)
        self._set(path, patch_path)
        return strip_directives(patch)

    def _list(self, base: list, patch: list, path, patch_path, schema: tuple):
        _, key, item_schema = schema
        if any(isinstance(p, dict) and p.get(_DIRECTIVE) == "replace" for p in patch):
            self._set(path, patch_path)
            return strip_directives(patch)
        if key == "":
            return self._scalar_list(base, patch, path, patch_path)
        keyed = {item.get(key): i for i, item in reversed(list(enumerate(base))) if isinstance(item, dict) and key in item}
        plan, used = [], set()  # (index in base or None, index in patch or None)
        for k, item in enumerate(patch):
            match = keyed.get(item.get(key)) if isinstance(item, dict) and key in item else None
            if match is not None:
                used.add(match)
            if isinstance(item, dict) and item.get(_DIRECTIVE) == "delete":
                continue
            plan.append((match, k))
        plan += [(i, None) for i in range(len(base)) if i not in used]
        self.resource.reindex(path, [i for i, _ in plan])
        result = []
        for j, (i, k) in enumerate(plan):
            if k is None:
                result.append(base[i])
            elif i is None:
                self._set(path + (j,), patch_path + (k,))
                result.append(strip_directives(patch[k]))
            else:
                merged = self._map(base[i], patch[k], path + (j,), patch_path + (k,), item_schema)
                if merged is not DELETE:
                    result.append(merged)
        return result

    def _scalar_list(self, base: list, patch: list, path, patch_path):
        values = [v for v in patch if not isinstance(v, (dict, list))]
        seen = set(map(repr, values))
        rest = [i for i, v in enumerate(base) if repr(v) not in seen]
        self.resource.reindex(path, [None] * len(values) + rest)
        for k in range(len(values)):
            self._set(path + (k,), patch_path + (patch.index(values[k]),))
        return values + [base[i] for i in rest]
