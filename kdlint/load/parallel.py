"""Parse many files in worker processes, one file per task.

Documents travel back in the compact builtin form of `freeze` (data, position table, problems),
as the content cache stores them, and are rebuilt with their path in the parent. A handful of
files is parsed in process: starting workers would cost more than it saves.
"""

from __future__ import annotations


from kdlint.load.documents import Document, freeze, load_documents, thaw
from kdlint.load.lines import FileLines

PARALLEL_MIN_FILES = 64  # below this, worker start-up costs more than the parsing it spreads


def parse_all(items: list[tuple[str, str]], jobs: int, parsed=None, budget=None) -> list[list[Document]]:
    """The documents of each (path, text), in order, in up to `jobs` processes; `parsed()` after each file.
    `budget` (a NodeBudget) bounds the nodes of the whole run in process; workers bound each file."""
    if jobs <= 1 or len(items) < PARALLEL_MIN_FILES:
        return [_counted(load_documents(path, text, budget), parsed) for path, text in items]
    from concurrent.futures import ProcessPoolExecutor  # only when there is enough to spread

    texts = [text for _, text in items]
    chunk = max(1, len(texts) // (jobs * 16))
    with ProcessPoolExecutor(min(jobs, len(texts))) as pool:
        frozen = pool.map(_parse_frozen, texts, chunksize=chunk)
        return [
            _counted([thaw(path, lines, part) for part in parts], parsed)
            for (path, text), parts in zip(items, frozen)
            for lines in (FileLines(text),)
        ]


def _parse_frozen(text: str) -> list[tuple]:
    return [freeze(doc) for doc in load_documents("", text)]


def _counted(documents: list[Document], parsed) -> list[Document]:
    if parsed is not None:
        parsed()
    return documents
