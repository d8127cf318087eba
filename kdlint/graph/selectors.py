"""The one implementation of Kubernetes label-selector matching.

Two selector flavours exist in the API:

- a Service's `spec.selector` (and a ReplicationController's) is a plain map; nil and `{}`
  are indistinguishable on the wire and both mean "the controller manages no endpoints";
- a workload's `spec.selector` is a metav1.LabelSelector (matchLabels + matchExpressions);
  `{}` matches everything, nil matches nothing.

Pod labels are either a plain mapping, or a `kdlint.model.workloads.PodLabels` that also
knows the labels a controller adds at runtime (a hash: any value; a StatefulSet ordinal: one of
a few values).
"""

from __future__ import annotations

from typing import NamedTuple

from kdlint.model.workloads import PodLabels

IN, NOT_IN, EXISTS, DOES_NOT_EXIST = "In", "NotIn", "Exists", "DoesNotExist"
OPERATORS = (IN, NOT_IN, EXISTS, DOES_NOT_EXIST)


def as_pod_labels(labels) -> PodLabels:
    return labels if isinstance(labels, PodLabels) else PodLabels(fixed=dict(labels or {}))


class Requirement(NamedTuple):
    key: str
    operator: str
    values: tuple[str, ...] = ()

    def matches(self, labels: PodLabels) -> bool:
        if self.operator == IN:
            return any(labels.may_equal(self.key, v) for v in self.values)
        if self.operator == NOT_IN:
            # absent keys satisfy NotIn; a runtime or per-pod value may differ from the list
            if self.key in labels.fixed:
                return labels.fixed[self.key] not in self.values
            if self.key in labels.choices:
                return bool(labels.choices[self.key] - set(self.values))
            return True
        if self.operator == EXISTS:
            return labels.has(self.key)
        return not labels.has(self.key)

    def text(self) -> str:
        if self.operator == IN and len(self.values) == 1:
            return f"{self.key}: {self.values[0]}"
        if self.operator in (IN, NOT_IN):
            return f"{self.key} {self.operator} ({', '.join(self.values)})"
        return f"{self.key} {self.operator}" if self.operator == EXISTS else f"!{self.key}"


class Selector(NamedTuple):
    requirements: tuple[Requirement, ...]

    @property
    def selects_everything(self) -> bool:
        return not self.requirements

    def matches(self, labels) -> bool:
        labels = as_pod_labels(labels)
        return all(r.matches(labels) for r in self.requirements)

    def mismatches(self, labels) -> list[Requirement]:
        labels = as_pod_labels(labels)
        return [r for r in self.requirements if not r.matches(labels)]

    def equality_pairs(self) -> list[tuple[str, str]]:
        """(key, value) pairs every matching pod must carry: the index lookups."""
        return [(r.key, r.values[0]) for r in self.requirements if r.operator == IN and len(r.values) == 1]

    def text(self) -> str:
        return ", ".join(r.text() for r in self.requirements) or "{}"


def service_selector(value) -> Selector | None:
    """A Service's selector; None when the endpoints controller ignores the Service."""
    if not isinstance(value, dict) or not value:
        return None
    return Selector(tuple(Requirement(str(k), IN, (_label_value(v),)) for k, v in value.items()))


def label_selector(value) -> Selector | None:
    """A metav1.LabelSelector; None when absent or malformed (schema rules report that)."""
    if not isinstance(value, dict):
        return None
    requirements = []
    match_labels = value.get("matchLabels")
    if isinstance(match_labels, dict):
        requirements += [Requirement(str(k), IN, (_label_value(v),)) for k, v in match_labels.items()]
    elif match_labels is not None:
        return None
    expressions = value.get("matchExpressions")
    if expressions is None:
        expressions = []
    if not isinstance(expressions, list):
        return None
    for expression in expressions:
        if not isinstance(expression, dict) or expression.get("operator") not in OPERATORS:
            return None
        values = expression.get("values") or []
        if not isinstance(values, list):
            return None
        requirements.append(Requirement(str(expression.get("key")), expression["operator"], tuple(_label_value(v) for v in values)))
    return Selector(tuple(requirements))


def workload_selector(source) -> Selector | None:
    """The selector of a pod source's controller (None for bare Pods and malformed ones)."""
    if source.selector_path is None:
        return None
    value = source.obj.get(*source.selector_path)
    return service_selector(value) if source.kind == "ReplicationController" else label_selector(value)


def _label_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)

