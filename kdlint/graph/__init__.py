"""The discovery graph: which objects refer to, select and back which others, per cluster.

`build_views(loaded, settings)` returns one ClusterView per cluster: all inputs together by
default, or one per command-line path with `scope: dir`.
"""

from __future__ import annotations

import gc


def build_views(loaded, settings, extra_edges=None) -> list:
    """`extra_edges(index) -> [(source key, target key, EdgeKind, attrs)]` adds edges of later
    stages, such as the DNS references (`kdlint.graph.dns_edges.dns_edges`, which the commands
    pass; rules read references from `ClusterView.dns` and need no edges for them)."""
    from kdlint.graph.index import ClusterIndex
    from kdlint.graph.view import ClusterView

    views = []
    # The build allocates many small objects and frees none: cyclic GC passes during it would
    # rescan every loaded document for nothing (they doubled the stage's time on 10k objects).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name, objects, documents in _clusters(loaded, settings):
            index = ClusterIndex(objects, documents, settings)
            edges = extra_edges or (lambda index: ())
            views.append(ClusterView(index, _graph_factory(index, edges), name))
    finally:
        if collecting:
            gc.enable()
    return views


def _graph_factory(index, edges):
    from kdlint.graph.build import build_graph

    def build():
        collecting = gc.isenabled()
        gc.disable()  # see build_views
        try:
            return build_graph(index, edges(index))
        finally:
            if collecting:
                gc.enable()

    return build


def _clusters(loaded, settings):
    if getattr(settings, "scope", "run") != "dir":
        yield "run", list(loaded.objects), list(loaded.documents)
        return
    objects, documents, order = {}, {}, []
    for doc in loaded.documents:
        if doc.root not in documents:
            order.append(doc.root)
        documents.setdefault(doc.root, []).append(doc)
    for obj in loaded.objects:
        if obj.root not in objects and obj.root not in documents:
            order.append(obj.root)
        objects.setdefault(obj.root, []).append(obj)
    for root in order:
        yield str(root), objects.get(root, []), documents.get(root, [])


__all__ = ["build_views"]
