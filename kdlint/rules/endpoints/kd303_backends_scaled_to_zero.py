"""KD303: every pod source behind a Service runs no pods, or only pods that complete."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import ident
from kdlint.rules.endpoints import related_source

META = RuleMeta("KD303", "backends-scaled-to-zero", "Every workload behind a Service is scaled to zero, suspended or completes", Severity.WARNING, Needs.CLUSTER, subjects="services")


def check(service, ctx):
    view = ctx.view
    backends = view.pods_selected_by(service)
    if not backends:
        return
    sources = [b.source for b in backends]
    idle = [s for s in sources if s.suspended or s.replicas == 0]
    if len(idle) == len(sources):
        scaled = [s for s in idle if view.autoscalers_of(s.obj)]
        names = ", ".join(f"{ident(s.obj)} ({_why(s)})" for s in idle)
        message = f"Service has no running backends: {names}"
        severity = None
        if scaled:
            message += f"; {ident(view.autoscalers_of(scaled[0].obj)[0])} may scale it up at runtime"
            severity = Severity.INFO
        yield Violation(
            message,
            fix="set `replicas` to at least 1 (or unsuspend), or ignore this finding if scaling to zero is intended",
            subject=service,
            path=("spec", "selector"),
            related=tuple(related_source(s, _why(s)) for s in idle),
            severity=severity,
        )
    elif all(s.run_to_completion for s in sources):
        names = ", ".join(ident(s.obj) for s in sources)
        yield Violation(
            f"Service is only backed by pods that run to completion ({names}): it has endpoints only while they run, "
            "and none once they finish",
            fix="back it with a long-running workload (Deployment, StatefulSet), or drop the Service if nothing "
            "should connect to the job",
            subject=service,
            path=("spec", "selector"),
            related=tuple(related_source(s, "runs to completion") for s in sources),
        )


def _why(source) -> str:
    if source.suspended:
        return "suspended"
    field = "parallelism" if source.kind in ("Job", "CronJob") else "replicas"
    return f"{field}: 0"
