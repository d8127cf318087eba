"""Built-in APIs removed before the oldest shipped schema set."""

# Well-known API versions removed before 1.25, the oldest version kdlint ships schemas for, so
# that they are recognised as removed built-in APIs rather than as unknown custom resources.
# Source: the Kubernetes "Deprecated API Migration Guide"
# (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), sections v1.16, v1.22 and
# v1.25.  Removals from 1.26 on are derived from the shipped schemas themselves.
# Alpha APIs are not in that guide; each is listed with the release note of its removal.
# Maps (apiVersion, kind) -> Kubernetes minor version that stopped serving it.
REMOVED_BEFORE_OLDEST: dict[tuple[str, str], str] = {
    # v1.14, alpha: "The alpha Initializers feature, admissionregistration.k8s.io/v1alpha1 API
    # version, ... have been removed" (CHANGELOG-1.14, kubernetes/kubernetes#72972)
    ("admissionregistration.k8s.io/v1alpha1", "InitializerConfiguration"): "1.14",
    # v1.16
    **{("extensions/v1beta1", k): "1.16"
       for k in ("DaemonSet", "Deployment", "ReplicaSet", "NetworkPolicy", "PodSecurityPolicy")},
    **{("apps/v1beta1", k): "1.16" for k in ("Deployment", "StatefulSet", "ReplicaSet",
                                            "ControllerRevision")},
    **{("apps/v1beta2", k): "1.16" for k in ("DaemonSet", "Deployment", "StatefulSet",
                                            "ReplicaSet", "ControllerRevision")},
    # v1.20, alpha: "The v1alpha1 PodPreset API and admission plugin has been removed with no
    # built-in replacement" (CHANGELOG-1.20, kubernetes/kubernetes#94090)
    ("settings.k8s.io/v1alpha1", "PodPreset"): "1.20",
    # v1.22
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"): "1.22",
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"): "1.22",
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"): "1.22",
    ("apiregistration.k8s.io/v1beta1", "APIService"): "1.22",
    ("authentication.k8s.io/v1beta1", "TokenReview"): "1.22",
    **{("authorization.k8s.io/v1beta1", k): "1.22"
       for k in ("SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview",
                 "SelfSubjectRulesReview")},
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"): "1.22",
    ("coordination.k8s.io/v1beta1", "Lease"): "1.22",
    ("extensions/v1beta1", "Ingress"): "1.22",
    ("networking.k8s.io/v1beta1", "Ingress"): "1.22",
    ("networking.k8s.io/v1beta1", "IngressClass"): "1.22",
    **{("rbac.authorization.k8s.io/v1beta1", k): "1.22"
       for k in ("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")},
    ("scheduling.k8s.io/v1beta1", "PriorityClass"): "1.22",
    **{("storage.k8s.io/v1beta1", k): "1.22"
       for k in ("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment")},
    # v1.25
    ("batch/v1beta1", "CronJob"): "1.25",
    ("discovery.k8s.io/v1beta1", "EndpointSlice"): "1.25",
    ("events.k8s.io/v1beta1", "Event"): "1.25",
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler"): "1.25",
    ("policy/v1beta1", "PodDisruptionBudget"): "1.25",
    ("policy/v1beta1", "PodSecurityPolicy"): "1.25",
    ("node.k8s.io/v1beta1", "RuntimeClass"): "1.25",
}
