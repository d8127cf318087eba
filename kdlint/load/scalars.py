"""Plain-scalar typing as Kubernetes' YAML decoder (YAML 1.1) sees it.

ruamel.yaml's YAML 1.1 resolver decides the type; the conversion keeps what
Kubernetes does with it: timestamps, sexagesimal numbers and the `=` value
tag stay strings instead of failing or becoming Python objects.
"""

from __future__ import annotations

import functools

_PLAIN = (True, False)
_TAG = "tag:yaml.org,2002:"


@functools.cache
def _resolver():
    from ruamel.yaml.nodes import ScalarNode  # with the parser, only when a file is parsed
    from ruamel.yaml.resolver import VersionedResolver

    resolver = VersionedResolver(version=(1, 1))
    table = resolver.versioned_resolver  # first character -> the implicit types a scalar can have
    typed_starts = None if None in table else frozenset(key for key in table if key)
    return resolver, ScalarNode, typed_starts


@functools.lru_cache(maxsize=65536)
def resolve_plain(text: str):
    resolver, scalar_node, typed_starts = _resolver()
    if text and typed_starts is not None and text[0] not in typed_starts:
        return text  # no implicit type starts so: a string, as the resolver would say
    tag = str(resolver.resolve(scalar_node, text, _PLAIN))
    kind = tag[len(_TAG):] if tag.startswith(_TAG) else "str"
    if kind == "null":
        return None
    if kind == "bool":
        return text.lower() in ("yes", "true", "on", "y")
    if kind == "int" and ":" not in text:
        return _to_int(text)
    if kind == "float" and ":" not in text:
        return _to_float(text)
    return text


def _to_int(text: str):
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if digits.startswith(("0x", "0X")):
        return sign * int(digits[2:], 16)
    if digits.startswith(("0b", "0B")):
        return sign * int(digits[2:], 2)
    if len(digits) > 1 and digits.startswith("0"):
        return sign * int(digits, 8)
    return sign * int(digits)


def _to_float(text: str):
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)


def resolve_tagged(tag: str, text: str):
    """A scalar with an explicit tag: only the core tags change its type."""
    if tag in (f"{_TAG}str", "!"):  # "!" is the non-specific tag of a quoted scalar
        return text
    if tag in (f"{_TAG}int", f"{_TAG}float", f"{_TAG}bool", f"{_TAG}null"):
        value = resolve_plain(text)
        return value
    return text
