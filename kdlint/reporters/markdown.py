"""A Markdown job summary: counts, a table of findings and a Mermaid diagram of the Services involved."""

from __future__ import annotations

import html
import re

from kdlint.escaping import mermaid_label, path_text, visible

MAX_ROWS = 500  # GitHub caps a step summary at 1 MiB
MAX_NODES = 60  # past this a diagram is unreadable


def render(report, **options) -> str:
    counts = report.counts()
    parts = [
        "## kdlint",
        "",
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, {counts['info']} info "
        f"in {_plural(report.files, 'file')} ({_plural(report.objects, 'object')})"
        + (f"; {report.baselined} known from the baseline" if report.baselined else "") + ".",
        "",
    ]
    if not report.findings:
        parts.append("No findings.")
        return "\n".join(parts) + "\n"
    parts += ["| Severity | Rule | Location | Object | Message | Fix |", "|---|---|---|---|---|---|"]
    for finding in report.findings[:MAX_ROWS]:
        where = finding.location
        parts.append(
            f"| {finding.severity} | {finding.code} {finding.name} | {_cell(f'{path_text(where.file)}:{where.line}:{where.column}')} "
            f"| {_cell(finding.object.label()) if finding.object else ''} | {_cell(finding.message)} | {_cell(finding.fix or '')} |"
        )
    if len(report.findings) > MAX_ROWS:
        parts.append(f"\n{len(report.findings) - MAX_ROWS} more findings are not shown; see the full report.")
    diagram = services_diagram(report.findings)
    if diagram:
        parts += ["", "### Services involved", "", "```mermaid", diagram, "```"]
    return "\n".join(parts) + "\n"


def services_diagram(findings) -> str:
    """Objects of findings that involve a Service, grouped by namespace, joined by the findings' rules."""
    nodes: dict = {}  # ObjectId -> worst severity
    edges: set = set()
    for finding in findings:
        involved = [finding.object] + [r.object for r in finding.related]
        if finding.object is None or not any(o is not None and o.kind == "Service" for o in involved):
            continue
        worst = nodes.get(finding.object)
        nodes[finding.object] = finding.severity if worst is None else max(worst, finding.severity)
        for related in finding.related:
            if related.object is not None and related.object != finding.object:
                nodes.setdefault(related.object, None)
                edges.add((finding.object, related.object, finding.code))
    if not nodes:
        return ""
    ordered = sorted(nodes, key=lambda o: (o.namespace or "", o.kind, o.name))[:MAX_NODES]
    ids = {obj: f"n{number}" for number, obj in enumerate(ordered)}
    lines = ["flowchart LR"]
    for number, namespace in enumerate(sorted({o.namespace or "" for o in ordered})):
        members = [o for o in ordered if (o.namespace or "") == namespace]
        indent = "    " if namespace else "  "
        if namespace:
            lines.append(f"  subgraph ns{number}[{mermaid_label('namespace ' + namespace)}]")
        lines += [f"{indent}{ids[o]}[{mermaid_label(f'{o.kind} {o.name}')}]" for o in members]
        if namespace:
            lines.append("  end")
    for source, target, code in sorted(edges, key=lambda e: (ids.get(e[0], ""), ids.get(e[1], ""), e[2])):
        if source in ids and target in ids:
            lines.append(f"  {ids[source]} -->|{code}| {ids[target]}")
    for severity in ("error", "warning", "info"):
        marked = [ids[o] for o in ordered if nodes[o] is not None and str(nodes[o]) == severity]
        if marked:
            lines.append(f"  class {','.join(marked)} {severity};")
    lines += [
        "  classDef error stroke:#d1242f,stroke-width:2px;",
        "  classDef warning stroke:#bf8700,stroke-width:2px;",
        "  classDef info stroke:#0969da;",
    ]
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _cell(text: str) -> str:
    """Table cells are plain text: no line break, no HTML, no link, emphasis or code span, and
    no pipe that would end the cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(visible(text), quote=False))
