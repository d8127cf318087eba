"""Split a file into YAML documents and build plain data with a position table.

Each document is parsed on its own, so a syntax error in one never hides the
others. Data is built from the C parser's events (no node graph, no object
construction from tags), with a side table of positions for every path.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

from kdlint.load.positions import PositionIndex, pack, unpack
from kdlint.load.scalars import resolve_plain, resolve_tagged

MAX_DEPTH = 150
MAX_NODES = 2_000_000  # per document, counting every alias expansion

_MARKER = re.compile(r"^(---|\.\.\.)(?=\s|$)", re.M)


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # 1-based, in the file
    column: int
    problem: str
    context: str | None = None
    context_line: int | None = None
    context_column: int | None = None


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    line: int
    column: int
    first_line: int
    first_column: int


@dataclass
class Document:
    path: str
    index: int  # 0-based position among the file's documents
    start_line: int  # 1-based line of the document's first line (its marker, if any)
    end_line: int
    body: object = None
    positions: PositionIndex = field(default_factory=lambda: PositionIndex({}))
    error: SyntaxProblem | None = None
    duplicates: list[DuplicateKey] = field(default_factory=list)
    root: str | None = None  # the command-line path the file was found under
    blank: bool = False  # stands for a file that holds no document at all
    lines: list = field(default_factory=list, repr=False)  # the whole file's lines, shared

    @property
    def empty(self) -> bool:
        return self.error is None and self.body is None


def freeze(doc: Document) -> tuple:
    """The document as builtin values only, without its path: what the cache and workers pass on."""
    error = None if doc.error is None else dataclasses.astuple(doc.error)
    duplicates = [dataclasses.astuple(d) for d in doc.duplicates]
    return (doc.index, doc.start_line, doc.end_line, doc.body, doc.positions.table, error, duplicates, doc.blank)


def thaw(path: str, lines: list, frozen: tuple) -> Document:
    """The document `freeze` made `frozen` from, found in `path` (whose text is `lines`)."""
    index, start, end, body, table, error, duplicates, blank = frozen
    return Document(
        path, index, start, end, body=body, positions=PositionIndex(table),
        error=None if error is None else SyntaxProblem(*error),
        duplicates=[DuplicateKey(*d) for d in duplicates], blank=blank, lines=lines,
    )


def split_documents(text: str) -> list[tuple[int, str]]:
    """(0-based start line, chunk text) for each part between document markers."""
    chunks: list[tuple[int, str]] = []
    start_offset, start_line = 0, 0
    for match in _MARKER.finditer(text):
        if match.start() == 0:
            continue
        chunks.append((start_line, text[start_offset:match.start()]))
        start_line += text.count("\n", start_offset, match.start())
        start_offset = match.start()
    chunks.append((start_line, text[start_offset:]))
    return chunks


def c_parser_available() -> bool:
    """Whether ruamel.yaml's C parser is installed (without importing ruamel.yaml)."""
    import importlib.util

    return importlib.util.find_spec("_ruamel_yaml") is not None


def load_documents(path: str, text: str) -> list[Document]:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError  # the parser only when a file is parsed

    documents: list[Document] = []
    lines = text.split("\n")
    for first_line, chunk in split_documents(text):
        if not _has_content(chunk):
            continue
        end_line = first_line + chunk.count("\n") + (0 if chunk.endswith("\n") else 1)
        doc = Document(path, len(documents), first_line + 1, end_line, lines=lines)
        try:
            doc.body, table, doc.duplicates = _Builder(first_line).build(chunk)
            doc.positions = PositionIndex(table)
        except MarkedYAMLError as exc:
            doc.error = _problem(exc, first_line)
        except _BuildError as exc:
            doc.error = SyntaxProblem(exc.line, exc.column, exc.message)
        except YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            doc.error = SyntaxProblem(first_line + 1, 1, str(exc))
        documents.append(doc)
    if not documents:
        documents.append(Document(path, 0, 1, 1, blank=True, lines=lines))
    return documents


