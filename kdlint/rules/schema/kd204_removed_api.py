"""KD204: the apiVersion of an object is not served by the target Kubernetes version."""

from kdlint.findings import Severity
from kdlint.fixes import Applicability, Fix, FixAvailability, replace_scalar
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.schema_analysis import catalog
from kdlint.rules.schema.migrations import migration

META = RuleMeta(
    "KD204", "removed-api", "The apiVersion does not exist in the target Kubernetes version", Severity.ERROR, Needs.OBJECT,
    fix=FixAvailability.SOMETIMES,
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
    checked = f"; kdlint checks against Kubernetes {gone.target} (see --kubernetes-version)"
    fix = autofix = None
    if gone.added_in:
        message = (
            f"{name} does not exist in Kubernetes {gone.target}, the version kdlint checks against "
            f"(see --kubernetes-version); it was added in {gone.added_in}"
        )
        fix = f"check against --kubernetes-version {gone.added_in} or newer if the cluster runs it, or use an apiVersion {gone.target} serves"
    elif gone.replacement:
        message = f"{name} was removed in Kubernetes {gone.removed_in}{checked}"
        fix = f"change apiVersion to {gone.replacement}, and check the fields that changed with it"
        if catalog(ctx).same_schema(obj.api_version, obj.kind, gone.replacement):
            fix = f"change apiVersion to {gone.replacement} (its schema is the same)"
            autofix = _new_api_version(obj, gone.replacement)
        elif obj.provenance is None:
            edits = migration(obj, gone.replacement, catalog(ctx).store)
            if edits:
                autofix = Fix(f"migrate to {gone.replacement}", edits, Applicability.UNSAFE)
    else:
        message = f"{name} was removed in Kubernetes {gone.removed_in} without a replacement API{checked}"
        successor = _SUCCESSORS.get(obj.kind)
        fix = f"move to its successor, {successor}" if successor else "remove the object: nothing in Kubernetes itself replaces it"
    yield Violation(message, subject=obj, path=("apiVersion",), at_value=True, fix=fix, autofix=autofix)


def _new_api_version(obj, replacement: str) -> Fix | None:
    """The apiVersion rewritten (safe: the replacement's schema is the removed one's). A
    replacement whose fields changed gets the unsafe migration (kdlint.rules.schema.migrations)
    when it yields a valid object, else no fix: a half-migrated object is worse than a reported one."""
    if obj.provenance is not None:
        return None  # rendered by kustomize: the apiVersion may be written in another file
    line, column = obj.value_position(("apiVersion",))
    edits = replace_scalar(obj.file, obj.doc.lines, line, column, obj.api_version, replacement)
    return Fix(f"change apiVersion {obj.api_version} to {replacement}", edits) if edits else None
