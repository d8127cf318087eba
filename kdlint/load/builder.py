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
    """Raised by `Builder.build_data` where only `build` can tell what happened (with positions)."""


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

    def __init__(self, line_offset: int, limit: int, limit_message: str):
        self.offset = line_offset
        self.limit = limit  # nodes, aliases expanded
        self.limit_message = limit_message
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
        """`get_event`: the tuples of kdlint.load.events, one per parse event."""
        # One loop over the events, the common shapes inline (a key, a scalar value, a collection
        # opening or closing inside another): a function call per event costs more than the rest.
        stack: list[_Frame] = []
        frame = None  # stack[-1]
        root = None
        offset = self.offset
        first = offset + 1
        table = self.table
        position = self.position
        limit = self.limit
        while True:
            kind, text, mark, style, anchor, tag = get_event()
            if kind == SCALAR:
                if position is None:
                    line, col = mark.line + first, mark.column + 1
                else:
                    line, col = position(mark)
                if frame is not None and frame.is_map and frame.pending_key is _NO_KEY and not anchor:
                    # the common case first: a mapping key, kept as written
                    frame.pending_key = "<<" if text == "<<" and not style else intern(text)  # one copy of each key
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
                    table[()] = pack(line, col, line, col)
                    continue
                if frame.is_map:
                    key = frame.pending_key
                    if key is _NO_KEY or key == "<<":
                        self._add(frame, value, line, col, 1, scalar_text=text, plain=not style)
                        continue
                    # the next most common case: a scalar value of a mapping
                    path = frame.path + (key,)
                    container = frame.container
                    if key in container:
                        self._note_duplicate(frame, key, path)
                    kline, kcol = frame.key_line, frame.key_col
                    container[key] = value
                    frame.pending_key = _NO_KEY
                else:
                    container = frame.container
                    path = frame.path + (len(container),)
                    kline, kcol = line, col
                    container.append(value)
                if kline < _LIMIT and kcol < _LIMIT and line < _LIMIT and col < _LIMIT:
                    table[path] = ((kline << _BITS | kcol) << _BITS | line) << _BITS | col  # pack(), inline
                else:
                    table[path] = pack(kline, kcol, line, col)
                frame.size += 1
                self.total += 1
                if self.total > limit:
                    if frame.is_map:
                        raise BuildError(line, col, self.limit_message)
                    line, col = unpack(table.get(frame.path, (1, 1, 1, 1)))[:2]
                    raise BuildError(line, col, self.limit_message)
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
                    line, col = unpack(table.get(frame.path, (1, 1, 1, 1)))[:2]
                    raise BuildError(line, col, self.limit_message)
                if frame.is_map:
                    frame.container[key] = done.container
                    frame.pending_key = _NO_KEY
                else:
                    frame.container.append(done.container)
            elif kind == MAPPING or kind == SEQUENCE:
                if position is None:
                    line, col = mark.line + first, mark.column + 1
                else:
                    line, col = position(mark)
                is_map = kind == MAPPING
                container = {} if is_map else []
                if frame is None:
                    path = ()
                    table[()] = pack(line, col, line, col)
                    root = container
                elif not frame.is_map:
                    path = frame.path + (len(frame.container),)
                    if line < _LIMIT and col < _LIMIT:
                        table[path] = ((line << _BITS | col) << _BITS | line) << _BITS | col  # pack(), inline
                    else:
                        table[path] = pack(line, col, line, col)
                else:
                    key = frame.pending_key
                    if key is _NO_KEY:
                        raise BuildError(line, col, "a mapping or sequence used as a mapping key is not supported")
                    if key == "<<":  # merge key: handled on close
                        path = frame.path + ("<<",)
                    else:
                        path = frame.path + (key,)
                        if key in frame.container:
                            self._note_duplicate(frame, key, path)
                        kline, kcol = frame.key_line, frame.key_col
                        if kline < _LIMIT and kcol < _LIMIT and line < _LIMIT and col < _LIMIT:
                            table[path] = ((kline << _BITS | kcol) << _BITS | line) << _BITS | col  # pack(), inline
                        else:
                            table[path] = pack(kline, kcol, line, col)
                if len(stack) >= MAX_DEPTH:
                    raise BuildError(line, col, f"nesting is deeper than {MAX_DEPTH} levels")
                frame = _Frame(container, path, is_map, anchor)
                stack.append(frame)
            elif kind == ALIAS:
                line, col = (mark.line + offset + 1, mark.column + 1) if position is None else position(mark)
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
                return root, table, self.duplicates

    def build_data(self, get_event):
        """`build` without positions: the data alone, or NeedsPositions when a duplicate key or an
        error needs them (then `build` decides, from the start)."""
        stack: list[_Frame] = []
        frame = None  # stack[-1]
        root = None
        limit = self.limit
        while True:
            kind, text, mark, style, anchor, tag = get_event()
            if kind == SCALAR:
                if frame is not None and frame.is_map and frame.pending_key is _NO_KEY and not anchor:
                    frame.pending_key = "<<" if text == "<<" and not style else intern(text)
                    continue
                if tag is None:
                    if style:
                        value = text
                    else:
                        try:
                            value = resolve_plain(text)
                        except ValueError:
                            raise NeedsPositions from None
                else:
                    try:
                        value = _scalar(tag, text, style, 0, 0)
                    except BuildError:
                        raise NeedsPositions from None
                if anchor:
                    self.anchors[anchor] = value
                    self.sizes[anchor] = 1
                    self.heights[anchor] = 0
                if frame is None:
                    root = value
                    continue
                if frame.is_map:
                    key = frame.pending_key
                    if key is _NO_KEY or key == "<<":
                        self._add_data(frame, value, 1, scalar_text=text, plain=not style)
                        continue
                    container = frame.container
                    if key in container:
                        raise NeedsPositions
                    container[key] = value
                    frame.pending_key = _NO_KEY
                else:
                    frame.container.append(value)
                frame.size += 1
                self.total += 1
                if self.total > limit:
                    raise NeedsPositions
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
                    self._add_data(frame, done.container, done.size, attach=True)
                    continue
                frame.size += done.size
                self.total += 1
                if self.total > limit:
                    raise NeedsPositions
                if frame.is_map:
                    frame.container[key] = done.container
                    frame.pending_key = _NO_KEY
                else:
                    frame.container.append(done.container)
            elif kind == MAPPING or kind == SEQUENCE:
                is_map = kind == MAPPING
                container = {} if is_map else []
                if frame is None:
                    root = container
                elif frame.is_map:
                    key = frame.pending_key
                    if key is _NO_KEY or key in frame.container or len(stack) >= MAX_DEPTH:
                        raise NeedsPositions
                elif len(stack) >= MAX_DEPTH:
                    raise NeedsPositions
                frame = _Frame(container, None, is_map, anchor)
                stack.append(frame)
            elif kind == ALIAS:
                if anchor not in self.anchors:
                    raise NeedsPositions
                value = self.anchors[anchor]
                height = self.heights[anchor]
                if len(stack) + height > MAX_DEPTH:
                    raise NeedsPositions
                self.total += self.sizes[anchor]
                self.aliased += self.sizes[anchor]
                if self.total > self.limit or self.aliased > MAX_ALIAS_NODES:
                    raise NeedsPositions
                if frame is None:
                    root = value
                    continue
                frame.height = max(frame.height, height + 1)
                self._add_data(frame, value, self.sizes[anchor], alias=True)
            elif kind == STREAM_END:
                if self.total > self.limit:
                    raise NeedsPositions
                return root

    def _add_data(self, frame: _Frame, value, size, scalar_text=None, plain=False, alias=False, attach=False):
        """`_add` (or `_attach`) without positions."""
        if not attach and frame.is_map and frame.pending_key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise NeedsPositions
            if value == "<<" and plain and not alias:
                frame.pending_key = "<<"
            else:
                frame.pending_key = _key_text(value, scalar_text if not alias else None)
            return
        if not attach and frame.is_map and frame.pending_key != "<<" and frame.pending_key in frame.container:
            raise NeedsPositions
        frame.size += size
        self.total += 1
        if self.total > self.limit:
            raise NeedsPositions
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
                path = frame.path + (key,)
                self._note_duplicate(frame, key, path)
                self.table[path] = pack(frame.key_line, frame.key_col, line, col)
        else:
            path = frame.path + (len(frame.container),)
            self.table[path] = pack(line, col, line, col)
        self._attach(frame, value, size)

    def _attach(self, frame: _Frame, value, size):
        frame.size += size
        self.total += 1
        if self.total > self.limit:
            line, col = unpack(self.table.get(frame.path, (1, 1, 1, 1)))[:2]
            raise BuildError(line, col, self.limit_message)
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

    def _note_duplicate(self, frame: _Frame, key: str, path: tuple):
        if len(self.duplicates) >= MAX_DUPLICATES:
            return  # KD002 lists at most 100 per document anyway
        if key in frame.container and path in self.table:
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
