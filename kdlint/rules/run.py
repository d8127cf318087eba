"""RunFacts: what object rules may know about the run as a whole (`ctx.run`), read-only.

Object rules judge one object at a time; the few questions they ask about the other objects
of the run (its CustomResourceDefinitions, how many objects share a kind) are answered here,
each computed once per run, so that no rule keeps state between calls.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property


class RunFacts:
    def __init__(self, settings, objects: list, judged: list = ()) -> None:
        self.settings = settings
        self.objects = objects  # every object of the run, context files included
        self.judged = judged  # the objects the object rules judge, in the order they are judged
        # object (hashed by identity) -> its schema problems: computed by the first of KD102, KD201 and
        # KD202 to ask, shared by the others (kdlint.rules.schema.analysis)
        self.schema_problems: dict = {}

    @cached_property
    def schema_catalog(self):
        """The run's schemas: bundled ones for the target version, the input's CRDs, schema dirs."""
        from kdlint.schema.catalog import SchemaCatalog
        from kdlint.schema.schema_dirs import load_schema_dirs
        from kdlint.schema.store import SchemaStore

        settings = self.settings
        dirs = load_schema_dirs(settings.schema_dirs) if settings.schema_dirs else None
        return SchemaCatalog(SchemaStore(settings.kubernetes_version), self.objects, dirs)

    def count_of_kind(self, group: str, kind: str) -> int:
        """How many objects of the run (context files included) have this API group and kind."""
        return self._counts.get((group, kind), 0)

    def judged_of_kind(self, group: str, kind: str) -> list:
        """The judged objects of this API group and kind, by file and place in the file (copies at
        one place, judged in several units, in the order they are judged)."""
        return self._judged_by_kind.get((group, kind), [])

    @cached_property
    def _counts(self) -> dict:
        counts: dict = defaultdict(int)
        for obj in self.objects:
            counts[(obj.group, obj.kind)] += 1
        return counts

    @cached_property
    def _judged_by_kind(self) -> dict:
        found: dict = defaultdict(list)
        for obj in sorted(self.judged, key=lambda o: (o.file, o.doc.index, o.base)):
            found[(obj.group, obj.kind)].append(obj)
        return found
