"""Deployment units: which objects of the input are applied together.

`plan(loaded, settings)` splits the input by `settings.scope`:
- `auto` (default): every kustomization root is a unit (its rendered output); plain files that
  repeat each other's objects are variants, each variant its own unit (see `variants`); the other
  plain files form one unit;
- `run`: all input is one unit; `dir`: one unit per command-line path; `file`: one per file.
Units that do not repeat each other's objects can be deployed into one cluster at once: they form
a *world*, and the cluster rules see a world's objects together (a pod of overlay `dev` may call a
Service of overlay `prod`). Variants of each other never share a world.
"""

from __future__ import annotations

import os
import posixpath

from kdlint.units.model import Plan, Unit, World, identity
from kdlint.units.variants import PlainFile, overlap_conflict, partition

SCOPES = ("auto", "run", "dir", "file")


def plan(loaded, settings) -> Plan:
    scope = getattr(settings, "scope", "auto")
    if scope == "auto":
        units, repeats = _auto_units(loaded, settings)
    else:
        units, repeats = _fixed_units(loaded, scope), set()
    worlds = _worlds(units, repeats) if scope == "auto" else [_world([u]) for u in units]
    worlds = worlds or [World([], [], [])]  # no input: one empty cluster to answer questions about
    owner = {obj: unit for unit in units for obj in unit.objects}
    seen, shared = set(), set()
    for unit in units:
        for file in set(unit.files):
            (shared if file in seen else seen).add(file)
    return Plan(units, worlds, owner, frozenset(shared))


def _fixed_units(loaded, scope: str) -> list[Unit]:
    if scope == "run":
        files = tuple(dict.fromkeys(s.path for s in loaded.sources))
        return [Unit(".", "run", files, list(loaded.objects), list(loaded.documents), why="--scope run: all input is one cluster")]
    key = (lambda path, root: root) if scope == "dir" else (lambda path, root: path)
    groups: dict = {}
    for source in loaded.sources:
        groups.setdefault(key(source.path, source.root), ([], [], []))[0].append(source.path)
    for doc in loaded.documents:
        groups.setdefault(key(doc.path, doc.root), ([], [], []))[2].append(doc)
    for obj in loaded.objects:
        groups.setdefault(key(obj.file, obj.root), ([], [], []))[1].append(obj)
    kind = "path" if scope == "dir" else "file"
    return [Unit(str(name), kind, tuple(dict.fromkeys(files)), objects, docs, why=f"--scope {scope}")
            for name, (files, objects, docs) in groups.items()]


def _auto_units(loaded, settings) -> tuple[list[Unit], set]:
    from kdlint.kustomize import KUSTOMIZATION_FILES
    from kdlint.units.kustomized import kustomization_units

    kustomized, consumed = kustomization_units(loaded.sources, loaded.documents, settings, loaded.cluster_kinds)
    plain_paths = [
        s.path for s in loaded.sources
        if not (s.path.endswith(KUSTOMIZATION_FILES) and posixpath.basename(s.path) in KUSTOMIZATION_FILES)
        and not (consumed and os.path.normpath(s.path) in consumed)
    ]
    objects_by_file: dict[str, list] = {path: [] for path in plain_paths}
    for obj in loaded.objects:
        held = objects_by_file.get(obj.doc.path)
        if held is not None:
            held.append(obj)
    docs_by_file: dict[str, list] = {}
    for doc in loaded.documents:
        if doc.path in objects_by_file:
            docs_by_file.setdefault(doc.path, []).append(doc)
    files = [PlainFile(path, frozenset(map(identity, objs))) for path, objs in objects_by_file.items()]
    common, groups = partition(files)

    def unit(paths: list[str], **extra) -> Unit:
        folders = {posixpath.dirname(p) for p in paths}
        return Unit(
            name=_name(paths, folders), kind=_kind(paths, folders), files=tuple(paths),
            objects=[o for p in paths for o in objects_by_file[p]],
            documents=[d for p in paths for d in docs_by_file.get(p, [])], **extra,
        )

    units = [unit([f.path for f in common], why="plain files applied together")] if common else []
    group_of = {}
    for number, group in enumerate(groups):
        paths = [f.path for f in group.files]
        first_repeat = group.repeats[0] if group.repeats else None
        earlier = next((g for g in groups[:number] if any(f.path == first_repeat[1] for f in g.files)), None) if first_repeat else None
        why = (f"{first_repeat[0]} repeats {first_repeat[2]} object(s) of {first_repeat[1]}: they are alternatives, not one cluster"
               if first_repeat else "")
        made = unit(paths, why=why)
        if earlier is not None:
            made.variant_of = group_of[id(earlier)].name
        group_of[id(group)] = made
        units.append(made)
    _unique_names(units)
    units = sorted(kustomized, key=lambda u: u.name) + units
    repeats = {(a, b) for g in groups for a, b, _ in g.repeats}
    return units, repeats


def _name(paths: list[str], folders: set[str]) -> str:
    """`folders`: those of `paths`."""
    if len(paths) == 1:
        return paths[0]
    try:
        common = posixpath.commonpath(folders) if all(f and not f.startswith("/") for f in folders) else os.path.commonpath(folders)
    except ValueError:
        common = ""
    return common or "."


def _kind(paths: list[str], folders: set[str]) -> str:
    if len(paths) == 1:
        return "file"
    return "folder" if len(folders) == 1 else "files"


def _unique_names(units: list[Unit]) -> None:
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.name] = counts.get(unit.name, 0) + 1
    for unit in units:
        if counts[unit.name] > 1:
            unit.name = f"{unit.name} ({', '.join(posixpath.basename(f) for f in unit.files[:3])}{', ...' if len(unit.files) > 3 else ''})"


def _conflict(a: Unit, b: Unit, repeats: set, identities: dict) -> bool:
    if repeats:  # a file of one repeats a file of the other
        a_files, b_files = set(a.files), set(b.files)
        if any((x in a_files and y in b_files) or (y in a_files and x in b_files) for x, y in repeats):
            return True
    return overlap_conflict(identities[id(a)], identities[id(b)])


def _worlds(units: list[Unit], repeats: set) -> list[World]:
    """Groups of units none of which repeats another, each as large as the order allows."""
    n = len(units)
    conflicts = [[False] * n for _ in range(n)]
    identities = {id(unit): unit.identities() for unit in units}  # once per unit, not per pair
    for i in range(n):
        for j in range(i + 1, n):
            conflicts[i][j] = conflicts[j][i] = _conflict(units[i], units[j], repeats, identities)
    members: list[list[int]] = []
    for i in range(n):
        joined = False
        for world in members:
            if not any(conflicts[i][j] for j in world):
                world.append(i)
                joined = True
        if not joined:
            world = [i]
            for j in range(i):
                if not any(conflicts[j][k] for k in world):
                    world.append(j)
            members.append(sorted(world))
    return [_world([units[i] for i in world]) for world in members]


def _world(units: list[Unit]) -> World:
    if len(units) == 1:  # no other unit to deploy a copy (each world of --scope file or dir)
        return World(units, list(units[0].objects), list(units[0].documents))
    objects, documents, kept = [], [], {}  # kept: identity -> (first object, the unit deploying it)
    for unit in units:
        for obj in unit.objects:
            first = kept.setdefault(identity(obj), (obj, unit))
            if first[1] is not unit and first[0].body == obj.body:
                continue  # another unit deploys the very same object: one object in the cluster
            objects.append(obj)
        documents.extend(unit.documents)
    return World(units, objects, documents)


__all__ = ["plan", "Plan", "Unit", "World", "SCOPES"]
