"""The object rules' findings on the objects of unchanged files, from the content cache.

An object rule judges one object at a time, so what it finds in an unchanged file stays true
while kdlint, the settings, the selected rules and the CustomResourceDefinitions of the run
(they give custom resources their schema and scope) stay the same: all of them are in the key.
Objects a kustomization rendered, rules that look at the whole run (`META.whole_run`), runs with
extra schema folders, and findings that point into another file are always judged afresh.
"""

from __future__ import annotations

from kdlint.findings import Finding, Location, ObjectId, Related, Severity

INTERNAL_ERROR = "KD009"


class ObjectJudge:
    """Runs the object rules on one object at a time, through the cache when it can: one entry per
    file, holding the findings of each of its objects."""

    def __init__(self, runner, rules: list, cache, settings, objects: list):
        self.runner = runner
        self.rules = rules
        self.cache = cache
        cached = [rule.META.code for rule in rules if not rule.META.whole_run]
        self.context = None
        if cache is not None and not settings.schema_dirs and cached:
            crds = sorted(repr(o.body) for o in objects if o.kind == "CustomResourceDefinition")
            self.context = cache.key("object-rules", repr(settings), cached, crds)
        self._stored: dict[str, dict] = {}  # file -> {(document, path in it): frozen findings}
        self._keys: dict[str, str | None] = {}  # file -> its entry's key
        self._by_kind: dict[str, tuple[list, list]] = {}  # kind -> (its cacheable rules, its whole-run rules)
        self._fresh: dict[str, dict] = {}
        self._spoiled: set[str] = set()  # files with a finding the cache cannot hold

    def judge(self, obj) -> None:
        cacheable, whole_run = self._rules_for(obj.kind)
        key = self._file_key(obj)
        found = self._cached(key, obj) if key is not None else None
        if found is None:
            found = self.runner.collect_each(cacheable, (obj,), obj.file, self.runner.ctx)
            if key is not None:
                if all(_cacheable(finding, subject, obj) for finding, subject in found):
                    frozen = [_freeze(finding, subject is obj) for finding, subject in found]
                    self._fresh.setdefault(key, {})[(obj.doc.index, obj.base)] = frozen
                else:
                    self._spoiled.add(key)
        for rule in whole_run:
            found += self.runner.collect(rule, obj, obj.file)
        for finding, subject in found:
            self.runner.add(finding, subject)

    def finish(self) -> None:
        """Store what this run found in the files the cache did not know yet."""
        for key, fresh in self._fresh.items():
            if key not in self._spoiled:
                self.cache.write(key, {**self._stored.get(key, {}), **fresh})

    def _rules_for(self, kind: str) -> tuple[list, list]:
        found = self._by_kind.get(kind)
        if found is None:
            rules = [rule for rule in self.rules if not rule.META.kinds or kind in rule.META.kinds]
            found = self._by_kind[kind] = ([r for r in rules if not r.META.whole_run], [r for r in rules if r.META.whole_run])
        return found

    def _file_key(self, obj) -> str | None:
        if self.context is None or obj.provenance is not None:
            return None
        if obj.file not in self._keys:
            digest = self.cache.digest(obj.file)
            self._keys[obj.file] = None if digest is None else self.cache.key(self.context, digest)
        return self._keys[obj.file]

    def _cached(self, key: str, obj) -> list | None:
        if key not in self._stored:
            stored = self.cache.read(key)
            self._stored[key] = stored if isinstance(stored, dict) else {}
        frozen = self._stored[key].get((obj.doc.index, obj.base))
        if frozen is None:
            return None
        try:
            return [_thaw(entry, obj) for entry in frozen]
        except Exception:  # noqa: BLE001 - an entry of another shape: judge again
            return None


def _cacheable(finding: Finding, subject, obj) -> bool:
    return (
        finding.code != INTERNAL_ERROR
        and getattr(finding, "autofix", None) is None  # machine fixes hold edits of the file: judged afresh
        and subject in (None, obj)
        and finding.location.file == obj.file
        and all(related.location.file == obj.file for related in finding.related)
    )


def _freeze(finding: Finding, about_obj: bool) -> tuple:
    def as_tuple(object_id):
        return None if object_id is None else (object_id.api_version, object_id.kind, object_id.namespace, object_id.name)

    where = finding.location
    related = [(r.location.line, r.location.column, r.message, as_tuple(r.object)) for r in finding.related]
    return (finding.code, finding.name, int(finding.severity), finding.message, where.line, where.column,
            as_tuple(finding.object), related, finding.fix, finding.units, about_obj)


def _thaw(entry: tuple, obj) -> tuple[Finding, object]:
    code, name, severity, message, line, column, ident, related, fix, units, about_obj = entry
    file = obj.file
    finding = Finding(
        code, name, Severity(severity), message, Location(file, line, column),
        ObjectId(*ident) if ident is not None else None,
        tuple(Related(Location(file, rl, rc), rm, ObjectId(*ri) if ri is not None else None) for rl, rc, rm, ri in related),
        fix, tuple(units),
    )
    return finding, obj if about_obj else None
