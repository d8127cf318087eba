"""Run the selected rules over loaded input and stamp their violations into findings.

Data flows one way: sources -> documents -> objects -> (cluster views) -> rules
-> violations -> findings -> selection, severities, suppressions -> sorted report.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from typing import Callable

from kdlint import rules as registry
from kdlint.collector import collector_paused
from kdlint.findings import Finding, Location, Related, Report, Severity
from kdlint.cached_rules import ObjectJudge
from kdlint.load.documents import Document, NodeBudget
from kdlint.forked import in_two
from kdlint.load.parallel import parse_all
from kdlint.load.sources import SourceFile
from kdlint.model.manifest_files import holds_no_manifest, owned_by_another_tool
from kdlint.model.objects import cluster_scoped_custom_kinds, objects_from
from kdlint.rules.base import Needs, RuleContext, Violation
from kdlint.rules.run import RunFacts
from kdlint.rules.subjects import reported_at
from kdlint.selection import Selection
from kdlint.settings import Settings
from kdlint.suppress import SELF_CODE as UNUSED_SUPPRESSION, Suppressions


class Loaded:
    """Everything the rules look at, built once (a plain class: a dataclass costs more to make)."""

    def __init__(self, sources: list[SourceFile], documents: list[Document] | None = None, objects: list | None = None,
                 cluster_kinds: frozenset = frozenset()) -> None:
        self.sources = sources
        self.documents = [] if documents is None else documents
        self.objects = [] if objects is None else objects
        self.cluster_kinds = cluster_kinds  # kinds the input's CRDs declare cluster-scoped


def load(sources: list[SourceFile], settings: Settings, progress=None, cache=None, jobs: int = 1) -> Loaded:
    """`cache`: a kdlint.cache.ContentCache, or None to parse every file; `jobs`: processes that parse."""
    with collector_paused():
        return _load(sources, settings, progress, cache, jobs)


def _load(sources: list[SourceFile], settings: Settings, progress=None, cache=None, jobs: int = 1) -> Loaded:
    loaded = Loaded(sources)
    manifests = [source for source in sources if source.text is not None and not owned_by_another_tool(source.path)]
    found = [cache.documents(s.path, s.text) if cache is not None else None for s in manifests]
    missing = [number for number, docs in enumerate(found) if docs is None]
    done = [len(sources) - len(missing)]

    def parsed():
        done[0] += 1
        if progress is not None:
            progress(done[0], len(sources))

    fresh = parse_all([(manifests[n].path, manifests[n].text) for n in missing], jobs, parsed, NodeBudget())
    for number, docs in zip(missing, fresh):
        found[number] = docs
        if cache is not None:
            cache.store(manifests[number].path, manifests[number].text, docs)
    for source, docs in zip(manifests, found):
        if holds_no_manifest(docs, source.text):
            continue
        for doc in docs:
            doc.root = source.root
        loaded.documents.extend(docs)
    loaded.cluster_kinds = cluster_scoped_custom_kinds(loaded.documents)
    for doc in loaded.documents:
        if doc.error is None:
            loaded.objects.extend(objects_from(doc, settings.default_namespace, loaded.cluster_kinds, doc.root))
    return loaded


def lint(
    sources: list[SourceFile],
    settings: Settings,
    selection: Selection | None = None,
    context: list[SourceFile] = (),
    progress=None,
    cache=None,
    jobs: int = 1,
) -> Report:
    """Findings located in `sources`; `context` files are loaded too, for the cross-object rules only.
    `cache`: a kdlint.cache.ContentCache, or None to parse every file; `jobs`: processes that parse."""
    return lint_with_plan(sources, settings, selection, context, progress, cache, jobs)[0]


def lint_with_plan(sources, settings, selection=None, context=(), progress=None, cache=None, jobs=1):
    """(the report of `lint`, the deployment units it judged, or None when no rule needed them)."""
    with collector_paused():
        return _lint(sources, settings, selection, context, progress, cache, jobs)


def _lint(sources, settings, selection, context, progress, cache=None, jobs=1) -> tuple:
    selection = selection or Selection()
    # one order whatever the order of the arguments: "the first object" of a name means the same one
    sources = sorted(sources, key=lambda source: source.path)
    reported = {source.path for source in sources}
    context = sorted((source for source in context if source.path not in reported), key=lambda source: source.path)
    loaded = load([*sources, *context], settings, progress, cache, jobs)
    rules = [rule for rule in registry.all_rules() if selection.enabled(rule.META)]
    runner = _Runner(RuleContext(settings))
    by_needs = {needs: [r for r in rules if r.META.needs is needs] for needs in Needs}
    plan = None

    def judge_files() -> None:
        # Per-file rules only report inside their own file, so context files need none of them.
        for rule in by_needs[Needs.SOURCE]:
            for source in sources:
                runner.run(rule, source, source.path)
        documents = [doc for doc in loaded.documents if doc.path in reported]
        for rule in by_needs[Needs.DOCUMENT]:
            for doc in documents:
                runner.run(rule, doc, doc.path)

    if by_needs[Needs.OBJECT] or by_needs[Needs.CLUSTER] or by_needs[Needs.UNIT]:
        from kdlint.units import plan as plan_units

        plan = plan_units(loaded, settings)
        runner.plan = plan
        judged = [obj for unit in plan.units for obj in unit.objects if obj.file in reported]
        runner.ctx = RuleContext(settings, RunFacts(settings, loaded.objects, judged))
        _judge_units(runner, plan, by_needs, reported, sources, settings, cache, bool(context), jobs, judge_files)
    else:
        judge_files()

    findings = _unsuppressed([selection.restamp(f) for f in _merged(runner.findings)], loaded, selection, reported if context else None)
    findings = [f for f in findings if f.location.file in reported]
    findings.sort(key=Finding.sort_key)
    return Report(
        findings=findings,
        files=len(sources),
        documents=sum(1 for d in loaded.documents if not d.blank and d.path in reported),
        objects=sum(1 for o in loaded.objects if o.file in reported),
        paths=tuple(source.path for source in sources),
        texts={source.path: source.text for source in sources if source.text is not None},
    ), plan


def _judge_units(runner, plan, by_needs, reported: set, sources, settings, cache, context: bool, jobs: int,
                 judge_files: Callable[[], None]) -> None:
    """Object rules see each unit's objects once; cluster rules see each world of units. With
    `jobs` > 1 and enough objects, a forked process judges a share of the cluster rules meanwhile,
    while this one also runs `judge_files` (the per-file and per-document rules)."""
    for rule in by_needs[Needs.UNIT]:
        for unit in plan.units:
            runner.run(rule, unit, unit.files[0] if unit.files else None)
    tasks = []  # (view, world, cluster rule), in the order their findings are reported
    if by_needs[Needs.CLUSTER]:
        from kdlint.dns_index import dns_index
        from kdlint.graph import views_of  # networkx only when a cluster rule runs

        for view, world in zip(views_of(plan.worlds, settings, reported=reported, dns=dns_index), plan.worlds):
            if any(file in reported for unit in world.units for file in unit.files):
                tasks += [(view, world, rule) for rule in by_needs[Needs.CLUSTER]]
    fallback = sources[0].path if sources else None  # where a crash on a subject that cannot be located is reported
    within = reported if context else None  # with --context, only subjects reported in the named files
    # a --context run judges few subjects: its indexes cost about the same on either side of a fork
    spread = jobs > 1 and len(runner.ctx.run.judged) >= FORK_MIN_OBJECTS
    forked = [spread and rule.META.code.startswith(FORKED_RULES) for _, _, rule in tasks]
    here = [task for task, away in zip(tasks, forked) if not away]
    there = [task for task, away in zip(tasks, forked) if away]

    def judge_here() -> list:
        judge_files()
        if by_needs[Needs.OBJECT]:
            _judge_objects(runner, by_needs[Needs.OBJECT], settings, cache)
        found = [_judge_cluster(runner, view, world, rule, fallback, within) for view, world, rule in here]
        if there and cache is not None:
            cache.flush()  # while the forked side still judges, instead of after the report
        return found

    def judge(tasks) -> Callable[[], list]:
        return lambda: [_judge_cluster(runner, view, world, rule, fallback, within) for view, world, rule in tasks]

    def judge_there() -> list:
        by_pod = [POD_PLACES in rule.META.subjects for _, _, rule in there]
        if within is not None or all(by_pod) or not any(by_pod):
            return judge(there)()
        # Every rule judged there reads all the DNS references: collected once, then a second
        # fork judges the rules of the places pods resolve while this side judges the others.
        for view in {id(view): view for view, _, _ in there}.values():
            view.dns.build()
        pods, others = in_two(judge([t for t, p in zip(there, by_pod) if p]), judge([t for t, p in zip(there, by_pod) if not p]))
        pods, others = iter(pods), iter(others)
        return [next(pods) if p else next(others) for p in by_pod]

    found_here, found_there = in_two(judge_here, judge_there) if there else (judge_here(), [])
    found_here, found_there = iter(found_here), iter(found_there)
    for away in forked:  # in the order of the tasks
        runner.findings += next(found_there) if away else next(found_here)


def _judge_objects(runner, rules, settings, cache) -> None:
    judge = ObjectJudge(runner, rules, cache, settings, runner.ctx.run.objects)
    for obj in runner.ctx.run.judged:
        judge.judge(obj)
    judge.finish()


def _judge_cluster(runner, view, world, rule, fallback, within) -> list[Finding]:
    """The findings of one cluster rule on each of its subjects in one world, with the units named."""
    runner.skip = {obj for unit in world.units if not unit.complete for obj in unit.objects}
    found = []
    in_view = dataclasses.replace(runner.ctx, view=view)
    for source in rule.META.subjects:
        found += runner.collect_each((rule,), _subjects(runner, view, source, rule.META.kinds, within), fallback, in_view)
    runner.skip = set()
    return [runner.in_units(finding, about) for finding, about in found]


def _subjects(runner, view, source: str, kinds: tuple, within) -> list:
    """The subjects of `source` in `view`; with `within`, those that may be reported there,
    chosen once per view for all the rules that judge them."""
    if within is None:
        return view.subjects(source, kinds)
    key = (view, source, kinds)
    if key not in runner.chosen:
        subjects = view.subjects(source, kinds, within)
        if source in _ONE_OBJECT:  # the common case, without a call per subject
            objects = [s.obj for s in subjects] if source == "pod-sources" else subjects
            runner.chosen[key] = [s for s, obj in zip(subjects, objects) if obj.may_be_reported_in(within)]
        else:
            runner.chosen[key] = [s for s in subjects if _reported_on(s, within)]
    return runner.chosen[key]


_ONE_OBJECT = ("services", "objects", "pod-sources")  # subjects that are an object, or a pod template (`.obj`)


def _reported_on(subject, reported: set) -> bool:
    """Whether judging `subject` can give a finding the run reports. A rule judging a subject
    reports at that subject (at each member of a group), so with `--context` only the named
    files' subjects are judged: a pre-commit run over one file does not judge the whole
    repository. A rendered object's findings land wherever its fields came from, so those are
    always judged."""
    objects = reported_at(subject)
    return not objects or any(obj.may_be_reported_in(reported) for obj in objects)


def _merged(findings: list[Finding]) -> list[Finding]:
    """One finding for what several units found at one place (a shared base), naming them all."""
    merged: dict = {}
    for finding in findings:
        key = (finding.code, finding.severity, finding.location, finding.message, finding.related)
        first = merged.get(key)
        if first is None:
            merged[key] = finding
        elif finding.units:
            units = tuple(dict.fromkeys(first.units + finding.units))
            merged[key] = first._replace(units=units)
    return list(merged.values())


def _unsuppressed(findings: list[Finding], loaded: Loaded, selection: Selection, within=None) -> list[Finding]:
    """Drop suppressed findings, and report suppressions that do not work as KD010. `within`: the
    files reported, when others are read for context only (a suppression acts in its own file, and
    a problem with one is reported there: those of other files change nothing reported)."""
    sources, objects = loaded.sources, loaded.objects
    if within is not None:
        sources = [source for source in sources if source.path in within]
        objects = [obj for obj in objects if obj.may_be_reported_in(within)]
    suppressions = Suppressions.collect(sources, objects)
    findings = suppressions.filter(findings)
    unused = registry.get(UNUSED_SUPPRESSION)
    if unused is not None and selection.enabled(unused.META):
        problems = [selection.restamp(stamp(unused.META, v, v.file)) for v in suppressions.problems(selection.chosen)]
        findings += suppressions.filter(problems)
    return findings


# With --jobs, a forked process judges the rules that read the DNS index (`view.dns`, built once
# there) while this one judges the others, about as long; below this many judged objects the fork
# costs more.
FORK_MIN_OBJECTS = 2_000
POD_PLACES = "pod-dns-places"  # the subjects that split the forked side's rules in two (see _judge_units)
FORKED_RULES = ("KD401", "KD402", "KD403", "KD404", "KD405", "KD406", "KD407", "KD408", "KD503", "KD504")

MAX_FINDINGS_PER_OBJECT = 100  # per rule; past it, one finding counts the rest (bounded memory)
MAX_FINDINGS_COUNTED = 10 * MAX_FINDINGS_PER_OBJECT  # a rule on one subject stops there (bounded time)


class _Runner:
    def __init__(self, ctx: RuleContext):
        self.ctx = ctx
        self.findings: list[Finding] = []
        self._crashed: set = set()
        self.plan = None  # the deployment units, once planned
        self.skip: set = set()  # objects whose unit kdlint could not render whole
        self.chosen: dict = {}  # (view, subject source, kinds) -> the subjects a --context run judges

    def run(self, rule, subject, file: str | None, ctx=None) -> None:
        for finding, about in self.collect(rule, subject, file, ctx):
            self.add(finding, about)

    def collect(self, rule, subject, file: str | None, ctx=None) -> list[tuple[Finding, object]]:
        """(finding, the object it is about) for each violation of `rule` on `subject`; past
        MAX_FINDINGS_PER_OBJECT for one file and object, one finding counts the rest."""
        return self.collect_each((rule,), (subject,), file, ctx or self.ctx)

    def collect_each(self, rules, subjects, file: str | None, ctx) -> list[tuple[Finding, object]]:
        """`collect` of each rule on each subject, rule by rule: one loop for the thousands of
        subjects of a cluster rule, or the object rules of one object."""
        found = []
        for rule in rules:
            check = rule.check
            for subject in subjects:
                try:
                    violations = iter(check(subject, ctx))
                    first = next(violations, None)
                except Exception as exc:  # a broken rule must not stop the others
                    self._crash(rule, exc, subject, file, found)
                    continue
                if first is not None:  # most calls find nothing
                    found += self._stamped(rule, subject, file, itertools.chain((first,), violations))
        return found

    def _stamped(self, rule, subject, file: str | None, violations) -> list[tuple[Finding, object]]:
        found = []
        counts: dict = {}  # (file, object) -> findings of this rule so far
        last: dict = {}
        stopped = False
        try:
            for number, violation in enumerate(violations, start=1):
                if violation.subject is not None and violation.subject in self.skip:
                    continue  # judged against objects kdlint did not render: no false findings
                finding = stamp(rule.META, violation, file)
                key = (finding.location.file, finding.object)
                counts[key] = counts.get(key, 0) + 1
                if counts[key] <= MAX_FINDINGS_PER_OBJECT:
                    found.append((finding, violation.subject))
                    last[key] = (finding, violation.subject)
                if number == MAX_FINDINGS_COUNTED:  # one call judges one subject: stop there
                    stopped = True
                    break
        except Exception as exc:  # a broken rule must not stop the others
            self._crash(rule, exc, subject, file, found)
        for key, count in counts.items():
            if count > MAX_FINDINGS_PER_OBJECT:
                finding, about = last[key]
                found.append((_more(rule.META, finding, count - MAX_FINDINGS_PER_OBJECT, stopped), about))
        return found

    def _crash(self, rule, exc: Exception, subject, file: str | None, found: list) -> list:
        """`found` with KD009 for `exc` added, once per rule and place."""
        crash = _internal_error(rule.META, exc, file, subject if rule.META.needs in _ABOUT_OBJECTS else None)
        key = (rule.META.code, crash.location)
        if key not in self._crashed:
            self._crashed.add(key)
            found.append((crash, None))
        return found

    def add(self, finding: Finding, about) -> None:
        self.findings.append(self.in_units(finding, about))

    def in_units(self, finding: Finding, subject) -> Finding:
        """Name the unit when the file alone does not say which deployment the finding is about."""
        unit = self.plan.unit_of(subject) if self.plan is not None and subject is not None else None
        if unit is None:
            return finding
        file = finding.location.file
        if file in self.plan.shared_files or (unit.kind == "kustomization" and not _inside(file, unit.name)):
            return finding._replace(units=(unit.name,))
        return finding


def _more(meta, shown: Finding, hidden: int, stopped: bool) -> Finding:
    """One finding for what is past the limit: "... and 899,899 more unknown-field findings"."""
    where = "on this object" if shown.object is not None else "in this file"
    count = f"at least {hidden:,}" if stopped else f"{hidden:,}"
    stop = f" (counting stopped at {MAX_FINDINGS_COUNTED:,})" if stopped else ""
    return Finding(
        code=meta.code,
        name=meta.name,
        severity=shown.severity,
        message=f"... and {count} more {meta.name} findings {where}{stop}; only the first {MAX_FINDINGS_PER_OBJECT} are listed",
        location=shown.location,
        object=shown.object,
        units=shown.units,
    )


def _inside(file: str, folder: str) -> bool:
    return folder in ("", ".") and not file.startswith("../") or file.startswith(folder.rstrip("/") + "/")


_ABOUT_OBJECTS = (Needs.OBJECT, Needs.CLUSTER)  # rules whose subjects are objects or stand for some


def _internal_error(meta, exc: Exception, file: str | None, subject) -> Finding:
    """KD009 at the subject `meta`'s rule failed on, naming both (at line 1 of `file` for a
    subject that is a file, a document or a unit)."""
    internal = registry.get("KD009").META
    import traceback  # only when a rule crashed

    from kdlint.rules.subjects import whereabouts

    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
    try:
        place = whereabouts(subject) if subject is not None else None
        location = _locate(place.ref, file) if place is not None else Location(file or "-", 1, 1)
    except Exception:  # noqa: BLE001 - a subject too broken to locate: the file, at least
        place, location = None, Location(file or "-", 1, 1)
    on = f" on {place.text}" if place is not None else " on this input"
    return Finding(
        code=internal.code,
        name=internal.name,
        severity=internal.severity,
        message=(
            f"rule {meta.code} {meta.name} failed{on} ({type(exc).__name__}: {exc} at {where}); "
            "the other rules still ran"
        ),
        fix="please report this to the kdlint maintainers, with the input that triggers it",
        location=location,
        object=place.obj.id if place is not None else None,
    )


def stamp(meta, violation: Violation, file: str | None) -> Finding:
    subject = violation.subject
    return Finding(
        code=meta.code,
        name=meta.name,
        severity=violation.severity or meta.severity,
        message=violation.message,
        location=_locate(violation, file),
        object=subject.id if subject is not None else violation.object_id,
        related=tuple(sorted(
            Related(_locate(r.ref, None), r.message, getattr(r.ref.subject, "id", None))
            for r in violation.related
        )),
        fix=violation.fix,
        autofix=violation.autofix,
    )


def _locate(place, file: str | None) -> Location:
    subject = place.subject
    if place.line is not None:
        return Location(place.file or (subject.file if subject is not None else file) or "-", place.line, place.column or 1)
    if subject is not None:
        return Location(*subject.locate(place.path, place.at_value))
    return Location(place.file or file or "-", 1, 1)


__all__ = ["lint", "load", "stamp", "Severity"]
