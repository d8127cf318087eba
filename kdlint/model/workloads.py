"""Pod sources: every object that makes pods, with what those pods will look like.

A pod source is a bare Pod or the pod template of a controller (Deployment, StatefulSet,
CronJob, Argo Rollout, a kind configured in `pod-sources`, ...). The labels include those
controllers add to every pod, so a Service selecting `statefulset.kubernetes.io/pod-name:
web-0` or `pod-template-hash` is matched as Kubernetes would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, NamedTuple

from kdlint.findings import object_name
from kdlint.model.objects import K8sObject

CORE_GROUPS = frozenset({"", "apps", "extensions", "batch"})

# kind -> (path of the pod template, path of the workload's selector)
TEMPLATE_PATHS = {
    "Deployment": (("spec", "template"), ("spec", "selector")),
    "ReplicaSet": (("spec", "template"), ("spec", "selector")),
    "ReplicationController": (("spec", "template"), ("spec", "selector")),
    "StatefulSet": (("spec", "template"), ("spec", "selector")),
    "DaemonSet": (("spec", "template"), ("spec", "selector")),
    "Job": (("spec", "template"), ("spec", "selector")),
    "CronJob": (("spec", "jobTemplate", "spec", "template"), None),
    "Pod": ((), None),
}
ROLLOUT = ("argoproj.io", "Rollout")

# labels the controllers put on every pod whose value is only known at runtime
RUNTIME_LABELS = {
    "Deployment": ("pod-template-hash",),
    "StatefulSet": ("controller-revision-hash",),
    "DaemonSet": ("controller-revision-hash", "pod-template-generation"),
    "Job": ("controller-uid", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-completion-index"),
    "CronJob": (
        "job-name", "batch.kubernetes.io/job-name", "controller-uid",
        "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-completion-index",
    ),
    "Rollout": ("rollouts-pod-template-hash",),
}

_RUNTIME_KEYS = {controller: frozenset(keys) for controller, keys in RUNTIME_LABELS.items()}

STS_POD_NAME = "statefulset.kubernetes.io/pod-name"
STS_POD_INDEX = "apps.kubernetes.io/pod-index"
MAX_EXPANDED_ORDINALS = 1000  # beyond that, treat the ordinal labels as runtime values


@dataclass(frozen=True, init=False)
class PodLabels:
    """The labels pods of one source will carry.

    `fixed`: declared in the template (or set to a value known statically);
    `choices`: key -> the values different pods get (StatefulSet pod name per ordinal);
    `runtime`: keys whose value is decided at runtime (hashes, uids): a selector on them is
    neither a certain match nor a certain miss, so it counts as a match.
    """

    fixed: Mapping[str, str] = field(default_factory=dict)
    choices: Mapping[str, frozenset] = field(default_factory=dict)
    runtime: frozenset = frozenset()

    def __init__(self, fixed: Mapping[str, str] | None = None, choices: Mapping[str, frozenset] | None = None,
                 runtime: frozenset = frozenset()) -> None:
        # Made for every pod source: one update of the instance dict is cheaper than the frozen
        # dataclass's __init__, which sets each field through object.__setattr__.
        self.__dict__.update(fixed={} if fixed is None else fixed, choices={} if choices is None else choices, runtime=runtime)

    def has(self, key: str) -> bool:
        return key in self.fixed or key in self.choices or key in self.runtime

    def may_equal(self, key: str, value: str) -> bool:
        if key in self.fixed:
            return self.fixed[key] == value
        if key in self.choices:
            return value in self.choices[key]
        return key in self.runtime

    def shown(self, key: str) -> str | None:
        """How the value of `key` reads in a message, or None when absent."""
        if key in self.fixed:
            return self.fixed[key]
        if key in self.choices:
            values = sorted(self.choices[key], key=_natural)
            return values[0] if len(values) == 1 else f"{values[0]}..{values[-1]}"
        if key in self.runtime:
            return "<set at runtime>"
        return None


class ContainerPort(NamedTuple):
    name: str | None
    number: int | None
    protocol: str
    container: str
    sidecar: bool
    path: tuple  # inside the object


class PodSource:
    """One object that makes pods. Compared and hashed by identity. A plain class: every run that
    has a cluster rule imports it, and making a dataclass costs more than the whole class does."""

    __slots__ = ("obj", "template_path", "labels", "declared_labels", "labels_path", "replicas", "suspended",
                 "run_to_completion", "ports", "ports_known", "hostname", "subdomain", "selector_path")

    def __init__(self, obj: K8sObject, template_path: tuple | None, labels: PodLabels, declared_labels: dict,
                 labels_path: tuple, replicas: int | None, suspended: bool, run_to_completion: bool,
                 ports: tuple[ContainerPort, ...], ports_known: bool, hostname: str | None, subdomain: str | None,
                 selector_path: tuple | None) -> None:
        self.obj = obj
        self.template_path = template_path  # () for a Pod; None when only labels are known
        self.labels = labels
        self.declared_labels = declared_labels  # the template's own labels (what a workload selector is validated against)
        self.labels_path = labels_path
        self.replicas = replicas  # None: not fixed in the manifest (DaemonSet, templated value)
        self.suspended = suspended
        self.run_to_completion = run_to_completion
        self.ports = ports
        self.ports_known = ports_known  # False when the containers are not visible (custom resources)
        self.hostname = hostname
        self.subdomain = subdomain
        self.selector_path = selector_path  # the controller's spec.selector; None for bare Pods

    @property
    def kind(self) -> str:
        return self.obj.kind

    @property
    def spec_path(self) -> tuple:
        return (self.template_path or ()) + ("spec",)

    def label(self) -> str:
        return object_name(self.obj)


def pod_source(obj: K8sObject, custom: dict | None = None) -> PodSource | None:
    """The pod source an object is, or None. `custom`: (group, kind) or kind -> dotted path."""
    if obj.namespace is None:
        return None
    if obj.kind in TEMPLATE_PATHS and obj.group in CORE_GROUPS:
        template_path, selector_path = TEMPLATE_PATHS[obj.kind]
        return _from_template(obj, template_path, selector_path, obj.kind)
    if obj.kind == ROLLOUT[1] and obj.group == ROLLOUT[0]:
        return _from_template(obj, ("spec", "template"), ("spec", "selector"), "Rollout")
    path = _custom_path(obj, custom) if custom else None
    if path is None:
        return None
    value = obj.get(*path)
    if isinstance(value, dict) and ("spec" in value or "metadata" in value):
        return _from_template(obj, path, None, obj.kind)
    labels = {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
    return PodSource(
        obj, None, PodLabels(fixed=labels), labels, path, _replicas(obj.get("spec", "replicas")),
        obj.get("spec", "paused") is True, False, (), False, None, None, None,
    )


def custom_pod_sources(settings) -> dict:
    """settings.pod_sources as {(group, kind) or kind: path tuple}."""
    table = {}
    for key, dotted in getattr(settings, "pod_sources", ()) or ():
        group, _, kind = str(key).rpartition("/")
        path = tuple(part for part in str(dotted).split(".") if part)
        table[(group, kind) if group else kind] = path
    return table


def _custom_path(obj: K8sObject, custom: dict):
    return custom.get((obj.group, obj.kind)) or custom.get(obj.kind)


def _from_template(obj: K8sObject, template_path: tuple, selector_path, controller: str) -> PodSource:
    template = obj.get(*template_path) if template_path else obj.body
    template = template if isinstance(template, dict) else {}
    metadata = _mapping(template.get("metadata"))
    spec = _mapping(template.get("spec"))
    declared = {k if type(k) is str else str(k): v if type(v) is str else _text(v) for k, v in _mapping(metadata.get("labels")).items()}
    replicas, suspended, completes = _scale(obj, spec)
    return PodSource(
        obj=obj,
        template_path=template_path,
        labels=_controller_labels(obj, controller, declared, replicas),
        declared_labels=declared,
        labels_path=template_path + ("metadata", "labels"),
        replicas=replicas,
        suspended=suspended,
        run_to_completion=completes,
        ports=tuple(_ports(spec, template_path + ("spec",))),
        ports_known=True,
        hostname=_str(spec.get("hostname")),
        subdomain=_str(spec.get("subdomain")),
        selector_path=selector_path,
    )


def _scale(obj: K8sObject, spec: dict) -> tuple[int | None, bool, bool]:
    """(replicas, suspended, run to completion)."""
    kind = obj.kind
    if kind == "Pod":
        return 1, False, spec.get("restartPolicy") in ("Never", "OnFailure")
    if kind == "Job":
        return _replicas(obj.get("spec", "parallelism")), obj.get("spec", "suspend") is True, True
    if kind == "CronJob":
        return _replicas(obj.get("spec", "jobTemplate", "spec", "parallelism")), obj.get("spec", "suspend") is True, True
    if kind == "DaemonSet":
        return None, False, False
    return _replicas(obj.get("spec", "replicas")), False, False


def _replicas(value) -> int | None:
    if value is None:
        return 1  # the API default
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _controller_labels(obj: K8sObject, controller: str, declared: dict, replicas: int | None) -> PodLabels:
    runtime = _RUNTIME_KEYS.get(controller, frozenset()).difference(declared)
    fixed = dict(declared)
    choices = {}
    if controller == "Job":
        for key in ("job-name", "batch.kubernetes.io/job-name"):
            fixed.setdefault(key, obj.name)
    if controller == "StatefulSet":
        start = obj.get("spec", "ordinals", "start")
        start = start if isinstance(start, int) and not isinstance(start, bool) else 0
        # a StatefulSet scaled to zero still names its pods: KD303 reports the scale, not KD301
        count = max(replicas, 1) if replicas is not None else None
        if count is None or count > MAX_EXPANDED_ORDINALS:
            runtime |= {STS_POD_NAME, STS_POD_INDEX} - set(declared)
        else:
            ordinals = range(start, start + count)
            if STS_POD_NAME not in declared:
                choices[STS_POD_NAME] = frozenset(f"{obj.name}-{i}" for i in ordinals)
            if STS_POD_INDEX not in declared:
                choices[STS_POD_INDEX] = frozenset(str(i) for i in ordinals)
    return PodLabels(fixed=fixed, choices=choices, runtime=frozenset(runtime))


def _ports(spec: dict, spec_path: tuple):
    for field_name, sidecars_only in (("containers", False), ("initContainers", True)):
        containers = spec.get(field_name)
        if not isinstance(containers, list):
            continue
        for index, container in enumerate(containers):
            if not isinstance(container, dict):
                continue
            if sidecars_only and container.get("restartPolicy") != "Always":
                continue
            ports = container.get("ports")
            if not isinstance(ports, list):
                continue
            for port_index, port in enumerate(ports):
                if not isinstance(port, dict):
                    continue
                number = port.get("containerPort")
                yield ContainerPort(
                    name=_str(port.get("name")),
                    number=number if isinstance(number, int) and not isinstance(number, bool) else None,
                    protocol=_str(port.get("protocol")) or "TCP",
                    container=_str(container.get("name")) or f"#{index}",
                    sidecar=sidecars_only,
                    path=spec_path + (field_name, index, "ports", port_index),
                )


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _str(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _natural(text: str):
    head = text.rstrip("0123456789")
    tail = text[len(head):]
    return (head, int(tail) if tail else -1)
