"""KD308: a Service mixing unrelated workloads, or workload selectors that claim each other's pods."""

from kdlint.findings import Severity
from kdlint.model.workloads import PodSource
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import ident
from kdlint.rules.endpoints import related_source

# a Service with the workloads it selects; a workload with the others its selector claims
META = RuleMeta(
    "KD308", "selector-overlap", "Selector matches pods of several unrelated workloads", Severity.WARNING, Needs.CLUSTER,
    subjects=("services", "pod-sources"),
)

# labels that mark deliberate variants of one app behind one Service (canary, blue/green)
VARIANT_KEYS = frozenset({"track", "version", "canary", "variant", "stage", "release", "color", "colour", "slot", "app.kubernetes.io/version"})
VARIANT_WORDS = ("canary", "stable", "blue", "green", "preview", "baseline")


def check(subject, ctx):
    """`subject`: a Service, or a pod template (PodSource) with a workload selector."""
    judge = _overlapping_workloads if isinstance(subject, PodSource) else _mixed_workloads
    yield from judge(ctx.view, subject)


def _mixed_workloads(view, service):
    backends = view.pods_selected_by(service)
    if len(backends) < 2:
        return  # most Services: one workload at most
    # two different objects of one name are one workload in the cluster (KD502 reports them)
    sources = list({b.source.obj.ref: b.source for b in reversed(backends) if not _owned(b.source.obj)}.values())[::-1]
    if len(sources) >= 2:
        names = ", ".join(ident(s.obj) for s in sources)
        variant = _variants(sources)
        if variant:
            how = "their names mark variants" if variant == "name" else f"their labels differ in `{variant}`"
            pick = "a variant label" if variant == "name" else f"`{variant}`"
            message = (
                f"Service sends traffic to {len(sources)} workloads ({names}); {how}, so this looks like a "
                "deliberate canary or blue/green split"
            )
            fix = f"nothing if intended; to send traffic to one of them, add {pick} to the selector"
        else:
            message = f"Service selects pods of {len(sources)} unrelated workloads, so requests go to a mix of them; they are {names}"
            fix = "add a label that only the intended workload carries to the selector and its template"
        yield Violation(
            message,
            fix=fix,
            subject=service,
            path=("spec", "selector"),
            related=tuple(related_source(s, "selected pod template") for s in sources),
            severity=Severity.INFO if variant else None,
        )


def _overlapping_workloads(view, source):
    if source.selector_path is None or source.template_path is None or source.kind == "Job":
        return
    selector = view.workload_selector(source)
    if selector is None or selector.selects_everything:
        return
    matched = view.matching(selector, source.obj.namespace)
    if len(matched) == 1 and matched[0] is source:
        return  # most workloads: their selector matches their own pods only
    others = [
        other for other in matched
        if other.obj.ref != source.obj.ref and other.template_path is not None and not _owned(other.obj)
    ]
    if others:
        names = ", ".join(ident(o.obj) for o in others)
        yield Violation(
            f"{source.kind} selector also matches the pods of {names}; the controllers will fight over those pods "
            "(adopting, scaling down or replacing each other's)",
            fix="give each workload a label the other lacks, and select on it",
            subject=source.obj,
            path=source.selector_path,
            related=tuple(related_source(o, "pods claimed by both") for o in others),
        )


def _owned(obj) -> bool:
    return bool(obj.get("metadata", "ownerReferences"))


def _variants(sources) -> str | None:
    for key in sorted(VARIANT_KEYS):
        values = {s.declared_labels.get(key) for s in sources}
        if len(values) == len(sources) and None not in values:
            return key
    names = [s.obj.name for s in sources]
    if sum(any(word in name for word in VARIANT_WORDS) for name in names) >= len(names) - 1:
        return "name"
    return None
