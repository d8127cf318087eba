"""`kdlint units`: which files kdlint judges together, and why."""

from __future__ import annotations

import json


def plan_for(paths: list[str], settings, exclude=()):
    from kdlint.engine import load
    from kdlint.load.discovery import read_files
    from kdlint.units import plan

    sources = read_files(list(paths), settings.max_file_size, exclude)
    return plan(load(sources, settings), settings)


def units(paths: list[str], settings, format: str = "text", exclude=()) -> str:
    found = plan_for(paths, settings, exclude)
    rows = [_row(unit) for unit in found.units if unit.objects or unit.rendering is not None]
    shown = {row["name"] for row in rows}
    clusters = [[u.name for u in world.units if u.name in shown] for world in found.worlds]
    clusters = [names for names in clusters if names]
    if format == "json":
        return json.dumps({"units": rows, "clusters": clusters}, indent=2) + "\n"
    return _text(rows, clusters)


def _row(unit) -> dict:
    notes = unit.rendering.notes if unit.rendering is not None else []
    return {
        "name": unit.name,
        "kind": unit.kind,
        "variant_of": unit.variant_of,
        "files": list(unit.files),
        "objects": len(unit.objects),
        "why": unit.why,
        "complete": unit.complete,
        "notes": [{"feature": n.feature, "message": n.message, "file": n.file, "line": n.line, "column": n.column}
                  for n in notes],
    }


def _text(rows: list[dict], clusters: list[list[str]]) -> str:
    if not rows:
        return "no units: the input holds no Kubernetes objects\n"
    lines = []
    for row in rows:
        kind = row["kind"] + (f", variant of {row['variant_of']}" if row["variant_of"] else "")
        lines.append(f"{row['name']}  ({kind}): {len(row['files'])} file(s), {row['objects']} object(s)")
        if row["why"]:
            lines.append(f"    {row['why']}")
        for note in row["notes"]:
            lines.append(f"    not rendered: {note['message']} ({note['file']}:{note['line']})")
        shown = row["files"][:8]
        lines.extend(f"    {file}" for file in shown)
        if len(row["files"]) > len(shown):
            lines.append(f"    ... and {len(row['files']) - len(shown)} more file(s)")
    if len(clusters) > 1 or (clusters and len(clusters[0]) > 1):
        lines.append("")
        lines.append("checked together (units that can share one cluster; variants never do):")
        lines.extend(f"    {' + '.join(names)}" for names in clusters)
    return "\n".join(lines) + "\n"
