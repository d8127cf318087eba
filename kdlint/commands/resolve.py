"""`kdlint resolve`: a static `nslookup` from a pod of a namespace, against the given manifests.

Each name the pod's resolver sends is printed in order, with what the cluster DNS reads into it
and what it hits in the input, then the answer. Names outside the cluster zone are marked as
sent upstream: kdlint cannot know the answer there and assumes there is none, as it is for
cluster-style names.
"""

from __future__ import annotations

from kdlint.dns.refs import Form, format_ref
from kdlint.dns.coredns import Kind, Outcome
from kdlint.dns.resolv_conf import GLIBC, MUSL, PodDNSContext
from kdlint.dns.hosts import extract_hosts
from kdlint.dns.resolver import resolve

OUTCOMES = {Outcome.ANSWER: "ANSWER", Outcome.NXDOMAIN: "NXDOMAIN", Outcome.NODATA: "NODATA", Outcome.UPSTREAM: "UPSTREAM"}


class NotAHostName(ValueError):
    """NAME is not one host name, `host:port` or URL."""


def split_address(text: str) -> tuple[str, int | None]:
    """(host, port) of a host name, `host:port` or URL, read as kdlint reads them in manifests."""
    refs = extract_hosts(text.strip(), context="host")
    if len(refs) != 1:
        raise NotAHostName(f"`{text}` is not a host name, host:port or URL")
    return refs[0].text, refs[0].port


def resolve_command(name: str, namespace: str | None, paths: list[str], settings, musl: bool = False,
                    exclude=(), format: str = "text") -> tuple[str, bool]:
    """(the trace in every cluster as text or JSON, whether the address resolves in all of them)."""
    import json

    from kdlint.commands import load_views

    namespace = namespace or settings.default_namespace
    host, port = split_address(name)
    views = load_views(paths, settings, exclude)
    traces = [resolve_in(view, host, namespace, MUSL if musl else GLIBC, port) for view in views]
    resolves = all(trace["resolves"] for trace in traces)
    if format == "json":
        return json.dumps({"resolves": resolves, "clusters": traces}, indent=2) + "\n", resolves
    return "\n".join(render_trace(trace, show_cluster=len(traces) > 1) for trace in traces), resolves


def resolve_in(view, name: str, namespace: str, libc: str = GLIBC, port: int | None = None) -> dict:
    """How a pod of `namespace` resolves `name` (and reaches `port`) in one cluster view: every
    name tried with its outcome, the answer, and whether it resolves (the JSON of `resolve`)."""
    dns = view.dns
    pod = PodDNSContext(namespace, cluster_domain=view.settings.cluster_domain)
    result = resolve(name, pod, dns.facts)
    resolution = result.for_libc(libc)
    conf = result.resolv_conf
    target = resolution.target if resolution.answer is not None else None
    trace = {
        "cluster": view.name,
        "name": name,
        "port": port,
        "namespace": namespace,
        "libc": libc,
        "search": list(conf.searches),
        "ndots": conf.ndots(libc),
        "steps": [
            {"name": step.candidate.name + ".", "outcome": OUTCOMES[step.outcome], "meaning": _meaning(view, step)}
            for step in resolution.steps
        ],
        "answer": _answer(view, name, namespace, resolution),
        "service": ({"namespace": target.namespace, "name": target.service}
                    if target is not None and target.service else None),
        "port_check": None,
        "resolves": resolution.answer is not None,
    }
    if trace["resolves"] and port is not None:
        trace["port_check"], trace["resolves"] = _port_check(view, target, port)
    return trace


def render_trace(trace: dict, show_cluster: bool = False) -> str:
    lines = [f"cluster {trace['cluster']}:"] if show_cluster else []
    shown_port = f" port {trace['port']}" if trace["port"] is not None else ""
    lines.append(
        f"resolving {trace['name']}{shown_port} from a pod in namespace {trace['namespace']} "
        f"({trace['libc']}; search {' '.join(trace['search'])}; ndots:{trace['ndots']})"
    )
    width = max((len(step["name"]) for step in trace["steps"]), default=0)
    for number, step in enumerate(trace["steps"], start=1):
        lines.append(f"{number:>3}. {step['name']:<{width}}  {step['outcome']:<8}  {step['meaning']}")
    lines.append(f"answer: {trace['answer']}")
    if trace["port_check"] is not None:
        lines.append(trace["port_check"])
    return "\n".join(lines) + "\n"


