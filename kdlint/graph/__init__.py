"""The discovery graph: which objects refer to, select and back which others, per cluster.

`build_views(loaded, settings)` returns one ClusterView per cluster: per world of deployment
units (kdlint.units) by default, all inputs together with `scope: run`, or one per command-line
path with `scope: dir`.
"""

from __future__ import annotations

from kdlint.collector import collector_paused


def build_views(loaded, settings, extra_edges=None) -> list:
    """One ClusterView per world of deployment units (see kdlint.units).

    `extra_edges(index) -> [(source key, target key, EdgeKind, attrs)]` adds edges of later
    stages, such as the DNS references (`kdlint.graph.dns_edges.dns_edges`, which the commands
    pass; rules read references from `ClusterView.dns` and need no edges for them)."""
    from kdlint.units import plan

    return views_of(plan(loaded, settings).worlds, settings, extra_edges)


def views_of(worlds, settings, extra_edges=None, reported=None) -> list:
    """`reported`: the files findings are reported in (of identical copies, one there is kept)."""
    from kdlint.graph.index import ClusterIndex
    from kdlint.graph.view import ClusterView

    views = []
    # The build allocates many small objects and frees none: cyclic GC passes during it would
    # rescan every loaded document for nothing (they doubled the stage's time on 10k objects).
    with collector_paused():
        for world in worlds:
            index = ClusterIndex(world.objects, world.documents, settings, reported)
            edges = extra_edges or (lambda index: ())
            views.append(ClusterView(index, _graph_factory(index, edges), world.name))
    return views


def _graph_factory(index, edges):
    from kdlint.graph.build import build_graph

    def build():
        with collector_paused():  # see views_of
            return build_graph(index, edges(index))

    return build


__all__ = ["build_views", "views_of"]
