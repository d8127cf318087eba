"""Strategic merge patches, the way kustomize (kyaml's merge2) applies them.

Lists merge item by item only where the Kubernetes API declares a patch merge key
(https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/);
every other list, and every list of an unknown kind, is replaced. Lists merged by one key put
the patch's items first, in the patch's order, then the remaining items of the original;
ports, keyed by number and protocol, follow kyaml's own rules (see _plan_by_keys).
"""

from __future__ import annotations

import copy

from kdlint.kustomize.model import Resource

DELETE = object()  # the merge removed this value


def _list(key: str, item=None) -> tuple:
    return ("list", key, item or {})


_CONTAINER = {"ports": _list(("containerPort", "protocol")), "env": _list("name"), "volumeMounts": _list("mountPath"),
              "volumeDevices": _list("devicePath")}
_POD_SPEC = {"containers": _list("name", _CONTAINER), "initContainers": _list("name", _CONTAINER),
             "ephemeralContainers": _list("name", _CONTAINER), "volumes": _list("name"), "imagePullSecrets": _list("name"),
             "hostAliases": _list("ip"), "topologySpreadConstraints": _list(("topologyKey", "whenUnsatisfiable"))}
_META = {"ownerReferences": _list("uid"), "finalizers": _list("")}  # "": a list of scalars, merged as a set
_TEMPLATE = {"metadata": _META, "spec": _POD_SPEC}
_WORKLOAD = {"metadata": _META, "spec": {"template": _TEMPLATE}}

# kind -> where its lists with merge keys are
MERGE_KEYS = {
    "Pod": {"metadata": _META, "spec": _POD_SPEC},
    "PodTemplate": {"metadata": _META, "template": _TEMPLATE},
    **{kind: _WORKLOAD for kind in ("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController")},
    "CronJob": {"metadata": _META, "spec": {"jobTemplate": {"spec": {"template": _TEMPLATE}}}},
    "Service": {"metadata": _META, "spec": {"ports": _list(("port", "protocol"))}},
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


def _deletes(item) -> bool:
    return isinstance(item, dict) and item.get(_DIRECTIVE) == "delete"


def _plan_by_key(base: list, patch: list, key: str) -> list[tuple]:
    """(base index or None, patch index or None) per merged item: the patch's items first, then the rest."""
    keyed = {item.get(key): i for i, item in reversed(list(enumerate(base))) if isinstance(item, dict) and key in item}
    plan, used = [], set()
    for k, item in enumerate(patch):
        match = keyed.get(item.get(key)) if isinstance(item, dict) and key in item else None
        if match is not None:
            used.add(match)
        if not _deletes(item):
            plan.append((match, k))
    return plan + [(i, None) for i in range(len(base)) if i not in used]


def _key_values(item, keys: tuple) -> tuple:
    values = [item.get(k) if isinstance(item, dict) else None for k in keys]
    return tuple("" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for v in values)


def _plan_by_keys(base: list, patch: list, keys: tuple) -> list[tuple]:
    """Lists keyed by several fields (ports: number and protocol), merged as kustomize's kyaml does.

    The key values of all items are completed from each other where they agree, and an item
    merges with the one that has all of its completed, non-empty key values; a patch item whose
    values were completed by an original item (a port without protocol against one with TCP)
    therefore matches nothing and is dropped, as kustomize drops it. Items only in the patch
    come first, then every original item in its order.
    """
    entries: list[list] = []
    for item in patch + base:
        values = list(_key_values(item, keys))
        if values not in entries:
            entries.append(values)
    present = [key for i, key in enumerate(keys) if any(values[i] for values in entries)]
    if len(present) < 2:  # only one key is ever given: kyaml merges by that key alone
        return _plan_by_key(base, patch, present[0] if present else keys[0])
    for first in entries:  # fill blanks where two key tuples agree, as kyaml does, pair by pair
        for second in entries:
            if all(a == b or not a or not b for a, b in zip(first, second)) and any(a == b for a, b in zip(first, second)):
                first[:] = second[:] = [a or b for a, b in zip(first, second)]

    def find(items, values):
        used = [i for i, v in enumerate(values) if v] or range(len(keys))
        return next((n for n, item in enumerate(items) if all(_key_values(item, keys)[i] == values[i] for i in used)), None)

    patch_only, merged_into = [], {}
    for values in entries:
        b, k = find(base, values), find(patch, values)
        if b is not None:
            merged_into.setdefault(b, k)
        elif k is not None and k not in patch_only and not _deletes(patch[k]):
            patch_only.append(k)
    return [(None, k) for k in patch_only] + [(b, merged_into.get(b)) for b in range(len(base))
                                               if not _deletes(patch[merged_into[b]] if merged_into.get(b) is not None else None)]


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
        plan = _plan_by_keys(base, patch, key) if isinstance(key, tuple) else _plan_by_key(base, patch, key)
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
