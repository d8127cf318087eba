"""Whole runs in the content cache: a rerun over unchanged input reads its report back.

What a run finds depends only on the files it reads (their paths, texts and the argument they were
found under), the settings, the selected rules and kdlint itself (the cache's salt): all of them
are in the key, so an entry is exact, never stale. A kustomization may read files beyond the run's
input (a base outside the checked folder, a generator's file): the entry lists them with the
digest of their text, and is used only while they are unchanged. Entries hold no paths of the run's
files (findings name a file by its number in the run), so a CI cache action can restore them anywhere.

Runs that read schemas from extra folders, whose kustomizations could not be built, or that had an
internal error are not kept: their outcome may depend on more than the key says.
"""

from __future__ import annotations

import os

from kdlint.findings import Finding, Location, ObjectId, Related, Report, Severity

FORMAT = 1
NOT_KEPT = frozenset({"KD007", "KD009"})  # a build error may come from files outside the key; a crash is not an outcome


def lint(sources, settings, selection, context, progress, cache, jobs) -> Report:
    """engine.lint, through the run cache when there is one."""
    key = _key(cache, sources, context, settings, selection) if cache is not None else None
    files = _files(sources, context)
    if key is not None:
        report = _recall(cache, cache.read(key), files, sources)
        if report is not None:
            return report
    from kdlint.engine import lint_with_plan

    report, plan = lint_with_plan(sources, settings, selection, context, progress, cache, jobs)
    if key is not None:
        entry = _entry(cache, report, plan, files)
        if entry is not None:
            cache.write(key, entry)
    return report


def _files(sources, context) -> list[str]:
    """The run's files in one order: what findings name by number."""
    reported = {s.path for s in sources}
    return sorted(reported) + sorted({s.path for s in context} - reported)


def _key(cache, sources, context, settings, selection) -> str | None:
    if settings.schema_dirs:
        return None

    def described(group):
        return sorted((s.path, s.root, s.problem, s.problem_line, cache.text_digest(s.text)) for s in group)

    return cache.key("run", FORMAT, repr(settings), repr(selection), described(sources), described(context))


def _entry(cache, report: Report, plan, files: list[str]) -> tuple | None:
    if any(f.code in NOT_KEPT for f in report.findings):
        return None
    numbers = {path: n for n, path in enumerate(files)}
    outside = {}
    for unit in plan.units if plan is not None else ():
        for path in unit.files:
            if path not in numbers:
                digest = _file_digest(cache, path)
                if digest is None or os.path.isabs(path):
                    return None
                outside[path] = digest
    try:
        findings = [_freeze(f, numbers) for f in report.findings]
    except KeyError:  # a finding in a file the run did not list: keep nothing rather than guess
        return None
    return (sorted(outside.items()), findings, report.documents, report.objects)


def _recall(cache, entry, files: list[str], sources) -> Report | None:
    try:
        outside, frozen, documents, objects = entry
        if any(_file_digest(cache, path) != digest for path, digest in outside):
            return None
        findings = [_thaw(f, files) for f in frozen]
    except Exception:  # noqa: BLE001 - no entry, or one of another shape: run again and rewrite it
        return None
    paths = tuple(sorted(s.path for s in sources))
    return Report(
        findings=findings,
        files=len(sources),
        documents=documents,
        objects=objects,
        paths=paths,
        texts={s.path: s.text for s in sources if s.text is not None},
    )


def _file_digest(cache, path: str) -> str | None:
    try:
        with open(path, "rb") as stream:
            return cache.text_digest(stream.read().decode("utf-8", "surrogateescape"))
    except OSError:
        return None


def _ident(object_id: ObjectId | None):
    return None if object_id is None else (object_id.api_version, object_id.kind, object_id.namespace, object_id.name)


def _object(ident) -> ObjectId | None:
    return None if ident is None else ObjectId(*ident)


def _freeze(finding: Finding, numbers: dict) -> tuple:
    where = finding.location
    related = [(numbers[r.location.file], r.location.line, r.location.column, r.message, _ident(r.object))
               for r in finding.related]
    autofix = None
    if finding.autofix is not None:
        fix = finding.autofix
        edits = [(numbers[e.file], e.start, e.end, e.replacement) for e in fix.edits]
        autofix = (fix.title, edits, fix.applicability.value)
    return (finding.code, finding.name, int(finding.severity), finding.message, numbers[where.file], where.line,
            where.column, _ident(finding.object), related, finding.fix, finding.units, autofix)


def _thaw(entry: tuple, files: list[str]) -> Finding:
    code, name, severity, message, file, line, column, ident, related, fix, units, autofix = entry
    if autofix is not None:
        from kdlint.fixes import Applicability, Edit, Fix

        title, edits, applicability = autofix
        autofix = Fix(title, tuple(Edit(files[f], tuple(s), tuple(e), r) for f, s, e, r in edits), Applicability(applicability))
    return Finding(
        code, name, Severity(severity), message, Location(files[file], line, column), _object(ident),
        tuple(Related(Location(files[f], rl, rc), rm, _object(ri)) for f, rl, rc, rm, ri in related),
        fix, tuple(units), autofix,
    )
