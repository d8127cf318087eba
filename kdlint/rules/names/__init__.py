"""KD5xx: names that Kubernetes or DNS reject, and names that collide or shadow each other."""

from __future__ import annotations

from kdlint.dns.hosts import template_spans


def templated(value) -> bool:
    """A name still holding template text (`{{ .Release.Name }}-api`, `${NAME}`): not checkable yet."""
    return isinstance(value, str) and ("{" in value or "$" in value) and bool(template_spans(value))


def ident(obj) -> str:
    return f"{obj.kind}/{obj.namespace}/{obj.name}" if obj.namespace else f"{obj.kind}/{obj.name}"
