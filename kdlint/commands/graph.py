"""`kdlint graph`: the discovery topology per namespace as DOT, Mermaid or JSON.

Broken edges (a backend naming a missing Service or port, a cross-namespace reference without
grant, a Service that selects nothing) are marked. DOT and Mermaid are written here, with
every node name quoted: names like `Service/shop:cart` must survive intact.
"""

from __future__ import annotations

import json

from kdlint.commands import load_views
from kdlint.escaping import json_safe, mermaid_label, visible
from kdlint.graph.build import EdgeKind

FORMATS = ("dot", "mermaid", "json")


def graph(paths: list[str], settings, format: str = "dot", exclude=()) -> str:
    if format not in FORMATS:
        raise ValueError(f"unknown graph format {format!r}; use one of {', '.join(FORMATS)}")
    topologies = [topology(view) for view in load_views(paths, settings, exclude)]
    if format == "json":
        return json_safe(json.dumps({"clusters": topologies}, indent=2, ensure_ascii=False)) + "\n"
    render = to_dot if format == "dot" else to_mermaid
    return "\n".join(render(t) for t in topologies)


def topology(view) -> dict:
    """Nodes (Services, pod sources and everything joined by an edge) and typed edges."""
    g = view.graph
    keep = set()
    for key, data in g.nodes(data=True):
        obj = data["obj"]
        if obj is not None and (obj.kind == "Service" or view.source_of(obj) is not None):
            keep.add(key)
    edges = []
    for source, target, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], str(e[2]["kind"]))):
        keep.update((source, target))
        edge = {"source": _id(source), "target": _id(target), "kind": str(data["kind"]), "broken": _broken(data)}
        if data["kind"] is EdgeKind.REFERS_TO_DNS:
            edge.update(_dns_edge(data))
        edges.append(edge)
    nodes = []
    for key in sorted(keep):
        data = g.nodes[key]
        problem = "not in the input" if data["missing"] else _service_problem(view, data["obj"])
        nodes.append({"id": _id(key), "kind": key[0], "namespace": key[1] or None, "name": key[2], "problem": problem})
    return {"cluster": view.name, "nodes": nodes, "edges": edges}


def _id(key) -> str:
    kind, namespace, name = key
    return f"{kind}/{namespace}/{name}" if namespace else f"{kind}/{name}"


def _broken(data) -> str | None:
    if data["kind"] is EdgeKind.ROUTES_TO:
        return data.get("broken")
    if data["kind"] is EdgeKind.SELECTS and any(not r.ok for r in data["ports"]):
        return "port-unresolved"
    if data["kind"] is EdgeKind.REFERS_TO_DNS:
        return data.get("broken")
    return None


# --- DNS references (kdlint.dns_index): the names written, and where ----------------------


def _dns_edge(data) -> dict:
    """`names`: each host name as written (with its port), where, and what is wrong with it:
    `ent:8080 (a.yaml:12:29) [cross-namespace-short-name]`."""
    names = []
    for ref, reason in zip(data["refs"], data["reasons"]):
        problem = f" [{reason}]" if reason else ""
        if hasattr(ref, "host"):
            port = f":{ref.host.port}" if ref.host.port is not None else ""
            line, column = ref.position
            names.append(f"{ref.text}{port} ({ref.file}:{line}:{column}){problem}")
        else:  # a webhook / APIService naming the Service by namespace and name
            names.append(f"{ref.what} (port {ref.port}){problem}")
    return {"names": sorted(set(names))}


def _dns_label(edge: dict) -> str:
    """The written names in an edge label, without their places (the graph stays readable)."""
    shown = sorted({name.split(" (", 1)[0] for name in edge.get("names", ())})
    return f" {', '.join(shown[:3])}{', ...' if len(shown) > 3 else ''}" if shown else ""


def _service_problem(view, obj) -> str | None:
    if obj is None or obj.kind != "Service":
        return None
    selector = view.selector_of(obj)
    if selector is not None and not view.pods_selected_by(obj):
        return "selects nothing"
    return None


def to_dot(topo: dict) -> str:
    lines = [f"digraph {_dot_quote('kdlint ' + topo['cluster'])} {{", "  rankdir=LR;", "  node [shape=box];"]
    by_namespace: dict = {}
    for node in topo["nodes"]:
        by_namespace.setdefault(node["namespace"] or "", []).append(node)
    for number, (namespace, nodes) in enumerate(sorted(by_namespace.items())):
        indent = "    " if namespace else "  "
        if namespace:
            lines.append(f"  subgraph {_dot_quote(f'cluster_{number}')} {{")
            lines.append(f"    label={_dot_quote('namespace ' + namespace)};")
        for node in nodes:
            parts = [node["kind"], node["name"]] + ([f"({node['problem']})"] if node["problem"] else [])
            label = "\\n".join(_dot_escape(part) for part in parts)  # DOT's own line breaks between them
            style = ", color=red, style=dashed" if node["problem"] else ""
            lines.append(f"{indent}{_dot_quote(node['id'])} [label=\"{label}\"{style}];")
        if namespace:
            lines.append("  }")
    for edge in topo["edges"]:
        label = edge["kind"] + _dns_label(edge) + (f": {edge['broken']}" if edge["broken"] else "")
        style = ", color=red, style=dashed" if edge["broken"] else ""
        lines.append(f"  {_dot_quote(edge['source'])} -> {_dot_quote(edge['target'])} [label={_dot_quote(label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_quote(text: str) -> str:
    """A DOT double-quoted ID or label holding `text` as written."""
    return '"' + _dot_escape(text) + '"'


def _dot_escape(text: str) -> str:
    """Backslashes and quotes escaped, so nothing in a name can end the string or start an
    escape; control characters written visibly."""
    return visible(text).replace("\\", "\\\\").replace('"', '\\"')


def to_mermaid(topo: dict) -> str:
    ids = {node["id"]: f"n{number}" for number, node in enumerate(topo["nodes"])}
    lines = ["flowchart LR", f"  %% cluster {visible(topo['cluster'])}"]
    by_namespace: dict = {}
    for node in topo["nodes"]:
        by_namespace.setdefault(node["namespace"] or "", []).append(node)
    broken_nodes = []
    for number, (namespace, nodes) in enumerate(sorted(by_namespace.items())):
        if namespace:
            lines.append(f"  subgraph ns{number}[{mermaid_label('namespace ' + namespace)}]")
        for node in nodes:
            label = f"{node['kind']} {node['name']}" + (f" ({node['problem']})" if node["problem"] else "")
            lines.append(f"    {ids[node['id']]}[{mermaid_label(label)}]")
            if node["problem"]:
                broken_nodes.append(ids[node["id"]])
        if namespace:
            lines.append("  end")
    for edge in topo["edges"]:
        label = mermaid_label(edge["kind"] + _dns_label(edge) + (f": {edge['broken']}" if edge["broken"] else ""))
        arrow = "-.->" if edge["broken"] else "-->"
        lines.append(f"  {ids[edge['source']]} {arrow}|{label}| {ids[edge['target']]}")
    if broken_nodes:
        lines.append("  classDef broken stroke:#d00,stroke-dasharray:4 2;")
        lines.append(f"  class {','.join(broken_nodes)} broken;")
    return "\n".join(lines) + "\n"
