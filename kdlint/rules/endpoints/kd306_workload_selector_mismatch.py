"""KD306: a workload's spec.selector does not match its own pod template labels."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD306", "workload-selector-mismatch", "Workload selector does not match its own template labels", Severity.ERROR, Needs.CLUSTER, subjects="pod-sources")


def check(source, ctx):
    view = ctx.view
    if source.selector_path is None or source.template_path is None:
        return
    if source.kind == "ReplicationController" and not source.obj.get(*source.selector_path):
        return  # an empty RC selector defaults to the template labels
    selector = view.workload_selector(source)
    if selector is None or selector.selects_everything:
        return  # absent or malformed: the schema rules report it
    missing = selector.mismatches(source.declared_labels)
    if not missing:
        return
    differences = ", ".join(_difference(r, source.declared_labels) for r in missing)
    yield Violation(
        f"{source.kind} selector does not match its own pod template labels ({differences}); the API server "
        "rejects it (`selector` does not match template `labels`)",
        fix=f"make `spec.selector` and `{'.'.join(map(str, source.labels_path))}` agree",
        subject=source.obj,
        path=source.selector_path,
    )


def _difference(requirement, labels) -> str:
    key = requirement.key
    if key in labels:
        return f"`{requirement.text()}` vs template `{key}: {labels[key]}`"
    return f"`{requirement.text()}` vs no `{key}` label in the template"
