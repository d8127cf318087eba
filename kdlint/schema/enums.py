"""Closed sets of values for well-known fields, which the bundled OpenAPI v2 schemas leave as
plain strings.

The values are the constants of the Kubernetes API types (``k8s.io/api``), stable across the
shipped versions.  ``""`` is listed where Kubernetes defaults an empty value before validating
it, so an empty string stays valid there.  Applied to the definitions when the store hardens
them: with them KD201 reports ``type: Clusterip``, and KD102 can tell that ``type: ClusterIP``
inside a Service's ``selector`` is a misplaced field rather than a label.
"""

from __future__ import annotations

_PROTOCOL = ("TCP", "UDP", "SCTP", "")
_UPDATE_TYPE = ("RollingUpdate", "OnDelete", "")
_CORE = "io.k8s.api.core.v1."

# definition name -> property -> allowed values (for an array property: of its items)
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    _CORE + "ServiceSpec": {
        "type": ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName", ""),
        "sessionAffinity": ("ClientIP", "None", ""),
        "externalTrafficPolicy": ("Cluster", "Local", ""),
        "internalTrafficPolicy": ("Cluster", "Local", ""),
        "ipFamilyPolicy": ("SingleStack", "PreferDualStack", "RequireDualStack"),
        "ipFamilies": ("IPv4", "IPv6"),
    },
    _CORE + "ServicePort": {"protocol": _PROTOCOL},
    _CORE + "ContainerPort": {"protocol": _PROTOCOL},
    "io.k8s.api.networking.v1.NetworkPolicyPort": {"protocol": _PROTOCOL},
    **{
        _CORE + container: {
            "imagePullPolicy": ("Always", "IfNotPresent", "Never", ""),
            "terminationMessagePolicy": ("File", "FallbackToLogsOnError", ""),
        }
        for container in ("Container", "EphemeralContainer")
    },
    _CORE + "PodSpec": {
        "restartPolicy": ("Always", "OnFailure", "Never", ""),
        "dnsPolicy": ("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None", ""),
        "preemptionPolicy": ("PreemptLowerPriority", "Never"),
    },
    _CORE + "Toleration": {
        "operator": ("Exists", "Equal", "Gt", "Lt", ""),
        "effect": ("NoSchedule", "PreferNoSchedule", "NoExecute", ""),
    },
    _CORE + "NodeSelectorRequirement": {"operator": ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")},
    "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement": {
        "operator": ("In", "NotIn", "Exists", "DoesNotExist"),
    },
    _CORE + "PersistentVolumeClaimSpec": {
        "accessModes": ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"),
        "volumeMode": ("Filesystem", "Block"),
    },
    _CORE + "HTTPGetAction": {"scheme": ("HTTP", "HTTPS", "")},
    _CORE + "VolumeMount": {"mountPropagation": ("None", "HostToContainer", "Bidirectional", "")},
    _CORE + "SeccompProfile": {"type": ("RuntimeDefault", "Unconfined", "Localhost")},
    _CORE + "HostPathVolumeSource": {
        "type": ("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"),
    },
    "io.k8s.api.networking.v1.HTTPIngressPath": {"pathType": ("Exact", "Prefix", "ImplementationSpecific")},
    "io.k8s.api.networking.v1.NetworkPolicySpec": {"policyTypes": ("Ingress", "Egress")},
    "io.k8s.api.apps.v1.DeploymentStrategy": {"type": ("Recreate", "RollingUpdate", "")},
    "io.k8s.api.apps.v1.StatefulSetUpdateStrategy": {"type": _UPDATE_TYPE},
    "io.k8s.api.apps.v1.DaemonSetUpdateStrategy": {"type": _UPDATE_TYPE},
    "io.k8s.api.apps.v1.StatefulSetSpec": {"podManagementPolicy": ("OrderedReady", "Parallel", "")},
    "io.k8s.api.batch.v1.CronJobSpec": {"concurrencyPolicy": ("Allow", "Forbid", "Replace", "")},
    "io.k8s.api.rbac.v1.Subject": {"kind": ("User", "Group", "ServiceAccount")},
    "io.k8s.api.rbac.v1.RoleRef": {"kind": ("Role", "ClusterRole")},
}


def with_enums(name: str, body: dict) -> dict:
    """``body`` (a raw definition) with the known value sets of definition ``name`` added."""
    table = ENUMS.get(name)
    properties = body.get("properties")
    if not table or not isinstance(properties, dict):
        return body
    properties = dict(properties)
    for prop, values in table.items():
        schema = properties.get(prop)
        if not isinstance(schema, dict) or "enum" in schema:
            continue
        if isinstance(schema.get("items"), dict):
            properties[prop] = {**schema, "items": {**schema["items"], "enum": list(values)}}
        else:
            properties[prop] = {**schema, "enum": list(values)}
    return {**body, "properties": properties}
