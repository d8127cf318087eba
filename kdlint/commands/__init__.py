"""Commands beyond `check`: pure functions from paths and Settings to text; cli.py wires them."""

from __future__ import annotations


def load_views(paths: list[str], settings, exclude=()) -> list:
    """Read the inputs like `kdlint check` does and build one ClusterView per cluster (a world of
    deployment units). A unit that belongs to several worlds is presented by the first one only:
    `view.presents` maps each object the view shows to its unit's name."""
    from kdlint.engine import load
    from kdlint.graph import views_of
    from kdlint.dns_index import dns_edges, dns_index
    from kdlint.load.discovery import read_files
    from kdlint.units import plan

    sources = read_files(list(paths), settings.max_file_size, exclude)
    worlds = plan(load(sources, settings), settings).worlds
    views = views_of(worlds, settings, extra_edges=dns_edges, dns=dns_index)
    shown = set()
    for view, world in zip(views, worlds):
        for unit in world.units:
            if id(unit) not in shown:
                shown.add(id(unit))
                view.presents.update((obj, unit.name) for obj in unit.objects)
    return views
