"""The field changes that carry an object from a removed apiVersion to its replacement.

KD204 offers them as an unsafe fix: the object is rewritten the way the API's migration guide
says (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), and the fix is offered
only when the rewritten body is valid under the replacement's schema. Known migrations:
- workloads moving to apps/v1 need `spec.selector` (from the pod template's labels, as the old
  API defaulted it);
- Ingresses moving to networking.k8s.io/v1 name their backend Service as `service.name` and
  `service.port.number|name`, need `pathType` on every path (ImplementationSpecific keeps the old
  matching), and call the default backend `defaultBackend`;
- any other kind: the apiVersion alone, when the object is valid under the new schema as it is.
"""

from __future__ import annotations

import copy
import json
import re

from kdlint.fixes import Edit, delete_lines, replace_scalar
from kdlint.schema.validate import validate

WORKLOADS = frozenset({"Deployment", "DaemonSet", "ReplicaSet", "StatefulSet"})
_PLAIN = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?")
_SPECIAL = re.compile(r"(?i)(y|n|yes|no|true|false|on|off|null|~|[-+]?[0-9._]+(e[-+]?[0-9]+)?|0x[0-9a-f]+|0o?[0-7]+)")


def _scalar(text: str) -> str:
    """`text` as a YAML string: plain where that reads back as the same string, else quoted."""
    return text if _PLAIN.fullmatch(text) and not _SPECIAL.fullmatch(text) else json.dumps(text)


class _Cannot(Exception):
    """The object is written in a way the edits cannot follow (flow style, multi-line scalars)."""


def migration(obj, replacement: str, store) -> tuple[Edit, ...] | None:
    """Edits that make `obj` a valid `replacement` object, or None."""
    line, column = obj.value_position(("apiVersion",))
    edits = replace_scalar(obj.file, obj.doc.lines, line, column, obj.api_version, replacement)
    if not edits:
        return None
    body = copy.deepcopy(obj.body)
    body["apiVersion"] = replacement
    try:
        if obj.kind in WORKLOADS and replacement == "apps/v1":
            edits += _selector(obj, body)
        elif obj.kind == "Ingress" and replacement == "networking.k8s.io/v1":
            edits += _ingress(obj, body)
    except _Cannot:
        return None
    if validate(store, replacement, obj.kind, body):
        return None
    return edits


def _selector(obj, body) -> tuple[Edit, ...]:
    spec = body.get("spec")
    if not isinstance(spec, dict) or "selector" in spec:
        return ()
    labels = obj.get("spec", "template", "metadata", "labels")
    if not isinstance(labels, dict) or not labels or not all(isinstance(v, str) for v in labels.values()):
        raise _Cannot()
    spec["selector"] = {"matchLabels": dict(labels)}
    line, indent = _first_child(obj, ("spec",))
    pad = " " * indent
    text = f"{pad}selector:\n{pad}  matchLabels:\n" + "".join(
        f"{pad}    {_scalar(str(k))}: {_scalar(v)}\n" for k, v in labels.items()
    )
    return (Edit(obj.file, (line, 1), (line, 1), text),)


def _ingress(obj, body) -> tuple[Edit, ...]:
    spec = body.get("spec")
    if not isinstance(spec, dict):
        raise _Cannot()
    edits: list[Edit] = []
    if isinstance(spec.get("backend"), dict):
        edits += _backend(obj, ("spec", "backend"), spec["backend"])
        line, column = obj.key_position(("spec", "backend"))
        edits.append(Edit(obj.file, (line, column), (line, column + len("backend")), "defaultBackend"))
        spec["defaultBackend"] = spec.pop("backend")
    for i, rule in enumerate(spec.get("rules") or []):
        paths = rule.get("http", {}).get("paths") if isinstance(rule, dict) and isinstance(rule.get("http"), dict) else None
        for j, item in enumerate(paths or []):
            if not isinstance(item, dict) or not isinstance(item.get("backend"), dict):
                raise _Cannot()
            where = ("spec", "rules", i, "http", "paths", j)
            edits += _backend(obj, where + ("backend",), item["backend"])
            if "pathType" not in item:
                item["pathType"] = "ImplementationSpecific"
                line, column = obj.key_position(where + ("backend",))
                if not obj.doc.lines[line - 1][: column - 1].strip() == "":
                    raise _Cannot()  # `- backend:` on the item's line: the new key would need the dash
                edits.append(Edit(obj.file, (line, 1), (line, 1), " " * (column - 1) + "pathType: ImplementationSpecific\n"))
    return tuple(edits)


def _backend(obj, path: tuple, backend: dict) -> list[Edit]:
    if "serviceName" not in backend or "servicePort" not in backend:
        return []
    name, port = backend.pop("serviceName"), backend.pop("servicePort")
    if not isinstance(name, str) or not isinstance(port, (int, str)):
        raise _Cannot()
    number = isinstance(port, int) or (isinstance(port, str) and port.isdigit())
    backend["service"] = {"name": name, "port": {"number": int(port)} if number else {"name": port}}
    lines = obj.doc.lines
    name_line, name_column = obj.key_position(path + ("serviceName",))
    port_line, port_column = obj.key_position(path + ("servicePort",))
    if name_line == port_line or obj.value_position(path + ("serviceName",))[0] != name_line \
            or obj.value_position(path + ("servicePort",))[0] != port_line:
        raise _Cannot()
    for line, column in ((name_line, name_column), (port_line, port_column)):
        if lines[line - 1][: column - 1].strip():
            raise _Cannot()  # the key follows `- ` or another key on its line
    pad = " " * (name_column - 1)
    port_text = f"number: {int(port)}" if number else f"name: {_scalar(port)}"
    text = f"{pad}service:\n{pad}  name: {_scalar(name)}\n{pad}  port:\n{pad}    {port_text}\n"
    return [
        Edit(obj.file, (name_line, 1), (name_line + 1, 1), text),
        delete_lines(obj.file, lines, port_line, port_line),
    ]


def _first_child(obj, path: tuple) -> tuple[int, int]:
    """(line, indentation) of the first key of the block mapping at `path`."""
    value = obj.get(*path)
    if not isinstance(value, dict) or not value:
        raise _Cannot()
    line, column = min(obj.key_position(path + (key,)) for key in value)
    if line == obj.key_position(path)[0] or obj.doc.lines[line - 1][: column - 1].strip():
        raise _Cannot()  # flow style, or on the line of a `- `
    return line, column - 1
