"""Helpers the rule families share: how objects read in messages, where a DNS reference is
reported, and how a Service's ports are described. Rule families import this module and
kdlint.rules.base, never each other."""

from __future__ import annotations

from kdlint.findings import object_name as ident  # noqa: F401 - how rules name an object in messages
from kdlint.rules.base import Ref, RelatedRef, Violation


def at_host(refs, problem: str, fix: str, *, related=(), severity=None, autofix=None) -> Violation:
    """A violation at the exact position of the host inside its value: the problem, who reads
    the value when it is written elsewhere (a ConfigMap), and what to do."""
    ref = refs[0]
    line, column = ref.position
    return Violation(
        f"{problem}{readers(refs)}",
        subject=ref.holder,
        path=ref.path,
        at_value=True,
        file=ref.file,
        line=line,
        column=column,
        related=tuple(related),
        fix=fix,
        autofix=autofix,
        severity=severity,
    )


def readers(refs) -> str:
    """' (read by Deployment dev/web)' for a host written outside the workload (a ConfigMap)."""
    consumers = []
    for ref in refs:
        if ref.consumer is not None and ref.consumer.obj is not ref.holder and ref.consumer.obj not in consumers:
            consumers.append(ref.consumer.obj)
    if not consumers:
        return ""
    shown = ", ".join(ident(obj) for obj in consumers[:3]) + (f" and {len(consumers) - 3} more" if len(consumers) > 3 else "")
    return f" (read by {shown})"


def related_service(service, message: str) -> RelatedRef:
    return RelatedRef(Ref(subject=service, path=("metadata", "name"), at_value=True), message)


def related_reference(ref, message: str) -> RelatedRef:
    line, column = ref.position
    return RelatedRef(Ref(subject=ref.holder, path=ref.path, file=ref.file, line=line, column=column), message)


def port_list(view, service) -> str:
    shown = [f"{p.name}={p.port}" if p.name else str(p.port) for p in view.ports_of(service)]
    return ", ".join(shown) or "none"


def port_hint(view, service, wanted) -> str:
    """'; 8080 is the container port behind its port http (80)' when a backend used the container port."""
    if wanted is None:
        return ""
    container_numbers = {
        r.service_port.index: r.container_port.number
        for backend in view.pods_selected_by(service) for r in backend.ports if r.container_port is not None
    }
    for port in view.ports_of(service):
        if port.port != wanted and wanted in (port.target, container_numbers.get(port.index)):
            shown = f"{port.name} ({port.port})" if port.name else str(port.port)
            return f"; {wanted} is the container port behind its port {shown}"
    return ""
