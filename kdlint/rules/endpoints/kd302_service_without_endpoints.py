"""KD302: a Service without selector and without Endpoints or EndpointSlices in the input."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD302", "service-without-endpoints", "Service without selector has no Endpoints in the input", Severity.WARNING, Needs.CLUSTER, subjects="services")

# tools that apply manifests; any other managed-by value names a controller that may own endpoints
APPLY_TOOLS = frozenset({"helm", "tiller", "kustomize", "kubectl", "argocd", "flux", "kapp", "jsonnet", "timoni", "pulumi", "terraform"})


def check(service, ctx):
    view = ctx.view
    spec = service.get("spec")
    if not isinstance(spec, dict) or spec.get("type") == "ExternalName" or service.namespace is None:
        return
    selector = spec.get("selector")
    if isinstance(selector, dict) and selector:
        return
    if _system_service(service) or _managed_elsewhere(service) or view.endpoints_for(service):
        return
    how = "has an empty selector (`{}` is no selector)" if isinstance(selector, dict) else "has no selector"
    message = (
        f"Service {how} and no endpoints in the input, so connections to it will fail; Kubernetes creates no "
        f"endpoints for a Service without selector, and the input holds no Endpoints named `{service.name}` nor an "
        f"EndpointSlice labelled `kubernetes.io/service-name: {service.name}` in namespace {service.namespace}"
    )
    message += view.unparsed_note(service.namespace, {"Endpoints", "EndpointSlice"})
    yield Violation(
        message,
        fix="add a selector that matches the backing pods, or add the Endpoints or EndpointSlice "
        "(or ignore this finding if a controller outside this input manages them)",
        subject=service,
        path=("spec", "selector") if selector is not None else ("spec",),
    )


def _system_service(service) -> bool:
    return service.namespace == "default" and service.name == "kubernetes"


def _managed_elsewhere(service) -> bool:
    if service.get("metadata", "ownerReferences"):
        return True
    managed_by = service.labels.get("app.kubernetes.io/managed-by")
    return isinstance(managed_by, str) and managed_by.lower() not in APPLY_TOOLS
