"""One document's parse events -> plain dicts/lists plus a table of positions.

No node graph and no object construction from tags: values are str, int, float, bool, None,
dict and list. The work is bounded: nesting depth (measured after alias expansion) and the
number of nodes, aliases expanded, against a budget shared by the file and the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from sys import intern

from kdlint.load.events import ALIAS, END, MAPPING, SCALAR, SEQUENCE, STREAM_END
from kdlint.load.scalars import resolve_plain, resolve_tagged
from kdlint.load.positions import _BITS, _LIMIT, pack, unpack

MAX_DEPTH = 150
MAX_DUPLICATES = 1_000  # duplicate keys recorded per document
MAX_ALIAS_NODES = 100_000  # per document: nodes that aliases add (real manifests share a few small blocks)


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    line: int
    column: int
    first_line: int
    first_column: int


class NeedsPositions(Exception):
    """Raised by a Builder that does not record positions at a duplicate key: only positions tell it."""


class BuildError(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class _Frame:
    __slots__ = ("container", "path", "is_map", "pending_key", "key_line", "key_col", "size", "merges", "anchor", "height")

    def __init__(self, container, path, is_map, anchor):
        self.container = container
        self.path = path
        self.is_map = is_map
        self.pending_key = _NO_KEY
        self.key_line = self.key_col = 0  # where pending_key was written
        self.size = 1
        self.merges = None
        self.anchor = anchor
        self.height = 1  # nesting levels of this collection, aliases expanded


_NO_KEY = object()


class Builder:
    """Turns one document's events into plain data; positions are 1-based lines of the file."""

    def __init__(self, line_offset: int, limit: int, limit_message: str, record: bool = True):
        self.offset = line_offset
        self.limit = limit  # nodes, aliases expanded
        self.limit_message = limit_message
        # Without `record`, no positions: a duplicate key raises NeedsPositions, and a BuildError
        # tells no place (the caller builds again, recording, to tell where).
        self.record = record
        self.position = None  # mark -> (line, column), when marks' lines are not the file's
        self.reset()

    def reset(self) -> None:
        self.table: dict = {}
        self.anchors: dict = {}
        self.sizes: dict = {}
        self.heights: dict = {}
        self.duplicates: list[DuplicateKey] = []
        self.total = 0
        self.aliased = 0

    def build(self, get_event):
        """(data, position table or None when not recording, duplicate keys); `get_event`: the
        tuples of kdlint.load.events, one per parse event."""
        # One loop over the events, the common shapes inline (a key, a scalar value, a collection
        # opening or closing inside another): a function call per event costs more than the rest.
        stack: list[_Frame] = []
        frame = None  # stack[-1]
        root = None
        offset = self.offset
        first = offset + 1
        record = self.record
        table = self.table
        position = self.position
        limit = self.limit
        line = col = 0  # where the event is, when recording
        while True:
            kind, text, mark, style, anchor, tag = get_event()
            if record and mark is not None:
                line, col = (mark.line + first, mark.column + 1) if position is None else position(mark)
            if kind == SCALAR:
                if frame is not None and frame.is_map and frame.pending_key is _NO_KEY and not anchor:
                    # the common case first: a mapping key, kept as written
                    frame.pending_key = "<<" if text == "<<" and not style else intern(text)  # one copy of each key
                    if record:
                        frame.key_line, frame.key_col = line, col
                    continue
                if tag is None:
                    if style:
                        value = text
                    else:
                        try:
                            value = resolve_plain(text)
                        except ValueError:
                            raise _too_many_digits(text, line, col) from None
                else:
                    value = _scalar(tag, text, style, line, col)
                if anchor:
                    self.anchors[anchor] = value
                    self.sizes[anchor] = 1
                    self.heights[anchor] = 0
                if frame is None:
                    root = value
                    if record:
                        table[()] = pack(line, col, line, col)
                    continue
                container = frame.container
                if frame.is_map:
                    key = frame.pending_key
                    if key is _NO_KEY or key == "<<":
                        self._add(frame, value, line, col, 1, scalar_text=text, plain=not style)
                        continue
                    # the next most common case: a scalar value of a mapping
                    if record:
                        path = frame.path + (key,)
                        kline, kcol = frame.key_line, frame.key_col
                    if key in container:
                        self._note_duplicate(frame, key, path)
                    container[key] = value
                    frame.pending_key = _NO_KEY
                else:
                    if record:
                        path = frame.path + (len(container),)
                        kline, kcol = line, col
                    container.append(value)
                if not record:
                    pass
                elif kline < _LIMIT and kcol < _LIMIT and line < _LIMIT and col < _LIMIT:
                    table[path] = ((kline << _BITS | kcol) << _BITS | line) << _BITS | col  # pack(), inline
                else:
                    table[path] = pack(kline, kcol, line, col)
                frame.size += 1
                self.total += 1
                if self.total > limit:
                    if frame.is_map:
                        raise BuildError(line, col, self.limit_message)
                    raise self._too_large(frame)
            elif kind == END:
                done = stack.pop()
                if done.merges:  # explicit keys win, then earlier merge sources
                    for source in done.merges:
                        for key, value in source.items():
                            done.container.setdefault(key, value)
                if done.anchor:
                    self.anchors[done.anchor] = done.container
                    self.sizes[done.anchor] = done.size
                    self.heights[done.anchor] = done.height
                if not stack:
                    frame = None
                    continue
                frame = stack[-1]
                if done.height >= frame.height:
                    frame.height = done.height + 1
                key = frame.pending_key
                if key == "<<":
                    self._attach(frame, done.container, done.size)
                    continue
                frame.size += done.size
                self.total += 1
                if self.total > limit:
                    raise self._too_large(frame)
                if frame.is_map:
                    frame.container[key] = done.container
                    frame.pending_key = _NO_KEY
                else:
                    frame.container.append(done.container)
            elif kind == MAPPING or kind == SEQUENCE:
                is_map = kind == MAPPING
                container = {} if is_map else []
                path = None
                if frame is None:
                    root = container
                    if record:
                        path = ()
                        table[()] = pack(line, col, line, col)
                elif not frame.is_map:
                    if not record:
                        pass
                    elif line < _LIMIT and col < _LIMIT:
                        path = frame.path + (len(frame.container),)
                        table[path] = ((line << _BITS | col) << _BITS | line) << _BITS | col  # pack(), inline
                    else:
                        path = frame.path + (len(frame.container),)
                        table[path] = pack(line, col, line, col)
                else:
                    key = frame.pending_key
                    if key is _NO_KEY:
                        raise BuildError(line, col, "a mapping or sequence used as a mapping key is not supported")
                    if key == "<<":  # merge key: handled on close
                        if record:
                            path = frame.path + ("<<",)
                    else:
                        if record:
                            path = frame.path + (key,)
                        if key in frame.container:
                            self._note_duplicate(frame, key, path)
                        if record:
                            table[path] = pack(frame.key_line, frame.key_col, line, col)
                if len(stack) >= MAX_DEPTH:
                    raise BuildError(line, col, f"nesting is deeper than {MAX_DEPTH} levels")
                frame = _Frame(container, path, is_map, anchor)
                stack.append(frame)
            elif kind == ALIAS:
                if anchor not in self.anchors:
                    raise BuildError(line, col, f"found undefined alias '{anchor}'")
                value = self.anchors[anchor]
                height = self.heights[anchor]
                if len(stack) + height > MAX_DEPTH:
                    raise BuildError(line, col, f"nesting is deeper than {MAX_DEPTH} levels once aliases are expanded")
                self.total += self.sizes[anchor]
                self.aliased += self.sizes[anchor]
                if self.total > self.limit:
                    raise BuildError(line, col, self.limit_message)
                if self.aliased > MAX_ALIAS_NODES:
                    raise BuildError(line, col, f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes in this document (an alias bomb?)")
                if frame is None:
                    root = value
                    continue
                frame.height = max(frame.height, height + 1)
                self._add(frame, value, line, col, self.sizes[anchor], alias=True)
            elif kind == STREAM_END:
                if self.total > self.limit:
                    raise BuildError(*unpack(table.get((), (offset + 1, 1, 1, 1)))[:2], self.limit_message)
                return root, table if record else None, self.duplicates

    def _add(self, frame: _Frame, value, line, col, size, scalar_text=None, plain=False, alias=False):
        if frame.is_map and frame.pending_key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise BuildError(line, col, "a mapping or sequence used as a mapping key is not supported")
            if value == "<<" and plain and not alias:
                frame.pending_key = "<<"
            else:
                frame.pending_key = _key_text(value, scalar_text if not alias else None)
            frame.key_line, frame.key_col = line, col
            return
        if frame.is_map:
            key = frame.pending_key
            if key != "<<":
                path = frame.path + (key,) if self.record else None
                if key in frame.container:
                    self._note_duplicate(frame, key, path)
                if self.record:
                    self.table[path] = pack(frame.key_line, frame.key_col, line, col)
        elif self.record:
            path = frame.path + (len(frame.container),)
            self.table[path] = pack(line, col, line, col)
        self._attach(frame, value, size)

    def _attach(self, frame: _Frame, value, size):
        frame.size += size
        self.total += 1
        if self.total > self.limit:
            raise self._too_large(frame)
        if not frame.is_map:
            frame.container.append(value)
            return
        key = frame.pending_key
        frame.pending_key = _NO_KEY
        if key == "<<":
            sources = value if isinstance(value, list) else [value]
            frame.merges = (frame.merges or []) + [s for s in sources if isinstance(s, dict)]
            return
        frame.container[key] = value

    def _too_large(self, frame: _Frame) -> BuildError:
        """The node limit, reported where the collection being filled starts."""
        line, col = unpack(self.table.get(frame.path, (1, 1, 1, 1)))[:2] if self.record else (0, 0)
        return BuildError(line, col, self.limit_message)

    def _note_duplicate(self, frame: _Frame, key: str, path: tuple):
        """`key` is in the mapping already."""
        if not self.record:
            raise NeedsPositions
        if len(self.duplicates) >= MAX_DUPLICATES:
            return  # KD002 lists at most 100 per document anyway
        if path in self.table:
            first_line, first_col = unpack(self.table[path])[:2]
            self.duplicates.append(DuplicateKey(key, frame.key_line, frame.key_col, first_line, first_col))


def _too_many_digits(text: str, line: int, col: int) -> BuildError:
    digits = sum(c.isdigit() for c in text)
    return BuildError(
        line, col, f"a number of {digits:,} digits cannot be read (Kubernetes numbers fit in 64 bits); quote it if it is text"
    )


def _scalar(tag: str, text: str, style, line: int, col: int):
    try:
        if tag:
            return resolve_tagged(tag, text)
        return text if style else resolve_plain(text)
    except ValueError:  # an integer past Python's digit limit: no Kubernetes field holds one
        raise _too_many_digits(text, line, col) from None


def _key_text(value, raw: str | None) -> str:
    """Keys are strings as written (`80:` is the key "80"); Kubernetes needs string keys."""
    if raw is not None:
        return raw
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)
