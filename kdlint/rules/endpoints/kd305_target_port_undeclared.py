"""KD305: a numeric targetPort that no selected container declares (still routed)."""

from kdlint.findings import Severity
from kdlint.graph.ports import DECLARED, UNDECLARED
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import ident

META = RuleMeta("KD305", "target-port-undeclared", "Numeric targetPort not declared by any selected container", Severity.INFO, Needs.CLUSTER, subjects="services")


def check(service, ctx):
    view = ctx.view
    for position, port, backends in view.target_ports(service):
        if not isinstance(port.target, int):
            continue
        statuses = [b.ports[position].status for b in backends]
        if DECLARED in statuses or UNDECLARED not in statuses:
            continue
        declared = sorted({f"{cp.number}/{cp.protocol}" for b in backends for cp in b.source.ports if cp.number is not None})
        what = f"declare{'s' if len(backends) == 1 else ''} {', '.join(declared) or 'no ports'}"
        which = "targetPort" if not port.target_defaulted else "targetPort (defaulted to the port)"
        names = ", ".join(ident(b.source.obj) for b in backends[:3])
        yield Violation(
            f"{port.label()}: {which} {port.target}/{port.protocol} is not declared by any container of the selected pods; "
            f"{names} {what}; traffic is still sent to {port.target}",
            fix="declare the port in the container (or point targetPort at a declared one) so readers and tools "
            "can see where traffic goes",
            subject=service,
            path=port.target_path,
            at_value=True,
        )
