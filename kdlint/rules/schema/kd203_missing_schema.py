"""KD203: no schema for a custom resource's apiVersion/kind, so its fields go unchecked."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.schema_analysis import catalog
from kdlint.schema.catalog import CRD_NOT_SERVED, NONE
from kdlint.schema.store import is_builtin_api_version
from kdlint.suggest import closest_term

META = RuleMeta(
    "KD203", "missing-schema", "No schema for this apiVersion/kind, so its fields are not checked", Severity.INFO, Needs.OBJECT,
    whole_run=True,  # once per kind, on its first object, counting the others of the run
)


def check(obj, ctx):
    if is_builtin_api_version(obj.api_version) or obj.kind == "List":
        return  # built-in APIs: an unknown kind is KD201, a removed one KD204
    cat = catalog(ctx)
    lookup = cat.lookup(obj.api_version, obj.kind)
    if lookup.source not in (NONE, CRD_NOT_SERVED):
        return
    group = obj.group
    if _first_without_schema(cat, group, obj.kind, ctx) is not obj:
        return  # reported once per kind
    if lookup.source == CRD_NOT_SERVED:
        served = ", ".join(cat.crds.served_versions(group, obj.kind)) or "none"
        yield Violation(
            f"the CustomResourceDefinition for {obj.kind} in the input does not serve {obj.api_version} "
            f"(served versions: {served}), so the API server rejects this object",
            subject=obj, path=("apiVersion",), at_value=True, severity=Severity.WARNING,
            fix=f"use a version the CustomResourceDefinition serves, or serve {obj.api_version.rpartition('/')[2]} in it",
        )
        return
    others = ctx.run.count_of_kind(group, obj.kind) - 1
    message = f"no schema for {obj.api_version} {obj.kind}, so its fields are not checked"
    if others > 0:
        message += f" (nor those of {others} more {obj.kind} object{'s' if others > 1 else ''})"
    suggestion = closest_term(obj.kind, cat.crds.kinds_in(group))
    if suggestion and suggestion != obj.kind:
        message += f"; the input defines {suggestion} in {group}: did you mean {suggestion}?"
    yield Violation(
        message,
        subject=obj,
        path=("kind",),
        at_value=True,
        fix=f"add its CustomResourceDefinition to the input, or pass --schema-dir DIR holding {_file_names(obj)}",
    )


def _first_without_schema(cat, group: str, kind: str, ctx):
    """The first object of this kind (by file and line) that no schema covers: the one reported."""
    for other in ctx.run.judged_of_kind(group, kind):
        if cat.lookup(other.api_version, kind).source in (NONE, CRD_NOT_SERVED):
            return other
    return None


def _file_names(obj) -> str:
    group, _, version = obj.api_version.rpartition("/")
    kind = obj.kind.lower()
    flat = "-".join(part for part in (kind, group.split(".")[0], version) if part)
    return f"{flat}.json or {group}/{kind}_{version}.json" if group else f"{flat}.json"
