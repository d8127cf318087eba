"""Validate Kubernetes object bodies against JSON schemas.

Each schema gets a :class:`CompiledSchema`: two validators built on first use,

* a ``jsonschema-rs`` validator (compiled Rust), used as a fast *screen*: most real objects are
  valid, and it says so ~60x faster than the pure-Python ``jsonschema`` package;
* a ``jsonschema`` validator (class chosen from the schema's ``$schema``, format checking off,
  no reference retrieval), the authority: it runs only for objects the screen rejects (or cannot
  take), and its ``ValidationError``\\ s are what :meth:`CompiledSchema.errors` returns.

``jsonschema`` is imported only when an object fails the screen, which keeps a clean run fast to
start.  One compiled pair is cached per (Kubernetes version, apiVersion, kind) for the bundled
schemas; schemas from CRDs and schema directories hold their own.

When ``jsonschema_rs`` is not installed every object goes through ``jsonschema``: same
results, slower.  See ``bench/bench_validate.py`` for numbers.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any

from kdlint.schema.store import SchemaStore

if TYPE_CHECKING:  # pragma: no cover
    import jsonschema

__all__ = ["CompiledSchema", "compiled_for_kind", "validator_for_kind", "validate", "error_sort_key"]

_MISSING = object()
_lock = threading.Lock()
_validators: dict[tuple[str, str, str], Any] = {}
_screens: dict[tuple[str, str, str], Any] = {}


def full_validator(schema: dict):
    """A ``jsonschema`` validator for ``schema``: no format checks, no reference is ever
    fetched (an unresolvable ``$ref`` fails instead of reaching the network), and ``pattern``
    evaluated by RE2 as the API server does (linear time, no catastrophic backtracking)."""
    from jsonschema.validators import validator_for
    from referencing import Registry

    return _with_re2(validator_for(schema))(schema, format_checker=None, registry=Registry())


_re2_classes: dict = {}


def _with_re2(cls):
    if cls not in _re2_classes:
        from jsonschema.validators import extend

        from kdlint.schema.patterns import pattern_keyword

        _re2_classes[cls] = extend(cls, {"pattern": pattern_keyword})
    return _re2_classes[cls]


@functools.cache
def _jsonschema_rs():
    """The Rust validator module, imported when the first schema is compiled; None when not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - depends on the installation
        return None
    return jsonschema_rs


def screen_validator(schema: dict):
    """A ``jsonschema_rs`` validator for ``schema``, or ``False`` when the screen is unavailable
    (not installed, or a schema the Rust side cannot compile). Its patterns run on the linear
    `regex` engine."""
    rust = _jsonschema_rs()
    if rust is None:
        return False
    try:
        return rust.validator_for(schema, validate_formats=False, offline=True, pattern_options=rust.RegexOptions())
    except Exception:  # pragma: no cover - a schema the Rust side cannot compile
        return False


def error_sort_key(error: "jsonschema.ValidationError") -> tuple:
    """Order errors by instance path (indexes before names at each level), then message."""
    return (
        tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path),
        error.message,
    )


class CompiledSchema:
    """One schema with its screen and its authoritative validator, each built on first use."""

    __slots__ = ("schema", "_screen", "_full", "_lock")

    def __init__(self, schema: dict, screen: Any = _MISSING):
        self.schema = schema
        self._screen = screen
        self._full = None
        self._lock = threading.Lock()

    def screen(self):
        if self._screen is _MISSING:
            with self._lock:
                if self._screen is _MISSING:
                    self._screen = screen_validator(self.schema)
        return self._screen

    def full(self):
        if self._full is None:
            with self._lock:
                if self._full is None:
                    self._full = full_validator(self.schema)
        return self._full

    def errors(self, body: Any) -> list:
        """Sorted ``jsonschema`` errors of ``body``; empty when it is valid."""
        screen = self.screen()
        if screen is not False:
            try:
                if screen.is_valid(body):
                    return []
            except Exception:  # data the Rust side cannot convert: let jsonschema decide
                pass
        return sorted(self.full().iter_errors(body), key=error_sort_key)


def validator_for_kind(store: SchemaStore, api_version: str, kind: str):
    """The cached ``jsonschema`` validator for (store.version, apiVersion, kind), or ``None``
    when this Kubernetes version has no schema for it."""
    return _cached(_validators, full_validator, store, api_version, kind)


def _screen_for(store: SchemaStore, api_version: str, kind: str):
    """The cached ``jsonschema_rs`` validator, ``None`` when there is no schema, or ``False``
    when the screen is unavailable for this schema."""
    return _cached(_screens, screen_validator, store, api_version, kind)


def _cached(cache: dict, build, store: SchemaStore, api_version: str, kind: str):
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return None
    key = (store.version, api_version, kind)
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        schema = store.schema_for(api_version, kind)
        found = None if schema is None else build(schema)
        with _lock:
            found = cache.setdefault(key, found)
    return found


def validate(store: SchemaStore, api_version: str, kind: str, body: Any) -> list["jsonschema.ValidationError"]:
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


_compiled: dict[tuple[str, str, str], CompiledSchema | None] = {}


def compiled_for_kind(store: SchemaStore, api_version: str, kind: str) -> CompiledSchema | None:
    """The cached :class:`CompiledSchema` of a bundled kind, or ``None`` when this Kubernetes
    version has no schema for it (it shares the screen with :func:`validate`)."""
    key = (store.version, api_version, kind)
    compiled = _compiled.get(key, _MISSING)
    if compiled is _MISSING:
        screen = _screen_for(store, api_version, kind)
        compiled = None if screen is None else CompiledSchema(store.schema_for(api_version, kind), screen)
        with _lock:
            compiled = _compiled.setdefault(key, compiled)
    return compiled
