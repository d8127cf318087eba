"""Validate Kubernetes object bodies against the bundled schemas.

Two validators are cached per (Kubernetes version, apiVersion, kind):

* a ``jsonschema-rs`` validator (compiled Rust), used as a fast *screen*: most real objects are
  valid, and it says so ~60x faster than the pure-Python ``jsonschema`` package;
* a ``jsonschema`` validator (class chosen from the schema's ``$schema`` with
  ``jsonschema.validators.validator_for``, format checking off), the authority: it runs only for
  objects the screen rejects (or cannot take), and its ``ValidationError``\\ s are what
  :func:`validate` returns.

When ``jsonschema_rs`` is not installed every object goes through ``jsonschema``: same
results, slower.  See ``bench/bench_validate.py`` for numbers.
"""

from __future__ import annotations

import threading
from typing import Any

import jsonschema
from jsonschema.validators import validator_for

from kdlint.schema.store import SchemaStore

try:
    import jsonschema_rs as _rs
except ImportError:  # pragma: no cover - depends on the installation
    _rs = None

__all__ = ["validator_for_kind", "validate", "error_sort_key", "FAST_SCREEN"]

FAST_SCREEN = _rs is not None

_MISSING = object()
_lock = threading.Lock()
_validators: dict[tuple[str, str, str], Any] = {}
_screens: dict[tuple[str, str, str], Any] = {}


def validator_for_kind(store: SchemaStore, api_version: str, kind: str):
    """The cached ``jsonschema`` validator for (store.version, apiVersion, kind), or ``None``
    when this Kubernetes version has no schema for it."""
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return None
    key = (store.version, api_version, kind)
    validator = _validators.get(key, _MISSING)
    if validator is _MISSING:
        schema = store.schema_for(api_version, kind)
        if schema is None:
            validator = None
        else:
            validator = validator_for(schema)(schema, format_checker=None)
        with _lock:
            validator = _validators.setdefault(key, validator)
    return validator


def _screen_for(store: SchemaStore, api_version: str, kind: str):
    """The cached ``jsonschema_rs`` validator, ``None`` when there is no schema, or ``False``
    when the screen is unavailable for this schema."""
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return None
    key = (store.version, api_version, kind)
    screen = _screens.get(key, _MISSING)
    if screen is _MISSING:
        schema = store.schema_for(api_version, kind)
        if schema is None:
            screen = None
        elif _rs is None:
            screen = False
        else:
            try:
                screen = _rs.validator_for(schema, validate_formats=False, offline=True)
            except Exception:  # pragma: no cover - a schema the Rust side cannot compile
                screen = False
        with _lock:
            screen = _screens.setdefault(key, screen)
    return screen


def error_sort_key(error: jsonschema.ValidationError) -> tuple:
    """Order errors by instance path (indexes before names at each level), then message."""
    return (
        tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path),
        error.message,
    )


def validate(store: SchemaStore, api_version: str, kind: str, body: Any) -> list[jsonschema.ValidationError]:
    """Schema errors of ``body`` (plain JSON-like data: dict, list, str, int, float, bool, None)
    as (apiVersion, kind) in the store's Kubernetes version, sorted by path.

    Empty when the body is valid, or when the store has no schema for (apiVersion, kind).
    """
    screen = _screen_for(store, api_version, kind)
    if screen is None:
        return []
    if screen is not False:
        try:
            if screen.is_valid(body):
                return []
        except Exception:  # data the Rust side cannot convert: let jsonschema decide
            pass
    validator = validator_for_kind(store, api_version, kind)
    return sorted(validator.iter_errors(body), key=error_sort_key)
