"""KD5xx: names that Kubernetes or DNS reject, and names that collide or shadow each other."""

from __future__ import annotations


def templated(value) -> bool:
    """A name still holding template text (`{{ .Release.Name }}-api`, `${NAME}`): not checkable yet."""
    if not isinstance(value, str) or ("{" not in value and "$" not in value):
        return False
    from kdlint.dns.hosts import template_spans  # host extraction's module: only for names that may be templates

    return bool(template_spans(value))
