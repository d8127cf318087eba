"""KD409: an ExternalName Service whose target cannot work: an IP, a relative name, a missing
in-cluster Service, or a loop of ExternalNames."""

from kdlint.dns.refs import Form, RefKind, format_ref, parse_ref
from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import ident, related_service

META = RuleMeta(
    "KD409", "externalname-target", "ExternalName target is an IP, a relative name, missing, or a loop", Severity.WARNING, Needs.CLUSTER,
    subjects="services",
)


def check(service, ctx):
    view = ctx.view
    target = service.get("spec", "externalName")
    if service.get("spec", "type") != "ExternalName" or not isinstance(target, str) or not target.strip():
        return
    name = target.strip().rstrip(".").lower()
    found = _problem(view, service, name, view.settings.cluster_domain)
    if found is not None:
        message, fix, severity, related = found
        yield Violation(message, fix=fix, subject=service, path=("spec", "externalName"), at_value=True, severity=severity, related=related)
    loop = view.external_name_loop(service)
    if loop and view.get("Service", service.namespace, service.name) is service:  # once, when defined twice (KD502)
        yield _loop(view, service, loop)


def _problem(view, service, name: str, domain: str):
    import ipaddress  # only for ExternalName Services

    try:
        ipaddress.ip_address(name)
        return (
            f"externalName `{name}` is an IP address; the cluster DNS answers an ExternalName with a CNAME and "
            "never with an address, so the name of this Service does not resolve",
            "use a Service without selector (or a headless one) and an EndpointSlice holding that IP",
            Severity.ERROR, (),
        )
    except ValueError:
        pass
    parsed = parse_ref(name + ".", service.namespace, domain)
    relative = "." not in name or parsed.form is Form.SVC or (
        parsed.form is Form.NAMESPACED and view.has_namespace(parsed.namespace)
    )
    if relative:
        meant = _meant(view, parsed, name, service.namespace, domain)
        return (
            f"externalName `{name}` is relative, so it never reaches a Service of the cluster; a CNAME target is "
            f"always looked up as an absolute name (`{name}.`), without the search list",
            f"write the full name{meant}, or a name the upstream DNS resolves",
            Severity.WARNING, (),
        )
    if parsed.kind is not RefKind.SERVICE or parsed.form is not Form.FQDN or parsed.domain_mismatch:
        return None  # an external name; malformed in-cluster ones are KD404's, other domains KD403's
    if view.service_exists(parsed.namespace, parsed.service) or any("cannot be" in p for p in parsed.problems):
        return None
    outside = not view.has_namespace(parsed.namespace)
    return (
        f"externalName `{name}` points at Service {parsed.service} in namespace {parsed.namespace}, which the input "
        + ("does not contain (the namespace is not part of it)" if outside else "does not contain")
        + ": the CNAME dangles",
        "create that Service or correct the target" + ("; if another repository or chart provides it, suppress this once" if outside else ""),
        Severity.INFO if outside else Severity.WARNING, (),
    )


def _meant(view, parsed, name, namespace, domain) -> str:
    service = parsed.service if parsed.kind is RefKind.SERVICE else None
    target_ns = parsed.namespace if parsed.form is not Form.SHORT else None
    if service and target_ns:
        return f" `{format_ref(service, target_ns, Form.FQDN, cluster_domain=domain)}`"
    matches = view.services_named(name)
    if len(matches) == 1:
        return f" `{format_ref(name, matches[0].namespace, Form.FQDN, cluster_domain=domain)}`"
    return f" `{name}.<namespace>.svc.{domain}`"


def _loop(view, service, cycle: list) -> Violation:
    """`cycle`: the (namespace, name) keys of the loop, from `service`."""
    shown = " -> ".join(f"{name}.{ns}" for ns, name in cycle + [cycle[0]])
    others = [view.get("Service", *k) for k in cycle[1:]]
    return Violation(
        f"ExternalName Services form a loop ({shown}): the cluster DNS follows the CNAMEs until the client gives "
        "up, so none of these names resolves",
        fix="point one of them at a real host or a Service with endpoints",
        subject=service,
        path=("spec", "externalName"),
        at_value=True,
        severity=Severity.ERROR,
        related=tuple(related_service(o, f"{ident(o)} in the loop") for o in others if o is not None),
    )
