"""KD507: an env var named like the variables the kubelet injects for a Service of the namespace."""

import re

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta(
    "KD507", "service-link-env-collision",
    "Env var named like a service-link variable the kubelet injects", Severity.INFO, Needs.CLUSTER, subjects="pod-sources")

CONTAINER_FIELDS = ("initContainers", "containers")
_LINK_SUFFIX = re.compile(r"_(?=SERVICE_|PORT)")


def check(source, ctx):
    view = ctx.view
    spec = source.obj.get(*source.spec_path) if source.template_path is not None else None
    if not isinstance(spec, dict) or spec.get("enableServiceLinks") is False:
        return
    prefixes = view.linked_services(source.obj.namespace)
    if not prefixes:
        return
    for field_name in CONTAINER_FIELDS:
        containers = spec.get(field_name)
        for c, container in enumerate(containers if isinstance(containers, list) else []):
            env = container.get("env") if isinstance(container, dict) else None
            for e, entry in enumerate(env if isinstance(env, list) else []):
                name = entry.get("name") if isinstance(entry, dict) else None
                found = _injected(view, prefixes, name) if isinstance(name, str) else None
                if found is None:
                    continue
                service, example = found
                yield Violation(
                    f"env {name} has the name of a variable the kubelet injects for Service {service.name} "
                    f"({name}={example}); the value here wins in this container, but the program reads {name}, "
                    "and wherever this entry is missing it gets the kubelet's value instead",
                    fix="set `enableServiceLinks: false` in the pod spec, or rename the variable",
                    subject=source.obj,
                    path=source.spec_path + (field_name, c, "env", e, "name"),
                    at_value=True,
                )


def _injected(view, prefixes: dict, name: str):
    """(Service, example value) when `name` is a variable the kubelet sets for a Service."""
    if "_SERVICE_" not in name and "_PORT" not in name:
        return None  # most names: no suffix of a service-link variable (_LINK_SUFFIX finds none)
    for match in _LINK_SUFFIX.finditer(name):
        service = prefixes.get(name[:match.start()])
        if service is None:
            continue
        ports = [p for p in view.ports_of(service) if p.port is not None]
        if not ports:
            continue
        example = _example(name[match.start() + 1:], ports)
        if example is not None:
            return service, example
    return None


def _example(suffix: str, ports) -> str | None:
    """What the kubelet sets `<PREFIX>_<suffix>` to, or None if it sets no such variable."""
    first = ports[0]
    if suffix == "SERVICE_HOST":
        return "<cluster IP>"
    if suffix == "SERVICE_PORT":
        return str(first.port)
    if suffix == "PORT":
        return f"{first.protocol.lower()}://<cluster IP>:{first.port}"
    for port in ports:
        base = f"PORT_{port.port}_{port.protocol.upper()}"
        named = f"SERVICE_PORT_{port.name.upper().replace('-', '_')}" if port.name else None
        if suffix == base:
            return f"{port.protocol.lower()}://<cluster IP>:{port.port}"
        if suffix in (base + "_PORT", named):
            return str(port.port)
        if suffix == base + "_PROTO":
            return port.protocol.lower()
        if suffix == base + "_ADDR":
            return "<cluster IP>"
    return None
