"""KD301: a Service whose selector matches no pod source in its namespace."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import ident
from kdlint.rules.endpoints import POD_KINDS, related_object, related_source, selected_labels
from kdlint.rules.partial import PARTIAL, partial_clause

META = RuleMeta("KD301", "service-selects-nothing", "Service selector matches no Pods in its namespace", Severity.ERROR, Needs.CLUSTER, subjects="services")


def check(service, ctx):
    view = ctx.view
    selector = view.selector_of(service)
    if selector is None or service.namespace is None or view.pods_selected_by(service):
        return
    namespace = service.namespace
    operators = view.pod_creating_resources(namespace)
    if any(_declares_matching_pods(view, cr, selector) for cr in operators):
        return  # the operator's resource declares exactly these pod labels
    # operators add labels of their own (`prometheus: k8s`), so any of them may be the source;
    # name first those whose name or kind the selector mentions
    operators = sorted(operators, key=lambda cr: -_relevance(cr, selector, service.name))
    candidate = view.nearest(selector, namespace, name=service.name)
    if candidate is not None and not _related(candidate, selector):
        candidate = None
    # a parse failure is named only when no difference was found and it could be the pods' source
    note = "" if candidate else view.unparsed_note(namespace, POD_KINDS, labels=selected_labels(selector))
    elsewhere = None if note else view.matching_elsewhere(selector, namespace)
    partial = not view.sources(namespace) and not note and elsewhere is None
    message = f"Service selects no pods: nothing in namespace {namespace} has {_labels(selector)}"
    related = []
    if candidate is not None:
        message += f"; closest is {ident(candidate.source.obj)} ({candidate.text()})"
        related.append(related_source(candidate.source, "closest pod template"))
        fix = "make the selector and the pod template labels agree"
    else:
        fix = "add the workload to the input, or correct the selector"
    if note:
        fix = "fix the document that does not parse, then check again"
    elif elsewhere is not None:
        other = elsewhere.obj
        message += f"; {ident(other)} matches but is in another namespace, and a Service only selects pods of its own namespace"
        related.append(related_object(other, "matching pods in another namespace"))
        fix = "move the Service or the workload so both are in one namespace"
    elif partial:
        message += partial_clause(namespace, "workload")
    severity = PARTIAL if partial else None
    if operators:
        names = ", ".join(ident(cr) for cr in operators[:3]) + (", ..." if len(operators) > 3 else "")
        message += f"; pods may come from {names} (created by an operator, not visible here)"
        fix = "if an operator creates these pods, ignore this finding for the Service; otherwise " + fix
        severity = severity or Severity.WARNING
    message += note
    yield Violation(message, subject=service, fix=fix, path=("spec", "selector"), related=tuple(related), severity=severity)


def _labels(selector) -> str:
    return " and ".join(f"`{r.text()}`" for r in selector.requirements)


def _declares_matching_pods(view, resource, selector) -> bool:
    labels = view.declared_pod_labels(resource)
    return labels is not None and selector.matches(labels)


def _related(candidate, selector) -> bool:
    """Worth naming: the candidate carries at least one of the selected keys."""
    return any(d.actual is not None for d in candidate.differences) or len(candidate.differences) < len(selector.requirements)


def _relevance(resource, selector, service_name: str) -> int:
    words = {resource.name.lower(), resource.kind.lower()}
    text = " ".join([service_name, *(f"{r.key} {' '.join(r.values)}" for r in selector.requirements)]).lower()
    return sum(word in text for word in words)
