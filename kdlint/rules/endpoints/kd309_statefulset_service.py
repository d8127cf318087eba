"""KD309: a StatefulSet whose governing Service cannot give its pods DNS names."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.endpoints import related_object
from kdlint.rules.partial import PARTIAL, no_services, partial_clause

META = RuleMeta("KD309", "statefulset-service", "StatefulSet serviceName is missing, not headless or does not select its Pods", Severity.ERROR, Needs.CLUSTER, subjects="objects", kinds=('StatefulSet',))


def check(sts, ctx):
    view = ctx.view
    source = view.source_of(sts)
    if source is None:
        return
    name = sts.get("spec", "serviceName")
    if not isinstance(name, str) or not name:
        yield Violation(
            "StatefulSet has no `serviceName`, so its pods get no stable DNS names (`<pod>.<service>`)",
            fix="set `serviceName` to a headless Service that selects these pods (ignore this if no peer needs per-pod names)",
            subject=sts,
            path=("spec",),
            severity=Severity.INFO,
        )
        return
    path = ("spec", "serviceName")
    service = view.get("Service", sts.namespace, name)
    if service is None:
        yield _missing(view, sts, name, path)
        return
    selector = view.selector_of(service)
    if selector is None or not selector.matches(source.labels):
        how = "has no selector" if selector is None else f"selects `{selector.text()}`"
        difference = f"; {view.compare(selector, source).text()}" if selector is not None else ""
        yield Violation(
            f"governing Service {name} {how}, which does not match this StatefulSet's pods, so they get no endpoints "
            f"and no per-pod DNS records{difference}",
            fix="make the Service selector match the pod template labels",
            subject=sts,
            path=path,
            at_value=True,
            related=(related_object(service, "governing Service", ("spec", "selector")),),
        )
    elif service.get("spec", "clusterIP") != "None":
        yield Violation(
            f"governing Service {name} is not headless; its name resolves to one virtual IP, and per-pod names "
            f"(`{sts.name}-0.{name}`) are not guaranteed",
            fix="set `clusterIP: None` on the Service (or add a separate headless Service and point `serviceName` at it)",
            subject=sts,
            path=path,
            at_value=True,
            related=(related_object(service, "governing Service", ("spec",)),),
            severity=Severity.WARNING,
        )


def _missing(view, sts, name, path):
    elsewhere = [s for s in view.services_named(name) if s.namespace != sts.namespace]
    if elsewhere:
        return Violation(
            f"governing Service {name} exists only in namespace {elsewhere[0].namespace}, not in {sts.namespace}, "
            "so the pods get no DNS names",
            fix="create the headless Service in the StatefulSet's namespace",
            subject=sts,
            path=path,
            at_value=True,
            related=(related_object(elsewhere[0], "Service in another namespace"),),
        )
    note = view.unparsed_note(sts.namespace, {"Service"}, name=name)
    partial = not note and no_services(view, sts.namespace)
    return Violation(
        f"governing Service {name} is not in the input (namespace {sts.namespace}); pods get no DNS names until it exists"
        + (partial_clause(sts.namespace, "Service") if partial else note),
        fix=f"add a headless Service `{name}` (clusterIP: None) selecting the pods",
        subject=sts,
        path=path,
        at_value=True,
        severity=PARTIAL if partial else Severity.WARNING,
    )
