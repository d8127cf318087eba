"""KD506: several pods behind one Service with the same hostname and subdomain."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, Ref, RelatedRef, RuleMeta, Violation
from kdlint.rules.common import ident

META = RuleMeta(
    "KD506", "duplicate-hostname", "Several pods share one hostname behind the same Service", Severity.WARNING, Needs.CLUSTER,
    subjects="hostname-groups",
)


def check(group, ctx):
    """`group`: the pod templates of one namespace setting one subdomain and hostname."""
    view = ctx.view
    sources = [source for source in group if _published(view, source)]
    if not sources:
        return
    namespace, subdomain, hostname = sources[0].obj.namespace, sources[0].subdomain, sources[0].hostname
    name = f"{hostname}.{subdomain}.{namespace}.svc.{view.settings.cluster_domain}"
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


def _published(view, source) -> bool:
    """Whether the pods of `source` get a DNS record for their hostname: the Service named by
    their subdomain selects them (KD312 otherwise); a StatefulSet names each pod itself."""
    if source.kind == "StatefulSet":
        return False
    service = view.get("Service", source.obj.namespace, source.subdomain)
    selector = view.selector_of(service) if service is not None else None
    return selector is not None and selector.matches(source.labels)


def _many_pods(source) -> str | None:
    """'3' or 'one per node' when a single source makes more than one pod."""
    if source.kind == "DaemonSet":
        return "one per node"
    if source.replicas is not None and source.replicas > 1:
        return str(source.replicas)
    return None
