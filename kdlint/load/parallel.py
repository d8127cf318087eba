"""Parse many files in worker processes, one file per task.

Documents travel back pickled once in the worker, in the builtin form of `freeze_all` (data,
position tables, problems), which the content cache keeps as it is; the parent rebuilds them with
their path. A handful of
files is parsed in process: starting workers would cost more than it saves.
"""

from __future__ import annotations


from kdlint.load.documents import Document, freeze_all, load_documents, thaw_all
from kdlint.load.lines import FileLines

PARALLEL_MIN_FILES = 64  # below this, worker start-up costs more than the parsing it spreads


def parse_all(items: list[tuple[str, str]], jobs: int, parsed=None, budget=None) -> list[tuple[list[Document], bytes | None]]:
    """(documents, their `freeze_all` form or None) of each (path, text), in order, in up to `jobs`
    processes; `parsed()` after each file. `budget` (a NodeBudget) bounds the nodes of the whole
    run in process; workers bound each file."""
    if jobs <= 1 or len(items) < PARALLEL_MIN_FILES:
        return [(_counted(load_documents(path, text, budget), parsed), None) for path, text in items]
    from concurrent.futures import ProcessPoolExecutor  # only when there is enough to spread

    texts = [text for _, text in items]
    chunk = max(1, len(texts) // (jobs * 16))
    with ProcessPoolExecutor(min(jobs, len(texts))) as pool:
        frozen = pool.map(_parse_frozen, texts, chunksize=chunk)
        return [(_counted(thaw_all(path, FileLines(text), blob), parsed), blob) for (path, text), blob in zip(items, frozen)]


def _parse_frozen(text: str) -> bytes:
    return freeze_all(load_documents("", text))


def _counted(documents: list[Document], parsed) -> list[Document]:
    if parsed is not None:
        parsed()
    return documents
