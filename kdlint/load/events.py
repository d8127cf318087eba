"""Parse events as plain tuples: what the builder reads of each, made cheaply.

ruamel.yaml's C parser turns each libyaml event into an instance of a class of
`ruamel.yaml.events`, through three nested `__init__` calls in Python: at scale that costs about
as much as libyaml's own parsing. The extension looks those classes up among its module's names
when it makes each event, so while kdlint parses, `fast_events()` puts functions there that make
one tuple per event (and share one tuple for the events that carry nothing the builder reads).
Events of another form (the pure-Python parser's; a C parser that no longer looks the names up)
are turned into the same tuples by `as_tuples`, so the builder reads one form whatever happens.
The names are the extension's, for the whole process: kdlint parses in one thread, and nothing
else of kdlint runs the C parser (a program that ran it in another thread meanwhile would get
tuples too).

Each event is `(kind, value, start mark, style, anchor, tag)`.
"""

from __future__ import annotations

SCALAR, MAPPING, SEQUENCE, END, ALIAS, STREAM_END, OTHER = range(7)

_END = (END, None, None, None, None, None)  # a mapping or a sequence closes
_STREAM_END = (STREAM_END, None, None, None, None, None)
_OTHER = (OTHER, None, None, None, None, None)  # stream and document starts and ends: nothing to build


def _scalar(anchor, tag, implicit, value, start_mark=None, end_mark=None, style=None, *rest):
    return (SCALAR, value, start_mark, style, anchor, tag)


def _mapping(anchor, tag, implicit, start_mark=None, *rest):
    return (MAPPING, None, start_mark, None, anchor, None)


def _sequence(anchor, tag, implicit, start_mark=None, *rest):
    return (SEQUENCE, None, start_mark, None, anchor, None)


def _alias(anchor, start_mark=None, *rest):
    return (ALIAS, None, start_mark, None, anchor, None)


def _end(*args):
    return _END


def _stream_end(*args):
    return _STREAM_END


def _other(*args):
    return _OTHER


_FACTORIES = {
    "ScalarEvent": _scalar, "MappingStartEvent": _mapping, "SequenceStartEvent": _sequence, "AliasEvent": _alias,
    "MappingEndEvent": _end, "SequenceEndEvent": _end, "StreamEndEvent": _stream_end,
    "StreamStartEvent": _other, "DocumentStartEvent": _other, "DocumentEndEvent": _other,
}


class fast_events:
    """While inside, ruamel.yaml's C parser makes the tuples of this module (when it is there)."""

    def __enter__(self):
        self.saved = {}
        try:
            import _ruamel_yaml as extension
        except ImportError:  # pragma: no cover - no C parser: nothing to speed up
            return self
        if getattr(extension, "ScalarEvent", None) is not _scalar:  # not already inside
            self.saved = {name: getattr(extension, name) for name in _FACTORIES if hasattr(extension, name)}
            for name in self.saved:
                setattr(extension, name, _FACTORIES[name])
        self.extension = extension
        return self

    def __exit__(self, *exc) -> None:
        for name, value in self.saved.items():
            setattr(self.extension, name, value)


def as_tuples(get_event, first=None):
    """A `get_event` of tuples from one of ruamel.yaml's event objects (`first`: one already taken)."""
    from ruamel.yaml import events as ev

    kinds = {ev.MappingStartEvent: MAPPING, ev.SequenceStartEvent: SEQUENCE, ev.AliasEvent: ALIAS}

    def convert(event):
        cls = type(event)
        if cls is ev.ScalarEvent:
            return (SCALAR, event.value, event.start_mark, event.style, event.anchor, event.tag)
        if cls in kinds:
            return (kinds[cls], None, event.start_mark, None, event.anchor, None)
        if cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
            return _END
        return _STREAM_END if cls is ev.StreamEndEvent else _OTHER

    pending = [] if first is None else [first]

    def get():
        return convert(pending.pop() if pending else get_event())

    return get


__all__ = ["ALIAS", "END", "MAPPING", "OTHER", "SCALAR", "SEQUENCE", "STREAM_END", "as_tuples", "fast_events"]
