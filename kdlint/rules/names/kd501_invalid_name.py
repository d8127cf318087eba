"""KD501: names the API server rejects: Service, Namespace, port, label and hostname rules (docs/dns.md, Names Kubernetes accepts)."""

from functools import lru_cache

from kdlint.dns import names
from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.names import templated

META = RuleMeta("KD501", "invalid-name", "Name, port name or label that Kubernetes rejects", Severity.ERROR, Needs.CLUSTER, subjects="objects")

CONTAINER_FIELDS = ("initContainers", "containers", "ephemeralContainers")


def _cached(validator):
    """`validator`'s problems with a value, none for one still holding template text (not
    checkable yet); names repeat across a manifest set: each distinct one is validated once."""
    return lru_cache(maxsize=16384)(lambda value: () if templated(value) else tuple(validator(value)))


DNS1035 = _cached(names.dns1035_label)
DNS1123 = _cached(names.dns1123_label)
# a label key: None for a templated one, whose value is not checked either
LABEL_KEY = lru_cache(maxsize=16384)(lambda key: None if templated(key) else tuple(names.label_key(key)))
LABEL_VALUE = _cached(names.label_value)
PORT_NAME = _cached(names.port_name)


def check(obj, ctx):
    view = ctx.view
    source = view.source_of(obj)  # a cluster rule only to reuse the pod sources the graph already found
    metadata = obj.body.get("metadata")
    core_kind = obj.kind if obj.kind in ("Service", "Namespace") and obj.group == "" else None
    if isinstance(metadata, dict):
        if core_kind == "Service":
            yield from _name(obj, metadata, "name", DNS1035, "a Service name", "must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter, at most 63 characters")
        elif core_kind == "Namespace":
            yield from _name(obj, metadata, "name", DNS1123, "a namespace name", "must be a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters")
        if "namespace" in metadata and obj.namespace is not None:
            yield from _name(obj, metadata, "namespace", DNS1123, "a namespace name", "must be a DNS-1123 label")
        yield from _labels(obj, ("metadata", "labels"), metadata.get("labels"))
    if core_kind == "Service":
        yield from _service(obj, view)
    if source is not None and source.template_path is not None:
        if source.template_path:
            path = source.template_path + ("metadata", "labels")
            yield from _labels(obj, path, obj.get(*path))
        yield from _pod_spec(obj, source.spec_path)


def _name(obj, metadata, field_name, validator, what, rule) -> tuple:
    value = metadata.get(field_name)
    problems = validator(value) if isinstance(value, str) else None
    if not problems:
        return ()
    return (Violation(
        f"`{value}` is not a valid {what.split(' ', 1)[1]}, so the API server rejects the object; it "
        f"{'; it '.join(problems)}",
        subject=obj, path=("metadata", field_name), at_value=True, fix=f"rename it: a {what.split(' ', 1)[1]} {rule}",
    ),)


def _labels(obj, path, labels) -> list:
    found = []
    if not isinstance(labels, dict):
        return found
    for key, value in labels.items():
        key = str(key)
        problems = LABEL_KEY(key)
        if problems is None:
            continue  # a templated key: neither it nor its value can be checked yet
        if problems:
            found.append(Violation(f"label key `{key}` is invalid: {'; '.join(problems)}", subject=obj, path=path + (key,), fix="rename the label"))
        if isinstance(value, str):
            problems = LABEL_VALUE(value)
            if problems:
                found.append(Violation(
                    f"value of label `{key}` is invalid: it {'; it '.join(problems)}",
                    subject=obj, path=path + (key,), at_value=True,
                    fix="shorten or rewrite it: a label value has at most 63 letters, digits, '-', '_' or '.', "
                    "starting and ending with a letter or digit",
                ))
    return found


def _service(obj, view):
    spec = obj.body.get("spec")
    ports = spec.get("ports") if isinstance(spec, dict) else None
    if not isinstance(ports, list):
        return
    yield from _labels(obj, ("spec", "selector"), spec.get("selector"))
    seen_names, seen_pairs = {}, {}
    for port in view.ports_of(obj):
        raw = ports[port.index] if isinstance(ports[port.index], dict) else {}
        if port.name is None and len(ports) > 1 and not raw.get("name"):
            yield Violation(
                f"Service {port.label()} has no name, and a Service with more than one port must name every port",
                subject=obj, path=port.path, fix="add `name:` (e.g. `http`)",
            )
        if port.name is not None and not templated(port.name):
            problems = DNS1123(port.name)
            if problems:
                yield Violation(f"Service port name `{port.name}` is invalid: it {'; it '.join(problems)}", subject=obj, path=port.path + ("name",), at_value=True,
                                fix="use a DNS-1123 label such as `http`")
            if port.name in seen_names:
                yield Violation(f"Service port name `{port.name}` is used twice", subject=obj, path=port.path + ("name",), at_value=True,
                                fix="give each port its own name")
            seen_names[port.name] = port
        pair = (port.port, port.protocol)
        if port.port is not None and pair in seen_pairs:
            yield Violation(f"port {port.port}/{port.protocol} is declared twice in this Service", subject=obj, path=port.path + ("port",), at_value=True,
                            fix="remove the duplicate, or change its port or protocol")
        seen_pairs[pair] = port
        target = raw.get("targetPort")
        if isinstance(target, str) and not target.isdigit():
            problems = PORT_NAME(target)
            if problems:
                yield Violation(f"targetPort `{target}` is not a valid port name: it {'; it '.join(problems)}", subject=obj, path=port.path + ("targetPort",), at_value=True,
                                fix="use the container port's name (at most 15 characters, lower case) or its number")


def _pod_spec(obj, spec_path):
    spec = obj.get(*spec_path)
    if not isinstance(spec, dict):
        return
    for field_name in ("hostname", "subdomain"):
        value = spec.get(field_name)
        if isinstance(value, str) and value:
            problems = DNS1123(value)
            if problems:
                yield Violation(f"pod {field_name} `{value}` is invalid: it {'; it '.join(problems)}", subject=obj, path=spec_path + (field_name,), at_value=True,
                                fix="use a DNS-1123 label (lower case, no dots, at most 63 characters)")
    for field_name in CONTAINER_FIELDS:
        containers = spec.get(field_name)
        for c, container in enumerate(containers if isinstance(containers, list) else []):
            ports = container.get("ports") if isinstance(container, dict) else None
            for p, port in enumerate(ports if isinstance(ports, list) else []):
                name = port.get("name") if isinstance(port, dict) else None
                if isinstance(name, str):
                    problems = PORT_NAME(name)
                    if problems:
                        yield Violation(
                            f"container port name `{name}` is invalid: it {'; it '.join(problems)}",
                            fix="use at most 15 lower-case letters, digits and single '-', with at least one letter (e.g. `http-api`)",
                            subject=obj, path=spec_path + (field_name, c, "ports", p, "name"), at_value=True,
                        )
