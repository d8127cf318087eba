"""Which fields each builtin transformer touches, as kustomize's default field specs define them.

A field spec is (path, kind, group, version, create): the path is slash-separated and steps
through every item of a list it meets; an empty kind/group/version matches any. `create`
makes missing fields on the way. Source: kustomize's builtin field-spec configuration
(https://kubectl.docs.kubernetes.io/references/kustomize/builtins/).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from kdlint.kustomize.model import Resource, split_api_version


class FieldSpec(NamedTuple):
    path: tuple
    kind: str = ""
    group: str = ""
    version: str = ""
    create: bool = False


def spec(path: str, kind: str = "", group: str = "", version: str = "", create: bool = False) -> FieldSpec:
    return FieldSpec(tuple(part.removesuffix("[]") for part in path.split("/")), kind, group, version, create)


def selects(fs: FieldSpec, resource: Resource) -> bool:
    group, version = split_api_version(resource.body.get("apiVersion"))
    return (
        (not fs.kind or fs.kind == resource.kind)
        and (not fs.group or fs.group == group)
        and (not fs.version or fs.version == version)
    )


# Kinds kustomize knows to be cluster-scoped (it never sets their metadata.namespace),
# by apiVersion and kind as its built-in OpenAPI data lists them.
CLUSTER_SCOPED = frozenset(
    {(f"{group}/{version}" if group else version, kind)
     for group, versions, kinds in (
         ("admissionregistration.k8s.io", ("v1", "v1beta1"), ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")),
         ("apiextensions.k8s.io", ("v1", "v1beta1"), ("CustomResourceDefinition",)),
         ("apiregistration.k8s.io", ("v1", "v1beta1"), ("APIService",)),
         ("certificates.k8s.io", ("v1", "v1beta1"), ("CertificateSigningRequest",)),
         ("flowcontrol.apiserver.k8s.io", ("v1beta1",), ("FlowSchema", "PriorityLevelConfiguration")),
         ("networking.k8s.io", ("v1", "v1beta1"), ("IngressClass",)),
         ("node.k8s.io", ("v1", "v1beta1"), ("RuntimeClass",)),
         ("policy", ("v1beta1",), ("PodSecurityPolicy",)),
         ("rbac.authorization.k8s.io", ("v1", "v1beta1"), ("ClusterRole", "ClusterRoleBinding")),
         ("scheduling.k8s.io", ("v1", "v1beta1"), ("PriorityClass",)),
         ("storage.k8s.io", ("v1", "v1beta1"), ("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment")),
         ("", ("v1",), ("ComponentStatus", "Namespace", "Node", "PersistentVolume")),
     )
     for version in versions for kind in kinds}
)


def cluster_scoped(body: dict) -> bool:
    return (body.get("apiVersion"), body.get("kind")) in CLUSTER_SCOPED


_WORKLOADS_WITH_TEMPLATE = (("ReplicationController", "", "v1"), ("Deployment", "", ""), ("ReplicaSet", "", ""),
                            ("DaemonSet", "", ""), ("StatefulSet", "apps", ""), ("Job", "batch", ""))


def _template_specs(field: str) -> list[FieldSpec]:
    """metadata/<field> of every object and of the pod templates workloads carry."""
    specs = [spec(f"metadata/{field}", create=True)]
    specs += [spec(f"spec/template/metadata/{field}", kind, group, version, True) for kind, group, version in _WORKLOADS_WITH_TEMPLATE]
    specs += [spec(f"spec/jobTemplate/metadata/{field}", "CronJob", "batch", create=True),
              spec(f"spec/jobTemplate/spec/template/metadata/{field}", "CronJob", "batch", create=True)]
    return specs


TEMPLATE_LABELS = _template_specs("labels")
VOLUME_CLAIM_TEMPLATE_LABELS = [spec("spec/volumeClaimTemplates[]/metadata/labels", "StatefulSet", "apps", create=True)]
COMMON_ANNOTATIONS = _template_specs("annotations")

_AFFINITY = "spec/template/spec/affinity/{}/{}/labelSelector/matchLabels"
_SELECTOR_LABELS = (
    [spec("spec/selector", "Service", version="v1", create=True),
     spec("spec/selector", "ReplicationController", version="v1", create=True),
     spec("spec/selector/matchLabels", "Deployment", create=True)]
    + [spec(_AFFINITY.format(affinity, term), kind, "apps")
       for kind in ("Deployment", "StatefulSet")
       for affinity in ("podAffinity", "podAntiAffinity")
       for term in ("preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
                    "requiredDuringSchedulingIgnoredDuringExecution")]
    + [spec("spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", kind, "apps")
       for kind in ("Deployment", "StatefulSet")]
    + [spec("spec/selector/matchLabels", "ReplicaSet", create=True),
       spec("spec/selector/matchLabels", "DaemonSet", create=True),
       spec("spec/selector/matchLabels", "StatefulSet", "apps", create=True),
       spec("spec/selector/matchLabels", "Job", "batch"),
       spec("spec/jobTemplate/spec/selector/matchLabels", "CronJob", "batch"),
       spec("spec/selector/matchLabels", "PodDisruptionBudget", "policy"),
       spec("spec/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
       spec("spec/ingress/from/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
       spec("spec/egress/to/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io")]
)
# commonLabels, and `labels` with includeSelectors: selectors, templates and metadata
COMMON_LABELS = _SELECTOR_LABELS + TEMPLATE_LABELS + VOLUME_CLAIM_TEMPLATE_LABELS
METADATA_LABELS = [spec("metadata/labels", create=True)]

IMAGES = [spec(f"{prefix}{path}")  # only existing images are rewritten
          for prefix in ("", "spec/template/")
          for path in ("spec/containers[]/image", "spec/initContainers[]/image", "spec/volumes[]/image/reference")]
REPLICAS = [spec("spec/replicas", kind, create=True) for kind in ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")]


def merge_specs(*groups) -> list[FieldSpec]:
    merged: list[FieldSpec] = []
    for group in groups:
        merged += [fs for fs in group if fs not in merged]
    return merged


def label_specs(label: dict) -> list[FieldSpec]:
    """Where one `labels:` entry writes: its own `fields`, then selectors and templates as it asks."""
    own = [spec(str(f["path"]), str(f.get("kind") or ""), str(f.get("group") or ""), str(f.get("version") or ""), bool(f.get("create")))
           for f in label.get("fields") or () if isinstance(f, dict) and f.get("path")]
    if label.get("includeSelectors"):
        return merge_specs(own, COMMON_LABELS)
    # kustomize v5.5 counts volume claim templates as templates (later versions ask for them apart)
    templates = label.get("includeTemplates")
    return merge_specs(own, TEMPLATE_LABELS if templates else [],
                       VOLUME_CLAIM_TEMPLATE_LABELS if templates or label.get("includeVolumeClaimTemplates") else [],
                       METADATA_LABELS)


Visit = Callable[[dict, str, tuple], None]


def apply(resource: Resource, specs: list[FieldSpec], visit: Visit, created_origin=None):
    """Call visit(parent mapping, last key, rendered path of that key) for each field the specs select.

    Missing mappings on the way are made when a spec says `create`; their provenance is
    `created_origin`. `visit` itself decides whether to create the last field.
    """
    for fs in specs:
        if selects(fs, resource):
            _walk(resource, resource.body, fs.path, (), fs.create, visit, created_origin)


def _walk(resource, node, parts, path, create, visit, created_origin):
    if isinstance(node, list):
        for index, item in enumerate(node):
            _walk(resource, item, parts, path + (index,), create, visit, created_origin)
        return
    if not isinstance(node, dict):
        return
    key = parts[0]
    if len(parts) == 1:
        if key in node or create:
            visit(node, key, path + (key,))
        return
    child = node.get(key)
    if child is None:
        if not create:
            return
        child = node[key] = {}
        if created_origin is not None:
            resource.record(path + (key,), created_origin)
    _walk(resource, child, parts[1:], path + (key,), create, visit, created_origin)