def _port_check(view, target, port: int) -> tuple[str, bool]:
    """Whether the Service the name resolved to serves `port`: (the line that says so, ok)."""
    service = view.service(target.namespace, target.service) if target.service else None
    if service is None or target.kind is not Kind.SERVICE:
        return f"port {port}: not checked (no Service of the input answers with its ports)", True
    spec = service.get("spec") if isinstance(service.get("spec"), dict) else {}
    if spec.get("type") == "ExternalName":
        return f"port {port}: not checked (an ExternalName Service is a CNAME; the port is the external host's)", True
    if spec.get("clusterIP") == "None":
        return f"port {port}: not checked (a headless Service answers with pod IPs; the port is the pods')", True
    ports = [p.port for p in view.ports_of(service) if p.port is not None]
    if port in ports:
        return f"port {port}: served by Service {target.namespace}/{target.service}", True
    served = ", ".join(str(p) for p in ports) or "none"
    return f"port {port}: Service {target.namespace}/{target.service} has no such port (its ports: {served})", False


def _meaning(view, step) -> str:
    c = step.classification
    if step.outcome is Outcome.UPSTREAM:
        return "outside the cluster zone: sent to the upstream DNS (no answer assumed)"
    if c.kind in (Kind.SERVICE, Kind.ENDPOINT, Kind.PORT):
        service = view.service(c.namespace, c.service)
        where = f" ({_place(service)})" if service is not None else ""
        if step.outcome is Outcome.ANSWER:
            return f"{c.describe()}{where}" if service is not None else f"{c.describe()} (exists in every cluster)"
        if service is None and c.kind is Kind.SERVICE:
            return f"{c.describe()}: not in the input"
        if service is None:
            return f"{c.describe()}: no Service {c.service} in namespace {c.namespace} in the input"
        if c.kind is Kind.ENDPOINT:
            return f"{c.describe()}: Service {c.service} has no endpoint with that hostname{where}"
        if c.kind is Kind.PORT:
            return f"{c.describe()}: Service {c.service} has no port of that name and protocol{where}"
        return f"{c.describe()}{where}"
    if c.kind is Kind.NAMESPACE:
        if step.outcome is Outcome.NODATA:
            return f"namespace {c.namespace} exists: no records of its own (musl stops searching here)"
        return f"namespace {c.namespace}: no such namespace in the input"
    return c.describe()


def _answer(view, name: str, namespace: str, resolution) -> str:
    if resolution.answer is not None:
        c = resolution.target
        service = view.service(c.namespace, c.service) if c.service else None
        shown = f"Service {c.namespace}/{c.service}" if c.service else c.describe()
        detail = f", {_service_summary(view, service)} ({_place(service)})" if service is not None else ""
        if resolution.verdict.value == "cluster-after-upstream":
            detail += "; only after the upstream DNS fails to answer the names before it"
        return f"{resolution.answer.candidate.name}. -> {shown}{detail}"
    if resolution.stopped_on_nodata:
        return "none: musl stops at the NODATA reply for an existing namespace; glibc would continue"
    short = name.rstrip(".").lower()
    elsewhere = [s for s in view.services_named(short) if s.namespace != namespace] if "." not in short else []
    hint = ""
    if elsewhere:
        target = elsewhere[0].namespace
        hint = f"; Service {short} exists in namespace {target}: use {format_ref(short, target, Form.SVC)}"
    return f"not resolvable in the cluster{hint}"


def _service_summary(view, service) -> str:
    spec = service.get("spec") if isinstance(service.get("spec"), dict) else {}
    kind = spec.get("type") or ("headless" if spec.get("clusterIP") == "None" else "ClusterIP")
    if kind == "ExternalName":
        return f"ExternalName to {spec.get('externalName')}"
    ports = ", ".join(str(p.port) for p in view.ports_of(service) if p.port is not None)
    return f"{kind}" + (f", ports {ports}" if ports else "")


def _place(obj) -> str:
    file, line, _ = obj.locate(("metadata", "name"))
    return f"{file}:{line}"
