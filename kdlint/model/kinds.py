"""Facts about built-in kinds that the model needs before any schema is loaded."""

CLUSTER_SCOPED = frozenset(
    {
        "APIService",
        "CertificateSigningRequest",
        "ClusterRole",
        "ClusterRoleBinding",
        "ComponentStatus",
        "CSIDriver",
        "CSINode",
        "CustomResourceDefinition",
        "FlowSchema",
        "IngressClass",
        "MutatingAdmissionPolicy",
        "MutatingAdmissionPolicyBinding",
        "MutatingWebhookConfiguration",
        "Namespace",
        "Node",
        "PersistentVolume",
        "PodSecurityPolicy",
        "PriorityClass",
        "PriorityLevelConfiguration",
        "RuntimeClass",
        "StorageClass",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
        "VolumeAttachment",
        # common custom resources whose CRDs declare `scope: Cluster`
        "ClusterIssuer",
        "GatewayClass",
        "ClusterSecretStore",
    }
)

# Files that hold YAML but are not Kubernetes manifests; skipped without a finding.
NON_MANIFEST_FILES = frozenset(
    {
        "kustomization.yaml",
        "kustomization.yml",
        "Kustomization",
        "Chart.yaml",
        "Chart.lock",
        "values.yaml",
        "values.yml",
        "values.schema.json",
        "requirements.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        ".kdlint.yaml",
        ".kdlint.yml",
        ".yamllint",
        ".yamllint.yaml",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "renovate.json",
        "mkdocs.yml",
        "action.yml",
        "action.yaml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yaml",
    }
)


def is_non_manifest_file(name: str) -> bool:
    return name in NON_MANIFEST_FILES or (name.startswith("values-") and name.endswith((".yaml", ".yml")))


def api_group(api_version: str) -> str:
    return api_version.rpartition("/")[0] if "/" in api_version else ""