def _has_content(chunk: str) -> bool:
    for line in chunk.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            if not (stripped.startswith(("---", "...")) and stripped[3:].lstrip().startswith("#")):
                return True
    return False


def _problem(exc, offset: int) -> SyntaxProblem:
    mark = exc.problem_mark or exc.context_mark
    context_line = exc.context_mark.line + offset + 1 if exc.context_mark else None
    return SyntaxProblem(
        line=(mark.line + offset + 1) if mark else offset + 1,
        column=(mark.column + 1) if mark else 1,
        problem=str(exc.problem or exc.context or "invalid YAML"),
        context=str(exc.context) if exc.context else None,
        context_line=context_line,
        context_column=exc.context_mark.column + 1 if exc.context_mark else None,
    )


class _BuildError(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@functools.cache
def _parser_class():
    try:  # the C parser; the pure-Python one is 15-30x slower
        from ruamel.yaml.cyaml import CParser

        return CParser
    except ImportError:  # pragma: no cover - depends on the installation
        from ruamel.yaml.parser import Parser
        from ruamel.yaml.reader import Reader
        from ruamel.yaml.scanner import Scanner

        class PurePythonParser(Reader, Scanner, Parser):
            def __init__(self, stream):
                Reader.__init__(self, stream, loader=self)
                Scanner.__init__(self, loader=self)
                Parser.__init__(self, loader=self)

        return PurePythonParser


class _Frame:
    __slots__ = ("container", "path", "is_map", "pending_key", "key_pos", "size", "merges", "anchor")

    def __init__(self, container, path, is_map, anchor):
        self.container = container
        self.path = path
        self.is_map = is_map
        self.pending_key = _NO_KEY
        self.key_pos = None
        self.size = 1
        self.merges = None
        self.anchor = anchor


_NO_KEY = object()


class _Builder:
    """Turns one document's events into plain dicts/lists plus a position table."""

    def __init__(self, line_offset: int):
        self.offset = line_offset
        self.table: dict = {}
        self.anchors: dict = {}
        self.sizes: dict = {}
        self.duplicates: list[DuplicateKey] = []
        self.total = 0

    def build(self, chunk: str):
        stack: list[_Frame] = []
        root = None
        offset = self.offset
        table = self.table
        from ruamel.yaml import events as ev

        get_event = _parser_class()(chunk).get_event
        while True:
            event = get_event()
            cls = type(event)
            if cls is ev.ScalarEvent:
                mark = event.start_mark
                line, col = mark.line + offset + 1, mark.column + 1
                frame = stack[-1] if stack else None
                anchor = event.anchor
                if frame is not None and frame.is_map and frame.pending_key is _NO_KEY and not anchor:
                    # the common case first: a mapping key, kept as written
                    text = event.value
                    frame.pending_key = "<<" if text == "<<" and not event.style else text
                    frame.key_pos = (line, col)
                    continue
                tag = event.tag
                if tag:
                    value = resolve_tagged(str(tag), event.value)
                elif event.style:
                    value = event.value
                else:
                    value = resolve_plain(event.value)
                if anchor:
                    self.anchors[anchor] = value
                    self.sizes[anchor] = 1
                if frame is None:
                    root = value
                    table[()] = pack(line, col, line, col)
                    continue
                key = frame.pending_key
                if frame.is_map and key is not _NO_KEY and key != "<<":
                    # the next most common case: a scalar value of a mapping
                    path = frame.path + (key,)
                    container = frame.container
                    if key in container:
                        self._note_duplicate(frame, key, path)
                    table[path] = pack(*frame.key_pos, line, col)
                    container[key] = value
                    frame.pending_key = _NO_KEY
                    frame.size += 1
                    self.total += 1
                    continue
                self._add(frame, value, line, col, 1, scalar_text=event.value, plain=not event.style)
            elif cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
                mark = event.start_mark
                line, col = mark.line + offset + 1, mark.column + 1
                is_map = cls is ev.MappingStartEvent
                container = {} if is_map else []
                if not stack:
                    path = ()
                    table[()] = pack(line, col, line, col)
                    root = container
                else:
                    parent = stack[-1]
                    path = self._child_path(parent, line, col)
                    if path is None:  # merge key or complex key: handled on close
                        path = parent.path + ("<<",)
                if len(stack) >= MAX_DEPTH:
                    raise _BuildError(line, col, f"nesting is deeper than {MAX_DEPTH} levels")
                stack.append(_Frame(container, path, is_map, event.anchor))
            elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
                frame = stack.pop()
                if frame.merges:  # explicit keys win, then earlier merge sources
                    for source in frame.merges:
                        for key, value in source.items():
                            frame.container.setdefault(key, value)
                if frame.anchor:
                    self.anchors[frame.anchor] = frame.container
                    self.sizes[frame.anchor] = frame.size
                if stack:
                    self._attach(stack[-1], frame.container, frame.size)
            elif cls is ev.AliasEvent:
                mark = event.start_mark
                line, col = mark.line + offset + 1, mark.column + 1
                if event.anchor not in self.anchors:
                    raise _BuildError(line, col, f"found undefined alias '{event.anchor}'")
                value = self.anchors[event.anchor]
                size = self.sizes[event.anchor]
                self.total += size
                if self.total > MAX_NODES:
                    raise _BuildError(
                        line, col, f"aliases expand to more than {MAX_NODES:,} nodes (an alias bomb?)"
                    )
                if not stack:
                    root = value
                    continue
                self._add(stack[-1], value, line, col, size, alias=True)
            elif cls is ev.StreamEndEvent:
                return root, table, self.duplicates

    def _child_path(self, parent: _Frame, line: int, col: int):
        """Path of a collection that starts inside `parent`; records its position."""
        if parent.is_map:
            key = parent.pending_key
            if key is _NO_KEY:
                raise _BuildError(line, col, "a mapping or sequence used as a mapping key is not supported")
            if key == "<<":
                return None
            path = parent.path + (key,)
            self._note_duplicate(parent, key, path)
            kline, kcol = parent.key_pos
            self.table[path] = pack(kline, kcol, line, col)
            return path
        path = parent.path + (len(parent.container),)
        self.table[path] = pack(line, col, line, col)
        return path

    def _add(self, frame: _Frame, value, line, col, size, scalar_text=None, plain=False, alias=False):
        if frame.is_map and frame.pending_key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise _BuildError(line, col, "a mapping or sequence used as a mapping key is not supported")
            if value == "<<" and plain and not alias:
                frame.pending_key = "<<"
            else:
                frame.pending_key = _key_text(value, scalar_text if not alias else None)
            frame.key_pos = (line, col)
            return
        if frame.is_map:
            key = frame.pending_key
            if key != "<<":
                path = frame.path + (key,)
                self._note_duplicate(frame, key, path)
                kline, kcol = frame.key_pos
                self.table[path] = pack(kline, kcol, line, col)
        else:
            path = frame.path + (len(frame.container),)
            self.table[path] = pack(line, col, line, col)
        self._attach(frame, value, size)

    def _attach(self, frame: _Frame, value, size):
        frame.size += size
        self.total += 1
        if self.total > MAX_NODES:
            line, col = unpack(self.table.get(frame.path, (1, 1, 1, 1)))[:2]
            raise _BuildError(line, col, f"the document has more than {MAX_NODES:,} nodes")
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
        if key in frame.container and path in self.table:
            first_line, first_col = unpack(self.table[path])[:2]
            kline, kcol = frame.key_pos
            self.duplicates.append(DuplicateKey(key, kline, kcol, first_line, first_col))


def _key_text(value, raw: str | None) -> str:
    """Keys are strings as written (`80:` is the key "80"); Kubernetes needs string keys."""
    if raw is not None:
        return raw
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)
