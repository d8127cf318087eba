"""The discovery graph: which objects refer to, select and back which others, per cluster.

`build_views(loaded, settings)` returns one ClusterView per cluster: per world of deployment
units (kdlint.units) by default, all inputs together with `scope: run`, or one per command-line
path with `scope: dir`.
"""

from __future__ import annotations

from kdlint.collector import collector_paused


def build_views(loaded, settings, extra_edges=None, dns=None) -> list:
    """One ClusterView per world of deployment units (see kdlint.units).

    Later stages plug in: `dns(view)` builds `view.dns` (`kdlint.dns_index.dns_index`), and
    `extra_edges(view) -> [(source key, target key, EdgeKind, attrs)]` adds edges, such as the
    DNS references (`kdlint.dns_index.dns_edges`, which the commands pass; rules read
    references from `view.dns` and need no edges for them)."""
    from kdlint.units import plan

    return views_of(plan(loaded, settings).worlds, settings, extra_edges, dns=dns)


def views_of(worlds, settings, extra_edges=None, reported=None, dns=None) -> list:
    """`reported`: the files findings are reported in (of identical copies, one there is kept)."""
    from kdlint.graph.index import ClusterIndex

    views = []
    # The build allocates many small objects and frees none: cyclic GC passes during it would
    # rescan every loaded document for nothing (they doubled the stage's time on 10k objects).
    with collector_paused():
        for world in worlds:
            index = ClusterIndex(world.objects, world.documents, settings, reported)
            views.append(_view(index, world.name, extra_edges, dns))
    return views


def _view(index, name: str, extra_edges, dns):
    from kdlint.graph.view import ClusterView

    view = ClusterView(index, _graph_factory(index, lambda: extra_edges(view) if extra_edges else ()), name, dns)
    return view


def _graph_factory(index, edges):
    from kdlint.graph.build import build_graph

    def build():
        with collector_paused():  # see views_of
            return build_graph(index, edges())

    return build


__all__ = ["build_views", "views_of"]
