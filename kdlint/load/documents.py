"""Split a file into YAML documents and build plain data with a position table.

Each document is parsed on its own, so a syntax error in one never hides the others; the
directives before a document (`%YAML`, `%TAG`) travel with it. The fast C parser reads each
document; where libyaml is stricter than the YAML spec and Kubernetes' parser (a `:` inside a
plain scalar of a flow collection), ruamel's pure-Python parser decides instead.
Positions are lines of the file as split on `\\n`, whatever line breaks YAML also counts.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from kdlint.load.builder import MAX_DEPTH, BuildError, Builder, DuplicateKey, NeedsPositions
from kdlint.load.events import as_tuples, fast_events
from kdlint.load.lines import FileLines
from kdlint.load.positions import PositionIndex
from kdlint.load.templates import template_line

try:  # the C parser; the pure-Python one is 15-30x slower
    from ruamel.yaml.cyaml import CParser as _CParser

    C_PARSER = True
except ImportError:  # pragma: no cover - depends on the installation
    C_PARSER = False

# The API server stores an object in at most 1.5 MiB (etcd's limit); the largest real manifests
# (CRDs) hold about 10,000 nodes. These caps bound the time a hostile input can take.
MAX_NODES = 250_000  # per document, counting every alias expansion
MAX_FILE_NODES = 2_000_000  # per file, all its documents
MAX_RUN_NODES = 20_000_000  # per run, all its files
MAX_DOCUMENTS = 10_000  # per file (a rendered chart of hundreds of objects is large)

_MARKER = re.compile(r"\n(?:---|\.\.\.)(?=\s|\Z)")  # a marker line, after the break that ends the line before
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")  # line breaks for YAML, not for positions

__all__ = ["C_PARSER", "c_parser_available", "freeze", "thaw", "MAX_DEPTH", "MAX_NODES", "Document", "DuplicateKey", "NodeBudget", "SyntaxProblem", "load_documents", "split_documents"]


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # 1-based, in the file
    column: int
    problem: str
    context: str | None = None
    context_line: int | None = None
    context_column: int | None = None


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
    template_line: int | None = None  # 1-based line of a Go/Helm template marker: not YAML yet, not parsed
    span: tuple[int, int] | None = None  # where a document that loaded starts and ends in its file's text

    @property
    def empty(self) -> bool:
        return self.error is None and self.body is None


def c_parser_available() -> bool:
    return C_PARSER


def freeze(doc: Document) -> tuple:
    """The document as builtin values only, without its path nor its position table (computed
    again from the file's text, if ever needed): what the cache and workers pass on."""
    error = None if doc.error is None else dataclasses.astuple(doc.error)
    duplicates = [dataclasses.astuple(d) for d in doc.duplicates]
    return (doc.index, doc.start_line, doc.end_line, doc.body, doc.span, error, duplicates, doc.blank, doc.template_line)


def thaw(path: str, lines: FileLines, frozen: tuple) -> Document:
    """The document `freeze` made `frozen` from, found in `path` (whose text `lines` splits)."""
    index, start, end, body, span, error, duplicates, blank, template = frozen
    if span is None:
        positions = PositionIndex({})
    else:
        begin, finish = span
        if type(begin) is not int or type(finish) is not int:
            raise ValueError("a frozen document's span is two offsets")
        positions = PositionIndex.of_text(lines.text, begin, finish, start - 1)
    return Document(
        path, index, start, end, body, positions, None if error is None else SyntaxProblem(*error),
        [DuplicateKey(*d) for d in duplicates] if duplicates else [], None, blank, lines, template, span,
    )


class NodeBudget:
    """Nodes (aliases expanded) the rest of a run may still build."""

    def __init__(self, limit: int = MAX_RUN_NODES):
        self.limit = limit
        self.left = limit
        self.message = f"the run has loaded more than {limit:,} nodes; this document is not loaded"


@functools.lru_cache(maxsize=8)
def _limit_message(scope: str, limit: int) -> str:
    if scope == "document":
        return f"the document has more than {limit:,} nodes (aliases expanded), far more than any Kubernetes object"
    return f"the file has more than {limit:,} nodes once aliases are expanded; this document is not loaded"


def split_documents(text: str) -> list[tuple[int, str]]:
    """(0-based start line, chunk text) for each part between document markers; a part that
    holds only directives and comments stays with the document it introduces."""
    chunks: list[tuple[int, str]] = []
    start_offset, start_line = 0, 0
    for match in _MARKER.finditer(text):  # a marker on the first line starts the first part
        marker = match.start() + 1
        if _only_directives(text, start_offset, marker):
            continue
        chunks.append((start_line, text[start_offset:marker]))
        start_line += text.count("\n", start_offset, marker)
        start_offset = marker
    chunks.append((start_line, text[start_offset:]))
    return chunks


def _only_directives(text: str, start: int, end: int) -> bool:
    if text[start] != "%" and text.find("\n%", start, end) == -1:
        return False
    lines = [line.strip() for line in text[start:end].split("\n")]
    return any(line.startswith("%") for line in lines) and all(
        not line or line.startswith(("%", "#")) for line in lines
    )


def load_documents(path: str, text: str, budget: NodeBudget | None = None) -> list[Document]:
    documents: list[Document] = []
    lines = FileLines(text)
    budget = budget or NodeBudget()
    with fast_events():
        _load_chunks(path, text, lines, documents, budget)
    if not documents:
        documents.append(Document(path, 0, 1, 1, blank=True, lines=lines))
    return documents


def _load_chunks(path: str, text: str, lines: FileLines, documents: list[Document], budget: NodeBudget) -> None:
    file_left = MAX_FILE_NODES
    end = 0
    for first_line, chunk in split_documents(text):
        start, end = end, end + len(chunk)
        if not _has_content(chunk):
            continue
        end_line = first_line + chunk.count("\n") + (0 if chunk.endswith("\n") else 1)
        doc = Document(path, len(documents), first_line + 1, end_line, lines=lines)
        documents.append(doc)
        if len(documents) > MAX_DOCUMENTS:
            doc.end_line = len(lines)
            doc.error = SyntaxProblem(first_line + 1, 1, f"the file holds more than {MAX_DOCUMENTS:,} documents; the rest is not loaded")
            break
        marker = template_line(chunk)
        if marker is not None:
            doc.template_line = first_line + marker
            continue
        limit, message = min(
            (MAX_NODES, _limit_message("document", MAX_NODES)),
            (file_left, _limit_message("file", MAX_FILE_NODES)),
            (budget.left, budget.message),
        )
        builder = Builder(first_line, max(limit, 0), message)
        try:
            doc.body, table, doc.duplicates = _parse(builder, chunk, first_line)
            doc.positions = PositionIndex(table) if table is not None else PositionIndex.of_text(text, start, end, first_line)
            doc.span = (start, end)
        except BuildError as exc:
            doc.error = SyntaxProblem(exc.line, exc.column, _one_line(exc.message))
        except YAMLError as exc:
            doc.error = _problem(exc, chunk, first_line)
        except RecursionError:  # pragma: no cover - the depth limit comes first
            doc.error = SyntaxProblem(first_line + 1, 1, f"nesting is deeper than {MAX_DEPTH} levels")
        file_left -= builder.total
        budget.left -= builder.total


def _parse(builder: Builder, chunk: str, first_line: int, positions: bool = False):
    """(data, position table or None, duplicate keys). The table is left for later (None) unless
    `positions`, or a duplicate key or a problem needs it to be told where."""
    if not positions:
        builder.record = False
        try:
            return _events_into(builder, chunk)
        except (NeedsPositions, BuildError):  # a duplicate key or a problem, to be told where
            builder.reset()
    builder.record = True
    builder.position = _Positions(chunk, first_line) if _OTHER_BREAKS.search(chunk) else None
    return _events_into(builder, chunk)


def _events_into(builder: Builder, chunk: str):
    """`builder` over the events of the C parser; of the pure-Python one where libyaml is stricter
    than YAML and Kubernetes."""
    if C_PARSER:
        try:
            get_event = _CParser(chunk).get_event
            first = get_event()  # the stream's start, of no use to the builder
            return builder.build(get_event if type(first) is tuple else as_tuples(get_event))
        except MarkedYAMLError as exc:
            if exc.problem != _LIBYAML_ONLY:
                raise
        except ReaderError:
            pass  # the pure-Python reader says the same, with the character's position
        builder.reset()
    from ruamel.yaml import YAML  # only for the few documents that need it

    return builder.build(as_tuples(iter(YAML(typ="safe", pure=True).parse(chunk)).__next__))


def position_table(text: str, start: int, end: int, first_line: int) -> dict:
    """The position table of the document that is `text[start:end]`, starting at 0-based line
    `first_line` of its file, as `load_documents` would have built it; {} if it does not load."""
    chunk = text[start:end]
    builder = Builder(first_line, MAX_NODES, "")
    try:
        with fast_events():
            return _parse(builder, chunk, first_line, positions=True)[1]
    except (BuildError, YAMLError, RecursionError):  # not the document it was (a tampered cache entry)
        return {}


# libyaml rejects `:` inside a plain scalar in a flow collection (`[nginx:1.27]`); YAML 1.2
# and Kubernetes' parser (go-yaml's scanner ends a plain scalar only at `: `) accept it.
_LIBYAML_ONLY = "found unexpected ':'"


class _Positions:
    """A mark's 1-based file position from its character index, for chunks with line breaks
    other than `\\n` (U+2028, U+0085, a lone CR), which parsers count as new lines."""

    def __init__(self, chunk: str, first_line: int):
        self.first_line = first_line
        self.newlines = [index for index, char in enumerate(chunk) if char == "\n"]

    def __call__(self, mark) -> tuple[int, int]:
        return self.at(mark.index)

    def at(self, index: int) -> tuple[int, int]:
        before = bisect.bisect_left(self.newlines, index)
        start = self.newlines[before - 1] + 1 if before else 0
        return self.first_line + before + 1, index - start + 1


def _has_content(chunk: str) -> bool:
    # the first lines nearly always tell; the last line of a prefix may be cut, so it does not count
    head = chunk[:_HEAD] if len(chunk) > _HEAD else None
    if head is not None and _has_content_line(head.splitlines()[:-1]):
        return True
    return _has_content_line(chunk.splitlines())


_HEAD = 512


def _has_content_line(lines: list[str]) -> bool:
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "%")) and stripped not in ("---", "..."):
            if not (stripped.startswith(("---", "...")) and stripped[3:].lstrip().startswith("#")):
                return True
    return False


def _problem(exc: YAMLError, chunk: str, offset: int) -> SyntaxProblem:
    position = _Positions(chunk, offset)
    if isinstance(exc, ReaderError):
        index = exc.position
        line, column = position.at(index) if isinstance(index, int) else (offset + 1, 1)
        return SyntaxProblem(line, column, _one_line(f"{exc.reason} (character #x{exc.character:04x})" if isinstance(exc.character, int) else exc.reason))
    if not isinstance(exc, MarkedYAMLError):  # pragma: no cover - unmarked errors are rare
        return SyntaxProblem(offset + 1, 1, _one_line(str(exc)))
    mark = exc.problem_mark or exc.context_mark
    line, column = position(mark) if mark is not None else (offset + 1, 1)
    context_line = context_column = None
    if exc.context_mark is not None:
        context_line, context_column = position(exc.context_mark)
    return SyntaxProblem(
        line=line,
        column=column,
        problem=_one_line(str(exc.problem or exc.context or "invalid YAML")),
        context=_one_line(str(exc.context)) if exc.context else None,
        context_line=context_line,
        context_column=context_column,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
