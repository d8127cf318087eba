"""KD504: Namespaces and Services named like parts of DNS names (svc, pod, the cluster
domain's labels), and namespaces named like a public TLD that a referenced name ends in."""

from kdlint.dns.names import is_public_tld
from kdlint.findings import Severity
from kdlint.graph.subjects import NamespacePlace
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import related_reference

META = RuleMeta(
    "KD504", "shadowing-name", "Namespace or Service named like a DNS label it can shadow", Severity.WARNING, Needs.CLUSTER,
    subjects=("namespaces", "services"),
)

RESERVED = ("svc", "pod", "cluster", "local")


def check(subject, ctx):
    """`subject`: a namespace (kdlint.graph.subjects.NamespacePlace) or a Service."""
    view = ctx.view
    reserved = set(RESERVED) | set(view.settings.cluster_domain.split("."))
    if isinstance(subject, NamespacePlace):
        namespace, obj, path = subject.name, subject.obj, subject.path
        if namespace in reserved:
            yield Violation(
                f"namespace `{namespace}` is named like a label of in-cluster DNS names (svc, pod, the cluster domain "
                f"{view.settings.cluster_domain}); names such as `x.{namespace}` or `x.{namespace}.svc` are read in unexpected "
                "ways by the search list",
                subject=obj, path=path, at_value=True, fix="rename the namespace",
            )
        elif is_public_tld(namespace) and view.dotted_references_ending_in(namespace):
            yield _tld_namespace(view, namespace, obj, path, view.dotted_references_ending_in(namespace))
    elif subject.name in reserved:
        service = subject
        yield Violation(
            f"Service `{service.name}` is named like a label of in-cluster DNS names: from namespace "
            f"{service.namespace}, `x.{service.name}` is first read as the endpoint x of this Service",
            subject=service, path=("metadata", "name"), at_value=True, fix="rename the Service",
        )


def _tld_namespace(view, namespace, obj, path, refs):
    missing = [r for r in refs if not view.service_exists(namespace, r.cluster_ref.service or "")]
    shown = refs[:3]
    if missing:
        ref = missing[0]
        return Violation(
            f"namespace `{namespace}` is named like the public top-level domain .{namespace}, and `{ref.text}` "
            f"({ref.where}) names no Service in it, so it reads as a public name; yet it is first looked up as "
            f"Service {ref.cluster_ref.service} in namespace {namespace}, and such a Service would capture it",
            fix=f"write `{ref.name}.` (with a final dot) to look it up outside the cluster directly, or rename the namespace",
            subject=obj, path=path, at_value=True,
            related=tuple(related_reference(r, f"`{r.text}`") for r in missing[:3]),
        )
    ref = refs[0]
    return Violation(
        f"namespace `{namespace}` is named like the public top-level domain .{namespace}: `{ref.text}` ({ref.where}) "
        f"reaches Service {ref.cluster_ref.service} in it, but reads like the public name {ref.name} to anyone (or any "
        "resolver outside the cluster)",
        fix=f"write the unambiguous `{ref.name}.svc`, or rename the namespace",
        subject=obj, path=path, at_value=True, severity=Severity.INFO,
        related=tuple(related_reference(r, f"`{r.text}`") for r in shown),
    )
