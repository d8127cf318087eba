"""Service ports and how each one resolves on a pod source (the controller's `FindPort`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from kdlint.model.objects import K8sObject
from kdlint.model.workloads import ContainerPort, PodSource

RESOLVED = "resolved"  # a named targetPort found a container port with that name and protocol
UNRESOLVED = "unresolved"  # a named targetPort found nothing: no endpoint for this port
PROTOCOL_MISMATCH = "protocol-mismatch"  # the name exists, with another protocol: unresolved too
DECLARED = "declared"  # a numeric targetPort that a container declares
UNDECLARED = "undeclared"  # a numeric targetPort nobody declares (still routed)
UNKNOWN = "unknown"  # the source's containers are not visible (custom resource)


@dataclass(frozen=True)
class ServicePort:
    index: int
    name: str | None
    port: int | None
    target: int | str | None  # the effective targetPort (defaults to port)
    target_defaulted: bool
    protocol: str

    @property
    def path(self) -> tuple:
        return ("spec", "ports", self.index)

    @property
    def target_path(self) -> tuple:
        return self.path + (("port",) if self.target_defaulted else ("targetPort",))

    def label(self) -> str:
        """'port http (80)', 'port 80', or where a port without a number is written."""
        if self.port is None:
            return f"port {self.name}" if self.name else f"port spec.ports[{self.index}]"
        return f"port {self.name} ({self.port})" if self.name else f"port {self.port}"


class PortResolution(NamedTuple):
    service_port: ServicePort
    status: str
    container_port: ContainerPort | None = None

    @property
    def ok(self) -> bool:
        return self.status in (RESOLVED, DECLARED, UNDECLARED, UNKNOWN)

    def describe(self) -> str:
        target = self.service_port.target
        if self.container_port is not None and self.status in (RESOLVED, DECLARED):
            cp = self.container_port
            where = f"{'sidecar ' if cp.sidecar else ''}container {cp.container}"
            return f"{target} -> {where} port {cp.number if cp.number is not None else '?'}/{cp.protocol}"
        if self.status == UNDECLARED:
            return f"{target} (not declared by any container)"
        if self.status == UNKNOWN:
            return f"{target} (containers not visible)"
        if self.status == PROTOCOL_MISMATCH:
            cp = self.container_port
            return f"{target}/{self.service_port.protocol} unresolved: container {cp.container} names it with {cp.protocol}"
        return f"{target}/{self.service_port.protocol} unresolved: no container port named `{target}`"


def service_ports(service: K8sObject) -> list[ServicePort]:
    ports = service.get("spec", "ports")
    if not isinstance(ports, list):
        return []
    result = []
    for index, entry in enumerate(ports):
        if not isinstance(entry, dict):
            continue
        port = _number(entry.get("port"))
        raw_target = entry.get("targetPort")
        target = _number(raw_target) if _number(raw_target) is not None else _name(raw_target)
        result.append(
            ServicePort(
                index=index,
                name=_name(entry.get("name")),
                port=port,
                target=target if target is not None else port,
                target_defaulted=target is None,
                protocol=_name(entry.get("protocol")) or "TCP",
            )
        )
    return result


def resolve(port: ServicePort, source: PodSource) -> PortResolution:
    if not source.ports_known:
        return PortResolution(port, UNKNOWN)
    target = port.target
    if isinstance(target, str):
        same_name = [cp for cp in source.ports if cp.name == target]
        for cp in same_name:  # containers come before sidecars, as FindPort scans them
            if cp.protocol == port.protocol:
                return PortResolution(port, RESOLVED, cp)
        if same_name:
            return PortResolution(port, PROTOCOL_MISMATCH, same_name[0])
        return PortResolution(port, UNRESOLVED)
    if target is None:
        return PortResolution(port, UNKNOWN)
    for cp in source.ports:
        if cp.number == target and cp.protocol == port.protocol:
            return PortResolution(port, DECLARED, cp)
    return PortResolution(port, UNDECLARED)


def _number(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _name(value) -> str | None:
    return value if isinstance(value, str) and value else None
