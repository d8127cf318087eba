"""KD503: `a.b` answered by endpoint `a` of Service `b` in the caller's namespace before it can
reach Service `a` in namespace `b`."""

from kdlint.dns.refs import Form, RefKind, format_ref
from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.common import at_host, related_service

META = RuleMeta(
    "KD503", "search-path-hijack",
    "a.b reaches a pod of Service b in the caller's namespace before Service a in namespace b", Severity.WARNING, Needs.CLUSTER, subjects="pod-dns-places")


def check(refs, ctx):
    view = ctx.view
    dns = view.dns
    ref = refs[0]
    parsed = ref.cluster_ref
    if parsed.form is not Form.NAMESPACED or parsed.kind is not RefKind.SERVICE or ref.host.absolute:
        return
    wanted = view.service(parsed.namespace, parsed.service)
    shadow = view.service(ref.namespace, parsed.namespace)
    if wanted is None or shadow is None or parsed.namespace == ref.namespace:
        return
    answer = dns.resolution(ref).glibc.answer
    from kdlint.dns.coredns import Kind  # loaded by the resolution above; none without such names

    if answer is None or answer.classification.kind is not Kind.ENDPOINT:
        return
    domain = view.settings.cluster_domain
    yield at_host(
        refs,
        f"`{ref.text}` is first tried as {answer.candidate.name}, which is the pod with hostname "
        f"{parsed.service} behind Service {parsed.namespace} in namespace {ref.namespace}; it answers with that "
        f"pod's address, and Service {parsed.service} in namespace {parsed.namespace} is never asked",
        f"write `{format_ref(parsed.service, parsed.namespace, Form.SVC)}` "
        f"(or `{format_ref(parsed.service, parsed.namespace, Form.FQDN, cluster_domain=domain)}`)",
        related=[
            related_service(wanted, f"Service {parsed.service} in namespace {parsed.namespace}, the likely target"),
            related_service(shadow, f"Service {parsed.namespace} in namespace {ref.namespace}, which answers first"),
        ],
    )
