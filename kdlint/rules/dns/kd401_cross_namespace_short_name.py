"""KD401: a short name that only a Service in another namespace has."""

from kdlint.dns.names import is_public_tld
from kdlint.dns.refs import Form, RefKind, format_ref
from kdlint.findings import Severity
from kdlint.fixes import Applicability, FixAvailability
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.common import at_host, related_service
from kdlint.rules.dns import namespace_note, rewrite_host, tried

META = RuleMeta(
    "KD401", "cross-namespace-short-name",
    "Short host name of a Service that exists only in another namespace", Severity.ERROR, Needs.CLUSTER, subjects="pod-dns-places",
    fix=FixAvailability.SOMETIMES,
)


def check(refs, ctx):
    view = ctx.view
    dns = view.dns
    ref = refs[0]
    parsed = ref.cluster_ref
    if parsed.form is not Form.SHORT or parsed.kind is not RefKind.SERVICE or ref.host.srv:
        return
    name, namespace = parsed.service, ref.namespace
    if view.service_exists(namespace, name):
        return
    elsewhere = list({s.namespace: s for s in reversed(view.services_named(name)) if s.namespace != namespace}.values())[::-1]
    if not elsewhere:
        return
    resolution = dns.resolution(ref).glibc
    if resolution.resolved:
        return  # a custom search list (dnsConfig) does reach it
    target = elsewhere[0].namespace
    short = format_ref(name, target, Form.NAMESPACED)
    if is_public_tld(target):  # `ent.prod` works, but reads like a public name (KD504)
        short = format_ref(name, target, Form.SVC)
    full = format_ref(name, target, Form.FQDN, cluster_domain=view.settings.cluster_domain)
    where = (
        f"namespace {target}{namespace_note(view, target)}" if len(elsewhere) == 1
        else "namespaces " + ", ".join(s.namespace for s in elsewhere)
    )
    yield at_host(
        refs,
        f"`{ref.text}` is resolved from namespace {namespace}{namespace_note(view, namespace)}, which has no "
        f"Service {name}; the resolver tries {tried(resolution)} and never reaches the Service {name} in {where}",
        f"write `{short}` (or `{full}`)" + (" for the namespace you mean" if len(elsewhere) > 1 else ""),
        related=[related_service(s, f"Service {name} in namespace {s.namespace}") for s in elsewhere],
        # which Service answers changes: unsafe, and only when one namespace has it
        autofix=rewrite_host(ref, 0, ref.host.text, format_ref(name, target, Form.SVC), Applicability.UNSAFE)
        if len(elsewhere) == 1 and ref.host.text.lower() == name else None,
    )
