"""KD204: the apiVersion of an object is not served by the target Kubernetes version."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.schema.analysis import catalog

META = RuleMeta(
    "KD204", "removed-api", "The apiVersion does not exist in the target Kubernetes version", Severity.ERROR, Needs.OBJECT
)

# Kinds removed without a successor API, and what replaced them.
_SUCCESSORS = {
    "PodSecurityPolicy": "Pod Security Admission (pod-security.kubernetes.io/* labels on the Namespace)",
    "InitializerConfiguration": "a mutating admission webhook (MutatingWebhookConfiguration)",
    "PodPreset": "a mutating admission webhook (MutatingWebhookConfiguration)",
}


def check(obj, ctx):
    gone = catalog(ctx).unavailable(obj.api_version, obj.kind)
    if gone is None:
        return
    name = f"{obj.api_version} {obj.kind}"
    checked = f"(checking against Kubernetes {gone.target}; see --kubernetes-version)"
    fix = None
    if gone.added_in:
        message = f"{name} does not exist in Kubernetes {gone.target}: it was added in {gone.added_in} {checked}"
        fix = f"check against --kubernetes-version {gone.added_in} or newer if the cluster runs it, or use an apiVersion {gone.target} serves"
    elif gone.replacement:
        message = f"{name} was removed in Kubernetes {gone.removed_in} {checked}; use {gone.replacement}"
        fix = f"change apiVersion to {gone.replacement}, and check the fields that changed with it"
    else:
        successor = _SUCCESSORS.get(obj.kind, "nothing in Kubernetes itself")
        message = (
            f"{name} was removed in Kubernetes {gone.removed_in} without a replacement API {checked}; "
            f"its successor is {successor}"
        )
    yield Violation(message, subject=obj, path=("apiVersion",), at_value=True, fix=fix)
