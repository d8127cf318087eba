"""Suppressions, applied centrally to stamped findings: comments in the YAML and object annotations.

- `# kdlint: ignore=KD301,KD4 reason` suppresses on its own line, and on the next line when the
  comment stands alone on its line;
- `# kdlint: disable-file=KD2 reason` suppresses in the whole file;
- the annotation `ignore-check.kdlint.io/KD301: "reason"` suppresses on that object.

Rules are named by code, prefix or name. A suppression without a reason suppresses nothing.
Suppressions that do not work (no reason, unknown rule, nothing matched, a malformed
directive) become violations that the engine reports as KD010.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kdlint import rules as registry
from kdlint.findings import Finding
from kdlint.load.comments import CommentFinder
from kdlint.rules.base import Violation

ANNOTATION_PREFIX = "ignore-check.kdlint.io/"
SELF_CODE = "KD010"

# patterns, compiled on first use (re keeps them): most runs have no directive, and compiling costs at start-up
_DIRECTIVE = r"(?:^|\s)#\s*kdlint\s*:\s*(?P<body>.*)$"
_VERB = r"(?P<verb>[A-Za-z-]+)\s*(?:=\s*(?P<refs>[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*))?(?P<rest>.*)$"
VERBS = ("ignore", "disable-file")


class Suppression:
    """One directive or annotation (a plain class: a dataclass costs more to make at import)."""

    def __init__(self, kind: str, refs: tuple[str, ...], reason: str, file: str, line: int = 1, column: int = 1,
                 lines: frozenset[int] = frozenset(), subject: object = None) -> None:
        self.kind = kind  # "line", "file" or "annotation"
        self.refs = refs
        self.reason = reason
        self.file = file
        self.line = line
        self.column = column
        self.lines = lines  # lines a "line" suppression covers
        self.subject = subject  # the K8sObject of an annotation
        self.used: set[str] = set()

    def written(self) -> str:
        if self.kind == "annotation":
            return f"annotation `{ANNOTATION_PREFIX}{self.refs[0]}`"
        verb = "ignore" if self.kind == "line" else "disable-file"
        return f"`# kdlint: {verb}={','.join(self.refs)}`"

    def violation(self, message: str, fix: str) -> Violation:
        if self.kind == "annotation":
            return Violation(message, subject=self.subject, path=("metadata", "annotations", ANNOTATION_PREFIX + self.refs[0]), fix=fix)
        return Violation(message, file=self.file, line=self.line, column=self.column, fix=fix)


def matches(ref: str, finding: Finding) -> bool:
    return ref.lower() == finding.name or finding.code.startswith(ref.upper())


class Suppressions:
    def __init__(self, entries: list[Suppression], malformed: list[Violation]):
        self.entries = entries
        self.malformed = malformed
        self._by_line: dict[tuple[str, int], list[Suppression]] = defaultdict(list)
        self._by_file: dict[str, list[Suppression]] = defaultdict(list)
        self._by_object: dict[tuple, list[Suppression]] = defaultdict(list)
        for entry in entries:
            if not entry.reason:
                continue
            if entry.kind == "line":
                for line in entry.lines:
                    self._by_line[(entry.file, line)].append(entry)
            elif entry.kind == "file":
                self._by_file[entry.file].append(entry)
            else:
                self._by_object[(entry.file, entry.subject.id)].append(entry)

    @classmethod
    def collect(cls, sources, objects) -> "Suppressions":
        entries: list[Suppression] = []
        malformed: list[Violation] = []
        for source in sources:
            if source.text is not None and "kdlint" in source.text:
                _scan_comments(source.path, source.text, entries, malformed)
        for obj in objects:
            annotations = obj.get("metadata", "annotations")
            if isinstance(annotations, dict):
                for key, value in annotations.items():
                    if isinstance(key, str) and key.startswith(ANNOTATION_PREFIX):
                        reason = value.strip() if isinstance(value, str) else ""
                        entries.append(Suppression("annotation", (key[len(ANNOTATION_PREFIX):],), reason, obj.file, subject=obj))
        return cls(entries, malformed)

    def filter(self, findings: list[Finding]) -> list[Finding]:
        """The findings no suppression covers; the suppressions that cover one are marked used."""
        kept = []
        for finding in findings:
            hits = [
                (entry, ref)
                for entry in self._candidates(finding)
                for ref in entry.refs
                if matches(ref, finding)
            ]
            for entry, ref in hits:
                entry.used.add(ref)
            if not hits:
                kept.append(finding)
        return kept

    def _candidates(self, finding: Finding) -> list[Suppression]:
        where = finding.location
        found = self._by_line.get((where.file, where.line), []) + self._by_file.get(where.file, [])
        if finding.object is not None and self._by_object:
            found += [e for e in self._by_object.get((where.file, finding.object), []) if _holds(e.subject, where.line)]
        return found

    def problems(self, enabled) -> list[Violation]:
        """Suppressions that do not work. `enabled(meta)` says which rules ran: only those can be judged unused."""
        problems = list(self.malformed)
        for entry in self.entries:
            if not entry.reason:
                problems.append(entry.violation(
                    f"{entry.written()} gives no reason, so it suppresses nothing",
                    f"say why after the {'key' if entry.kind == 'annotation' else 'codes'}, e.g. `{_example(entry)}`",
                ))
            for ref in entry.refs:
                named = registry.named(ref)
                if not named:
                    problems.append(entry.violation(f"{entry.written()} names `{ref}`, which is no kdlint rule", "name a rule that `kdlint rules` lists"))
                elif entry.reason and ref not in entry.used and _judged(named, enabled):
                    problems.append(entry.violation(f"{entry.written()} matched no `{ref}` finding {_scope(entry)}", "remove the suppression" if len(entry.refs) == 1 else f"remove `{ref}` from it"))
        return problems


def _scan_comments(path: str, text: str, entries: list, malformed: list) -> None:
    comments = None
    for number, line in enumerate(text.split("\n"), start=1):
        if "kdlint" not in line:
            continue
        match = re.search(_DIRECTIVE, line)
        if match is None:
            continue
        column = line.index("#", match.start()) + 1
        comments = comments or CommentFinder(text)
        if not comments.is_comment(number, column):
            continue  # text inside a string, not a directive
        parts = re.match(_VERB, match.group("body"))
        verb = parts.group("verb") if parts else ""
        if verb not in VERBS or not parts.group("refs"):
            malformed.append(Violation(
                f"`{line[column - 1:].strip()}` is not a kdlint directive",
                file=path, line=number, column=column,
                fix="write `# kdlint: ignore=CODE reason` or `# kdlint: disable-file=CODE reason`",
            ))
            continue
        refs = tuple(r.strip() for r in parts.group("refs").split(","))
        reason = parts.group("rest").strip().lstrip("-—:;#").strip()
        reason = reason if re.search(r"\w", reason) else ""
        if verb == "ignore":
            alone = line.lstrip().startswith("#")
            covered = frozenset({number, number + 1} if alone else {number})
            entries.append(Suppression("line", refs, reason, path, number, column, lines=covered))
        else:
            entries.append(Suppression("file", refs, reason, path, number, column))


def _holds(obj, line: int) -> bool:
    return obj.doc.start_line <= line <= obj.doc.end_line


def _judged(named, enabled) -> bool:
    return any(rule.META.code != SELF_CODE and enabled(rule.META) for rule in named)


def _scope(entry: Suppression) -> str:
    if entry.kind == "line":
        return "on this line or the next" if len(entry.lines) > 1 else "on this line"
    if entry.kind == "file":
        return "in this file"
    return f"on {entry.subject.id.label()}"


def _example(entry: Suppression) -> str:
    if entry.kind == "annotation":
        return f'{ANNOTATION_PREFIX}{entry.refs[0]}: "why this is fine here"'
    verb = "ignore" if entry.kind == "line" else "disable-file"
    return f"# kdlint: {verb}={','.join(entry.refs)} why this is fine here"
