"""Commands beyond `check`: pure functions from paths and Settings to text; cli.py wires them."""

from __future__ import annotations


def load_views(paths: list[str], settings, exclude=()) -> list:
    """Read the inputs like `kdlint check` does and build one ClusterView per cluster."""
    from kdlint.engine import load
    from kdlint.graph import build_views
    from kdlint.graph.dns_edges import dns_edges
    from kdlint.load.discovery import read_files

    sources = read_files(list(paths), settings.max_file_size, exclude)
    return build_views(load(sources, settings), settings, extra_edges=dns_edges)
