"""KD304: a named targetPort that no container port of the selected pods resolves."""

from kdlint.findings import Severity
from kdlint.graph.ports import PROTOCOL_MISMATCH, UNKNOWN, UNRESOLVED
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import ident
from kdlint.rules.endpoints import related_source

META = RuleMeta("KD304", "target-port-unresolved", "Named targetPort matches no container port of the selected Pods", Severity.ERROR, Needs.CLUSTER, subjects="services")


def check(service, ctx):
    view = ctx.view
    for position, port, backends in view.target_ports(service):
        if not isinstance(port.target, str):
            continue
        results = [(b.source, b.ports[position]) for b in backends]
        failed = [(s, r) for s, r in results if r.status in (UNRESOLVED, PROTOCOL_MISMATCH)]
        if not failed or all(r.status == UNKNOWN for _, r in results):
            continue
        partial = len(failed) < len(results)
        details = "; ".join(f"{ident(s.obj)} {_detail(s, r)}" for s, r in failed)
        if partial:
            message = (
                f"{port.label()}: targetPort `{port.target}`/{port.protocol} resolves on only "
                f"{len(results) - len(failed)} of {len(results)} selected workloads, and the pods of the others "
                f"get no endpoint for this port; {details}"
            )
        else:
            message = f"{port.label()} has no endpoints: targetPort `{port.target}`/{port.protocol} matches no container port; {details}"
        yield Violation(
            message,
            fix="name a container port exactly like the targetPort, with the same protocol, or use its number",
            subject=service,
            path=port.path + ("targetPort",),
            at_value=True,
            related=tuple(related_source(s, f"pods without port `{port.target}`") for s, _ in failed),
            severity=Severity.WARNING if partial else None,
        )


def _detail(source, resolution) -> str:
    if resolution.status == PROTOCOL_MISMATCH:
        cp = resolution.container_port
        return f"has container {cp.container} declaring `{cp.name}` with protocol {cp.protocol}, not {resolution.service_port.protocol}"
    named = [cp for cp in source.ports if cp.name]
    if not named:
        return "declares no named ports" if source.ports else "declares no ports"
    shown = ", ".join(f"`{cp.name}` ({cp.number}/{cp.protocol})" for cp in named[:4])
    return f"declares {shown}"
