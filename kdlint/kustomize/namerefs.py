"""Name references kustomize rewrites after names change (prefix, suffix, hash, namespace).

The table says, for each kind of referred object, which fields of which kinds name one.
It follows kustomize's builtin nameReference configuration
(https://kubectl.docs.kubernetes.io/references/kustomize/builtins/), written as data here.
"""

from __future__ import annotations

from kdlint.kustomize.fieldspecs import FieldSpec, cluster_scoped, selects
from kdlint.kustomize.model import Resource

_POD_SPEC_AT = {
    "Pod": "spec", "PodTemplate": "template/spec", "Deployment": "spec/template/spec", "ReplicaSet": "spec/template/spec",
    "DaemonSet": "spec/template/spec", "StatefulSet": "spec/template/spec", "Job": "spec/template/spec",
    "CronJob": "spec/jobTemplate/spec/template/spec", "ReplicationController": "spec/template/spec",
}
_CONFIG_KINDS = ("Pod", "PodTemplate", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob")
_SERVICE_ACCOUNT_KINDS = ("Pod", "StatefulSet", "Deployment", "ReplicationController", "CronJob", "Job", "DaemonSet")


def _fs(path: str, kind: str, group: str = "", version: str = "") -> FieldSpec:
    return FieldSpec(tuple(path.split("/")), kind, group, version)


def _in_pod_specs(relative: tuple, kinds) -> list[FieldSpec]:
    return [_fs(f"{_POD_SPEC_AT[kind]}/{path}", kind, version="v1" if kind == "Pod" else "") for kind in kinds for path in relative]


_CONFIG_MAP_REFS = ("volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
                    "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
                    "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name")
_SECRET_REFS = ("volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
                "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
                "initContainers/envFrom/secretRef/name", "imagePullSecrets/name", "volumes/projected/sources/secret/name")
_RBAC = "rbac.authorization.k8s.io"
_ADMISSION = "admissionregistration.k8s.io"

# (referred kind, group, version) -> fields that name it
NAME_REFERENCES: dict[tuple[str, str, str], list[FieldSpec]] = {
    **{(kind, "", ""): [_fs("spec/scaleTargetRef/name", "HorizontalPodAutoscaler")]
       for kind in ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")},
    ("ConfigMap", "", "v1"): _in_pod_specs(_CONFIG_MAP_REFS, _CONFIG_KINDS) + [
        _fs("spec/configSource/configMap", "Node"),
        _fs("rules/resourceNames", "Role"),
        _fs("rules/resourceNames", "ClusterRole"),
        FieldSpec(("metadata", "annotations", "nginx.ingress.kubernetes.io/fastcgi-params-configmap"), "Ingress"),
    ],
    ("Secret", "", "v1"): _in_pod_specs(_SECRET_REFS, _CONFIG_KINDS) + [
        _fs("spec/tls/secretName", "Ingress"),
        *(FieldSpec(("metadata", "annotations", a), "Ingress") for a in (
            "ingress.kubernetes.io/auth-secret", "nginx.ingress.kubernetes.io/auth-secret",
            "nginx.ingress.kubernetes.io/auth-tls-secret")),
        _fs("imagePullSecrets/name", "ServiceAccount"),
        *(_fs(f"parameters/{p}", "StorageClass") for p in ("secretName", "adminSecretName", "userSecretName", "secretRef")),
        _fs("rules/resourceNames", "Role"),
        _fs("rules/resourceNames", "ClusterRole"),
        _fs("spec/template/spec/containers/env/valueFrom/secretKeyRef/name", "Service", "serving.knative.dev", "v1"),
        _fs("spec/azureFile/secretName", "PersistentVolume"),
    ],
    ("Service", "", "v1"): [
        _fs("spec/serviceName", "StatefulSet", "apps"),
        _fs("spec/rules/http/paths/backend/serviceName", "Ingress"),
        _fs("spec/backend/serviceName", "Ingress"),
        _fs("spec/rules/http/paths/backend/service/name", "Ingress"),
        _fs("spec/defaultBackend/service/name", "Ingress"),
        _fs("spec/service/name", "APIService", "apiregistration.k8s.io"),
        _fs("webhooks/clientConfig/service", "ValidatingWebhookConfiguration", _ADMISSION),
        _fs("webhooks/clientConfig/service", "MutatingWebhookConfiguration", _ADMISSION),
    ],
    ("Role", _RBAC, ""): [_fs("roleRef/name", "RoleBinding", _RBAC)],
    ("ClusterRole", _RBAC, ""): [_fs("roleRef/name", "RoleBinding", _RBAC), _fs("roleRef/name", "ClusterRoleBinding", _RBAC)],
    ("ServiceAccount", "", "v1"): [_fs("subjects", "RoleBinding", _RBAC), _fs("subjects", "ClusterRoleBinding", _RBAC)]
    + [_fs(f"{_POD_SPEC_AT[kind]}/serviceAccountName", kind) for kind in _SERVICE_ACCOUNT_KINDS],
    ("PersistentVolumeClaim", "", "v1"): [_fs(f"{_POD_SPEC_AT[kind]}/volumes/persistentVolumeClaim/claimName", kind)
                                          for kind in _SERVICE_ACCOUNT_KINDS],
    ("PersistentVolume", "", "v1"): [_fs("spec/volumeName", "PersistentVolumeClaim"), _fs("rules/resourceNames", "ClusterRole")],
    ("StorageClass", "storage.k8s.io", "v1"): [
        _fs("spec/storageClassName", "PersistentVolume"),
        _fs("spec/storageClassName", "PersistentVolumeClaim"),
        _fs("spec/volumeClaimTemplates/spec/storageClassName", "StatefulSet"),
    ],
    ("PriorityClass", "scheduling.k8s.io", "v1"): [_fs(f"{_POD_SPEC_AT[kind]}/priorityClassName", kind)
                                                   for kind in _SERVICE_ACCOUNT_KINDS],
    ("IngressClass", "networking.k8s.io/v1", "v1"): [_fs("spec/ingressClassName", "Ingress")],
    ("ValidatingAdmissionPolicy", _ADMISSION, ""): [_fs("spec/policyName", "ValidatingAdmissionPolicyBinding", _ADMISSION)],
}


_BY_REFERRER_KIND: dict[str, list] = {}  # the table by the kind of the object holding the reference
for _target, _specs in NAME_REFERENCES.items():
    for _fs in _specs:
        _BY_REFERRER_KIND.setdefault(_fs.kind, []).append((_target, _fs))


class AmbiguousReference(Exception):
    """Several renamed objects could be the one a field names; kustomize stops here."""


def fix_references(resources: list[Resource]):
    renamed: dict[str, list] = {}  # only renamed (or re-namespaced) objects can need a reference fixed
    for resource in resources:
        for name in dict.fromkeys(i.name for i in resource.previous):
            renamed.setdefault(name, []).append(resource)
    if not renamed:
        return
    for referrer in resources:
        def candidates(old_name: str, referrer=referrer) -> list:
            return [r for r in renamed.get(old_name, ()) if _may_refer(referrer, r)]
        for target, fs in _BY_REFERRER_KIND.get(referrer.kind, ()):
            if selects(fs, referrer):
                _visit(referrer, referrer.body, fs.path, (), _Fixer(referrer, candidates, target, fs))


def _visit(resource, node, parts, path, fixer):
    if isinstance(node, list):
        for index, item in enumerate(node):
            _visit(resource, item, parts, path + (index,), fixer)
        return
    if not isinstance(node, dict) or parts[0] not in node:
        return
    key, value = parts[0], node[parts[0]]
    if len(parts) > 1:
        _visit(resource, value, parts[1:], path + (key,), fixer)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            fixer.fix(value, index, path + (key, index))
    else:
        fixer.fix(node, key, path + (key,))


def _namespace_equal(a: str, b: str) -> bool:
    return (a or "default") == (b or "default")


def _may_refer(referrer: Resource, target: Resource) -> bool:
    if cluster_scoped(referrer.body) or cluster_scoped(target.body):
        return True
    if _namespace_equal(referrer.namespace, target.namespace):
        return True
    if referrer.kind == "RoleBinding":
        subjects = referrer.body.get("subjects")
        return any(isinstance(s, dict) and s.get("kind") == "ServiceAccount" and s.get("namespace") == target.namespace
                   for s in subjects or () if isinstance(subjects, list))
    return False


def _same_ending(a: list, b: list) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return not longer
    return longer[len(longer) - len(shorter):] == shorter


def _affixes_equal(a: Resource, b: Resource, allow_empty: bool) -> bool:
    prefixes = (allow_empty and (not a.prefixes or not b.prefixes)) or _same_ending(a.prefixes, b.prefixes)
    suffixes = (allow_empty and (not a.suffixes or not b.suffixes)) or _same_ending(a.suffixes, b.suffixes)
    return prefixes and suffixes


class _Fixer:
    def __init__(self, referrer: Resource, candidates, target: tuple, fs: FieldSpec):
        self.referrer, self.candidates, self.fs = referrer, candidates, fs
        self.kind, self.group, self.version = target

    def _selected_by(self, resource: Resource, kind, group, version) -> bool:
        return any((not kind or i.kind == kind) and (not group or i.group == group) and (not version or i.version == version)
                   for i in resource.previous)

    def select(self, old_name: str, candidates: list, same) -> Resource | None:
        found = [r for r in candidates if any(i.name == old_name for i in r.previous)]
        found = [r for r in found if self._selected_by(r, self.kind, self.group, self.version)]
        if self.fs.path[-2:] == ("roleRef", "name"):
            role_ref = self.referrer.body.get("roleRef")
            if isinstance(role_ref, dict):
                found = [r for r in found if self._selected_by(r, role_ref.get("kind"), role_ref.get("apiGroup"), "")]
        if not cluster_scoped(self.referrer.body):
            found = [r for r in found if cluster_scoped(r.body) or r.kind == "ServiceAccount"
                     or _namespace_equal(self.referrer.namespace, r.namespace)]
        if len(found) == 1:
            return found[0]
        found = [r for r in found if _affixes_equal(r, self.referrer, True)]
        if len(found) > 1:
            found = [r for r in found if _affixes_equal(r, self.referrer, False)]
        if len(found) == 1:
            return found[0]
        if not found:
            return None
        if all(same(r, found[0]) for r in found):
            return found[0]
        names = ", ".join(r.current_id().text() for r in found)
        raise AmbiguousReference(f"{self.referrer.current_id().text()} names {old_name!r}, which could be any of: {names}")

    def fix(self, parent, key, path: tuple):
        value = parent[key]
        if isinstance(value, str):
            referral = self.select(value, self.candidates(value), lambda r, first: r.name == first.name)
            if referral is not None and referral.name != value:
                parent[key] = referral.name  # provenance stays with the field, where the reference is written
        elif isinstance(value, dict) and isinstance(value.get("name"), str):
            self._fix_mapping(value, path)

    def _fix_mapping(self, mapping: dict, path: tuple):
        old_name = mapping["name"]
        candidates = self.candidates(old_name)
        namespace = mapping.get("namespace")
        if namespace is not None:
            by_original = [r for r in candidates if _namespace_equal(r.original_id().namespace, namespace)]
            candidates = by_original or [r for r in candidates if _namespace_equal(r.namespace, namespace)]
        referral = self.select(old_name, candidates, lambda r, first: (r.name, r.namespace) == (first.name, first.namespace))
        if referral is None or (referral.name == old_name and not referral.namespace):
            return
        mapping["name"] = referral.name
        if referral.namespace:
            if "namespace" not in mapping:
                self.referrer.record(path + ("namespace",), referral.lookup(("metadata", "namespace")))
            mapping["namespace"] = referral.namespace
