"""Plain files (outside kustomize) that repeat each other's objects are variants, not one cluster.

Two files *repeat* each other when they define the same objects (same kind, namespace and name):
- exactly the same objects (a copy, even of a single object);
- at least two shared objects that make up at least half of the smaller file (side-by-side
  bundles such as `app.yaml` and `app-psa.yaml`, a folder copied per provider, an exact copy); or
- one file holds all the objects of the other and is a bundle: it holds all the objects of at
  least two other files too (a release bundle concatenating per-service files).
Files that share one object in passing (two apps that both define their Namespace) are not
variants: they are applied together and a duplicate between them is still reported.

Files that repeat nothing form one unit. Files linked by repeats form a family; within a family
they are placed greedily, in path order, into variant units none of whose files they repeat,
preferring a unit with a file in the same folder.
"""

from __future__ import annotations

import posixpath


# Plain classes, not dataclasses: making a dataclass costs more at import than these classes
# cost a run.
class PlainFile:
    __slots__ = ("path", "identities")

    def __init__(self, path: str, identities: frozenset) -> None:
        self.path = path
        self.identities = identities


class Group:
    def __init__(self, files: list[PlainFile], repeats: list[tuple[str, str, int]]) -> None:
        self.files = files
        self.repeats = repeats  # (this group's file, the other file, shared objects)


def overlap_conflict(a: frozenset, b: frozenset) -> bool:
    """Two sets of objects that are alternatives of each other rather than parts of one whole."""
    shared = len(a & b)
    return shared >= 2 and 2 * shared >= min(len(a), len(b))


def partition(files: list[PlainFile]) -> tuple[list[PlainFile], list[Group]]:
    """(files that repeat no other file, variant groups) for plain files."""
    files = sorted(files, key=lambda f: f.path)
    holders = _holders(files)
    bundles = _bundles(files, holders)
    conflicts: dict[str, dict[str, int]] = {f.path: {} for f in files}
    for a in files:
        for b in _partners(a, holders):
            if b.path not in conflicts[a.path] and _repeats(a, b, bundles):
                shared = len(a.identities & b.identities)
                conflicts[a.path][b.path] = shared
                conflicts[b.path][a.path] = shared
    common = [f for f in files if not conflicts[f.path]]
    groups: list[Group] = []
    for family in _families(files, conflicts):
        groups.extend(_place(family, conflicts))
    return common, groups


def _families(files: list[PlainFile], conflicts: dict) -> list[list[PlainFile]]:
    """Files linked by repeats, each family in path order (variants of different things never mix)."""
    family_of: dict[str, list[PlainFile]] = {}
    families = []
    for file in files:
        if not conflicts[file.path] or file.path in family_of:
            continue
        family, todo = [], [file.path]
        while todo:
            path = todo.pop()
            if path in family_of:
                continue
            family_of[path] = family
            family.append(path)
            todo.extend(conflicts[path])
        families.append(family)
    by_path = {f.path: f for f in files}
    return [[by_path[p] for p in sorted(family)] for family in families]


def _place(family: list[PlainFile], conflicts: dict) -> list[Group]:
    groups: list[Group] = []
    for file in family:
        mine = conflicts[file.path]
        compatible = [g for g in groups if not any(other.path in mine for other in g.files)]
        folder = posixpath.dirname(file.path)
        same_folder = [g for g in compatible if any(posixpath.dirname(o.path) == folder for o in g.files)]
        chosen = (same_folder or compatible or [None])[0]
        if chosen is None:
            chosen = Group([], [])
            groups.append(chosen)
        chosen.files.append(file)
        chosen.repeats.extend((file.path, other, shared) for other, shared in sorted(mine.items()))
    return groups


def _holders(files: list[PlainFile]) -> dict:
    """identity -> the files that define it"""
    by_identity: dict = {}
    for file in files:
        for ident in file.identities:
            by_identity.setdefault(ident, []).append(file)
    return by_identity


def _partners(file: PlainFile, holders: dict) -> list[PlainFile]:
    """The files at least as large as `file` that may repeat it, without pairing every file that
    shares a Namespace: any repeat holds at least half of the smaller file's objects, so it holds one
    of that file's rarest `len // 2 + 1` objects."""
    size = len(file.identities)
    rarest = sorted((holders[i] for i in file.identities), key=len)[: size // 2 + 1]
    found = {}
    for group in rarest:
        for other in group:
            if other is not file and len(other.identities) >= size:
                found[other.path] = other
    return list(found.values())


def _bundles(files: list[PlainFile], holders: dict) -> frozenset[str]:
    """Files that hold every object of at least two other files (`holders`: of `_holders(files)`)."""
    contained: dict[str, int] = {}
    for file in files:
        if not file.identities:
            continue
        rarest_first = sorted((holders[i] for i in file.identities), key=len)
        if len(rarest_first[0]) == 1:
            continue  # an object no other file holds: most files
        holding = {f.path for f in rarest_first[0]}
        for other in rarest_first[1:]:
            if len(holding) <= 1:
                break  # only the file itself is left
            holding.intersection_update(f.path for f in other)
        for holder in holding - {file.path}:
            contained[holder] = contained.get(holder, 0) + 1
    return frozenset(path for path, count in contained.items() if count >= 2)


def _repeats(a: PlainFile, b: PlainFile, bundles: frozenset[str]) -> bool:
    if a.identities == b.identities or overlap_conflict(a.identities, b.identities):
        return True
    return (a.identities <= b.identities and b.path in bundles) or (b.identities <= a.identities and a.path in bundles)
