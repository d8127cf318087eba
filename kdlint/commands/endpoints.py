"""`kdlint endpoints`: a static `kubectl get endpoints`: the pods behind each Service, or why none."""

from __future__ import annotations

import json

from kdlint.commands import load_views
from kdlint.findings import object_name
from kdlint.graph.ports import PROTOCOL_MISMATCH, UNRESOLVED
from kdlint.rules.endpoints import POD_KINDS, selected_labels


def endpoints(paths: list[str], settings, format: str = "text", exclude=()) -> str:
    views = load_views(paths, settings, exclude)
    rows = [row for view in views for row in service_rows(view)]
    references = [ref for view in views for ref in dns_references(view)]
    if format == "json":
        by_service: dict = {}
        for ref in references:
            by_service.setdefault((ref["cluster"], ref["namespace"], ref["service"]), []).append(ref)
        for row in rows:
            row["referenced_by"] = by_service.pop((row["cluster"], row["namespace"], row["service"]), [])
        missing = [ref for refs in by_service.values() for ref in refs]
        return json.dumps({"services": rows, "references_to_missing_services": missing}, indent=2, sort_keys=False) + "\n"
    return render_table(rows) + render_references(references)


def service_rows(view) -> list[dict]:
    rows = []
    services = sorted((s for s in view.services() if s in view.presents), key=lambda s: (s.namespace or "", s.name))
    for service in services:
        spec = service.get("spec") if isinstance(service.get("spec"), dict) else {}
        row = {
            "cluster": view.name,
            "unit": view.presents[service],
            "namespace": service.namespace,
            "service": service.name,
            "type": spec.get("type") or ("Headless" if spec.get("clusterIP") == "None" else "ClusterIP"),
            "selector": selected_labels(view.selector_of(service)) if view.selector_of(service) else None,
            "backends": [],
            "status": "ok",
            "reason": None,
        }
        rows.append(row)
        if spec.get("type") == "ExternalName":
            row["status"], row["reason"] = "external", f"CNAME to {spec.get('externalName')}"
            continue
        selector = view.selector_of(service)
        if selector is None:
            manual = view.endpoints_for(service)
            row["status"] = "manual" if manual else "none"
            row["reason"] = (
                "endpoints from " + ", ".join(object_name(o) for o in manual)
                if manual else "no selector and no Endpoints/EndpointSlice in the input"
            )
            continue
        backends = view.pods_selected_by(service)
        for backend in backends:
            source = backend.source
            row["backends"].append({
                "kind": source.kind,
                "name": source.obj.name,
                "replicas": source.replicas,
                "suspended": source.suspended,
                "ports": [_port(resolution) for resolution in backend.ports],
            })
        operators = [
            cr for cr in view.pod_creating_resources(service.namespace)
            if (labels := view.declared_pod_labels(cr)) is not None and selector.matches(labels)
        ]
        if not backends and operators:
            row["status"] = "operator"
            row["reason"] = "pods created by an operator from " + ", ".join(object_name(cr) for cr in operators)
        elif not backends:
            candidate = view.nearest(selector, service.namespace, name=service.name)
            row["status"] = "none"
            # as KD301: a parse failure is named only when it could be the missing pods
            row["reason"] = "selects no pods" + (
                f"; closest {object_name(candidate.source.obj)}: {candidate.text()}" if candidate
                else view.unparsed_note(service.namespace, POD_KINDS, labels=selected_labels(selector))
            )
        elif all(b.source.suspended or b.source.replicas == 0 for b in backends):
            row["status"], row["reason"] = "scaled-to-zero", "every backend has 0 replicas or is suspended"
        elif any(not r.ok for b in backends for r in b.ports):
            row["status"], row["reason"] = "partial", "some ports resolve on no container"
    return rows


def _port(resolution) -> dict:
    port = resolution.service_port
    cp = resolution.container_port
    resolved = cp is not None and resolution.status not in (UNRESOLVED, PROTOCOL_MISMATCH)
    return {
        "name": port.name,
        "port": port.port,
        "targetPort": port.target,
        "protocol": port.protocol,
        "status": resolution.status,
        "container": cp.container if resolved else None,
        "containerPort": cp.number if resolved else None,
        "text": f"{port.port}->{resolution.describe()}",
    }


def render_table(rows: list[dict]) -> str:
    if not rows:
        return "No Services found.\n"
    header = ("NAMESPACE", "SERVICE", "TYPE", "BACKEND", "REPLICAS", "PORTS")
    table = []
    for row in rows:
        if not row["backends"]:
            table.append((row["namespace"] or "", row["service"], row["type"], "-", "-", f"<{row['status']}: {row['reason']}>"))
        for backend in row["backends"]:
            ports = ", ".join(p["text"] for p in backend["ports"]) or "-"
            table.append((row["namespace"] or "", row["service"], row["type"], f"{backend['kind']}/{backend['name']}", _replicas(backend), ports))
    units = [row["unit"] for row in rows for _ in (row["backends"] or [None])]
    if len(set(units)) > 1:  # say which deployment unit each row is from
        header = ("UNIT", *header)
        table = [(unit, *record) for unit, record in zip(units, table)]
    widths = [max(len(str(r[i])) for r in [header, *table]) for i in range(len(header) - 1)]
    lines = []
    for record in [header, *table]:
        cells = [str(value).ljust(width) for value, width in zip(record, widths)]
        lines.append("  ".join(cells + [str(record[-1])]).rstrip())
    return "\n".join(lines) + "\n"


def _replicas(backend: dict) -> str:
    if backend["suspended"]:
        return "suspended"
    if backend["replicas"] is None:
        return "per node" if backend["kind"] == "DaemonSet" else "?"
    return str(backend["replicas"])


# --- DNS references (kdlint.dns_index): who calls each Service by name -------------------


def dns_references(view) -> list[dict]:
    """Every name a workload (or webhook, APIService, ExternalName) uses for a Service, with
    where it is written and, when broken, why."""
    found = []
    for source, target, data in sorted(view.graph.edges(data=True), key=lambda e: (e[1], e[0])):
        if str(data["kind"]) != "refers-to-dns":
            continue
        for ref, reason in zip(data["refs"], data["reasons"]):
            written = hasattr(ref, "host")
            if (ref.site.holder if written else ref.holder) not in view.presents:
                continue  # another view lists the unit it comes from
            line, column = ref.position if written else ref.holder.key_position(ref.path)
            found.append({
                "cluster": view.name,
                "namespace": target[1],
                "service": target[2],
                "from": "/".join(part for part in source if part),
                "name": ref.text if written else f"{ref.name}.{ref.namespace} ({ref.what})",
                "port": (ref.host.port if written else ref.port),
                "file": ref.file if written else ref.holder.file,
                "line": line,
                "column": column,
                "problem": reason,
            })
    return found


def render_references(references: list[dict]) -> str:
    if not references:
        return ""
    lines = ["", "DNS REFERENCES"]
    for ref in references:
        port = f":{ref['port']}" if ref["port"] is not None else ""
        problem = f"  <{ref['problem']}>" if ref["problem"] else ""
        lines.append(
            f"{ref['namespace']}/{ref['service']}  <-  {ref['from']} as {ref['name']}{port} "
            f"({ref['file']}:{ref['line']}:{ref['column']}){problem}"
        )
    return "\n".join(lines) + "\n"
