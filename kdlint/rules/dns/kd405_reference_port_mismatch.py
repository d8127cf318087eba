"""KD405: a host:port (or URL port, webhook port) that the referenced Service does not expose."""

from kdlint.dns.refs import RefKind
from kdlint.findings import Severity
from kdlint.graph.build import is_external_name
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import at_host, port_hint, port_list, related_service

META = RuleMeta(
    "KD405", "reference-port-mismatch", "Port in a reference that the Service does not expose", Severity.WARNING, Needs.CLUSTER,
    subjects=("pod-dns-places", "service-refs"),
)


def check(subject, ctx):
    """`subject`: the references written at one place (a list), or a Service reference."""
    if isinstance(subject, list):
        yield from _place(ctx.view, subject)
    else:
        yield from _service_ref(ctx.view, subject)


def _place(view, refs):
    for port, group in _by_port(refs):
        ref = group[0]
        parsed = ref.cluster_ref
        if parsed.kind is not RefKind.SERVICE or ref.host.srv:
            continue  # an endpoint name reaches the pod directly, on any port
        service = view.service(parsed.namespace, parsed.service)
        if service is None or any(p.port == port for p in view.ports_of(service)) or not _checkable(view, service):
            continue  # the port is exposed: the usual case, told before the Service's type
        yield at_host(
            group,
            f"`{ref.text}` is used with port {port}, which Service {service.name} in namespace {service.namespace} "
            f"does not expose, so connections are refused; its ports: {port_list(view, service)}{port_hint(view, service, port)}",
            "use one of the Service's ports (its `port`, not the `targetPort`), or add the port to the Service",
            related=[related_service(service, f"Service {service.name}")],
        )


def _service_ref(view, ref):
    service = view.service(ref.namespace, ref.name)
    if not _checkable(view, service) or any(p.port == ref.port for p in view.ports_of(service)):
        return
    given = "" if ref.port_given else " (443 when `port` is not set)"
    yield Violation(
        f"{ref.what} calls Service {ref.name} in namespace {ref.namespace} on port {ref.port}{given}, which the "
        f"Service does not expose; its ports: {port_list(view, service)}{port_hint(view, service, ref.port)}",
        fix="set `port` to one of the Service's ports, or add the port to the Service",
        subject=ref.holder,
        path=ref.path + (("port",) if ref.port_given else ()),
        at_value=ref.port_given,
        related=(related_service(service, f"Service {service.name}"),),
    )


def _by_port(refs):
    if len(refs) == 1:  # most places: one reference
        port = refs[0].host.port
        return [] if port is None else [(port, list(refs))]
    ports: dict = {}
    for ref in refs:
        if ref.host.port is not None:
            ports.setdefault(ref.host.port, []).append(ref)
    return sorted(ports.items())


def _checkable(view, service) -> bool:
    """A Service whose port list limits what clients can reach (not headless, not ExternalName)."""
    return (
        service is not None
        and not is_external_name(service)
        and service.get("spec", "clusterIP") != "None"
        and bool(view.ports_of(service))
    )
