"""KD506: several pods behind one Service with the same hostname and subdomain."""

from collections import defaultdict

from kdlint.findings import Severity
from kdlint.rules.base import Needs, Ref, RelatedRef, RuleMeta, Violation
from kdlint.rules.names import ident

META = RuleMeta("KD506", "duplicate-hostname", "Several pods share one hostname behind the same Service", Severity.WARNING, Needs.CLUSTER)


def check(view, ctx):
    groups = defaultdict(list)
    for source in view.sources():
        if source.kind == "StatefulSet" or not source.hostname or not source.subdomain or source.template_path is None:
            continue  # a StatefulSet names each pod itself
        service = view.get("Service", source.obj.namespace, source.subdomain)
        selector = view.selector_of(service) if service is not None else None
        if selector is None or not selector.matches(source.labels):
            continue  # no record is published (KD312)
        groups[(source.obj.namespace, source.subdomain, source.hostname)].append(source)
    for (namespace, subdomain, hostname), sources in groups.items():
        name = f"{hostname}.{subdomain}.{namespace}.svc.{view.dns.cluster_domain}"
        for source in sources:
            others = [s for s in sources if s is not source]
            many = _many_pods(source)
            if not others and not many:
                continue
            reason = (
                f"{ident(source.obj)} runs {many} pods that all take hostname `{hostname}`" if many and not others
                else "the pods of " + ", ".join(ident(s.obj) for s in sources) + f" all take hostname `{hostname}`"
            )
            yield Violation(
                f"{reason} behind Service {subdomain}, so `{name}` returns several addresses and no longer names "
                "one pod",
                fix="give each pod its own hostname; for a set of pods with stable names, use a StatefulSet",
                subject=source.obj,
                path=source.spec_path + ("hostname",),
                at_value=True,
                related=tuple(RelatedRef(Ref(subject=s.obj, path=s.spec_path + ("hostname",), at_value=True), f"same hostname in {ident(s.obj)}") for s in others),
            )


def _many_pods(source) -> str | None:
    """'3' or 'one per node' when a single source makes more than one pod."""
    if source.kind == "DaemonSet":
        return "one per node"
    if source.replicas is not None and source.replicas > 1:
        return str(source.replicas)
    return None
