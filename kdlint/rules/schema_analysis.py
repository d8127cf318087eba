"""What the schema rules share: the run's schema catalog, and each object's schema problems,
computed once per object and split between KD102, KD201 and KD202."""

from __future__ import annotations

from dataclasses import replace

from kdlint.findings import Severity
from kdlint.rules.base import Ref, RelatedRef, Violation
from kdlint.schema.catalog import BUILTIN, NONE, SchemaCatalog
from kdlint.schema.crds import CRD_API_VERSIONS
from kdlint.schema.diagnose import SCHEMA_VIOLATION, UNKNOWN_FIELD, Problem, drop, problems_from
from kdlint.schema.misplaced import enum_map_entries, find
from kdlint.schema.navigate import dotted
from kdlint.schema.store import SchemaStore
from kdlint.suggest import closest_term


def catalog(ctx) -> SchemaCatalog:
    """The run's schemas (kdlint.rules.run.RunFacts.schema_catalog)."""
    return ctx.run.schema_catalog


def problems(obj, ctx) -> list[Problem]:
    """The schema problems of ``obj`` (empty when its apiVersion is not served: KD204's case)."""
    cache = ctx.run.schema_problems  # object (hashed by identity) -> its problems, for this run
    found = cache.get(obj)
    if found is None:
        found = cache[obj] = _problems(obj, catalog(ctx))
    return found


def violations(obj, ctx, code: str) -> list[Violation] | tuple:
    """The problems of ``obj`` that rule ``code`` reports (not a generator: most objects have none)."""
    found = problems(obj, ctx)
    if not found:
        return ()
    return [_violation(obj, problem) for problem in found if problem.code == code]


def _violation(obj, problem: Problem) -> Violation:
    related = ()
    if problem.target:
        related = (RelatedRef(Ref(subject=obj, path=problem.target), "where it belongs"),)
    return Violation(
        problem.message,
        subject=obj,
        path=problem.path,
        at_value=problem.at_value,
        fix=problem.fix,
        autofix=problem.autofix,
        related=related,
        severity=Severity.WARNING if problem.warning else None,
    )


def _problems(obj, cat: SchemaCatalog) -> list[Problem]:
    if obj.kind == "List" or cat.unavailable(obj.api_version, obj.kind) is not None:
        return []
    lookup = cat.lookup(obj.api_version, obj.kind)
    found: list[Problem] = []
    if lookup.compiled is not None:
        errors = lookup.compiled.errors(obj.body)
        if errors:
            found = problems_from(errors, lookup.compiled.schema)
            if lookup.source == BUILTIN:
                found = [_newer_field(obj, cat, p) if p.code == UNKNOWN_FIELD else p for p in found]
            found = _with_misplacements(obj, lookup.compiled, found)
        else:  # valid, but a map of strings may hold a field of its parent
            places = enum_map_entries(obj.body, lookup.compiled.schema)
            if places:
                found = [_misplaced(obj, place) for place in places]
    elif lookup.source == NONE and cat.store.is_builtin_api_version(obj.api_version):
        found = [_unknown_kind(obj, cat.store)]
    if obj.kind == "CustomResourceDefinition" and obj.api_version in CRD_API_VERSIONS:
        taken = {p.path for p in found}
        found += [p for p in cat.crds.schema_problems(obj) if p.path not in taken]
    return found


def _newer_field(obj, cat: SchemaCatalog, problem: Problem) -> Problem:
    """An unknown field that a newer Kubernetes version has, in the same place."""
    version = cat.added_in(obj.api_version, obj.kind, problem.path[:-1], problem.field)
    if version is None:
        return problem
    where = f"in {dotted(problem.path[:-1])}" if len(problem.path) > 1 else "at the top level"
    return replace(
        problem,
        message=f"`{problem.field}` {where} does not exist in Kubernetes {cat.store.version} (see --kubernetes-version): it was added in {version}",
        fix=f"remove it, or check against --kubernetes-version {version} or newer if the cluster runs it",
        suggestion=None,
        added_in=version,
    )


def _unknown_kind(obj, store: SchemaStore) -> Problem:
    """A built-in apiVersion that does not serve this kind."""
    serving = store.api_versions_for(obj.kind)
    if serving:
        return Problem(
            SCHEMA_VIOLATION, ("apiVersion",),
            f"apiVersion {obj.api_version} does not serve kind {obj.kind} in Kubernetes {store.version}; "
            f"{obj.kind} is served by {', '.join(serving)}",
            at_value=True, fix=f"use apiVersion: {serving[0]}",
        )
    here = [kind for kind, versions in store.kinds().items() if obj.api_version in versions]
    suggestion = closest_term(obj.kind, here) or closest_term(obj.kind, store.kinds())
    message = f"{obj.api_version} has no kind {obj.kind} in Kubernetes {store.version}"
    fix = "correct the kind or the apiVersion"
    if suggestion:
        message += f"; did you mean {suggestion}?"
        fix = f"use kind: {suggestion}" + ("" if suggestion in here else f" (apiVersion {store.api_versions_for(suggestion)[0]})")
    return Problem(SCHEMA_VIOLATION, ("kind",), message, at_value=True, fix=fix)


def _with_misplacements(obj, compiled, found: list[Problem]) -> list[Problem]:
    places = find(obj.body, compiled.schema, found)
    moved_into = {(p.target, p.field) for p in places if not p.in_map}
    kept = [
        p for p in drop(found, [p.replaces for p in places if p.replaces is not None])
        if not (p.required and (p.path, p.required) in moved_into)  # explained by the move
    ]
    inside = []
    if found:
        from kdlint.schema.repair import problems_inside  # only for objects the schema rejects

        inside = problems_inside(obj.body, compiled, found, places)
    return kept + [_misplaced(obj, place) for place in places] + inside


def _misplaced(obj, place) -> Problem:
    from kdlint.rules.schema_placement import misplaced_problem  # only for fields found out of place

    return misplaced_problem(obj, place)
