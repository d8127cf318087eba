"""KD312: a pod with `subdomain` that will get no per-pod DNS record."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import ident
from kdlint.rules.endpoints import related_object
from kdlint.rules.partial import PARTIAL, no_services, partial_clause

META = RuleMeta("KD312", "pod-subdomain", "Pod subdomain without a headless Service of that name, or without hostname", Severity.WARNING, Needs.CLUSTER, subjects="pod-sources")


def check(source, ctx):
    view = ctx.view
    subdomain = source.subdomain
    if subdomain is None or source.kind == "StatefulSet" or source.template_path is None:
        return  # StatefulSets set hostname and subdomain themselves (KD309)
    spec = source.spec_path
    namespace = source.obj.namespace
    service = view.get("Service", namespace, subdomain)
    if service is None:
        note = view.unparsed_note(namespace, {"Service"}, name=subdomain)
        partial = not note and no_services(view, namespace)
        yield Violation(
            f"pod subdomain `{subdomain}` names no Service in namespace {namespace}, so `<hostname>.{subdomain}` "
            f"does not resolve" + (partial_clause(namespace, "Service") if partial else note),
            fix=f"add a headless Service `{subdomain}` (clusterIP: None) that selects these pods",
            subject=source.obj,
            path=spec + ("subdomain",),
            at_value=True,
            severity=PARTIAL if partial else None,
        )
        return
    problems = []
    if service.get("spec", "clusterIP") != "None":
        problems.append(f"Service {subdomain} is not headless (per-pod records are only guaranteed for headless Services)")
    selector = view.selector_of(service)
    if selector is None or not selector.matches(source.labels):
        problems.append(f"Service {subdomain} does not select {ident(source.obj)}'s pods")
    if source.hostname is None:
        problems.append("the pod sets no `hostname`, so it gets no record of its own")
    if problems:
        yield Violation(
            f"pod subdomain `{subdomain}` gives no per-pod DNS name: {'; '.join(problems)}",
            fix="set `hostname`, and use a headless Service of that name selecting the pods",
            subject=source.obj,
            path=spec + ("subdomain",),
            at_value=True,
            related=(related_object(service, "Service named like the subdomain"),),
        )
