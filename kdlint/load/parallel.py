"""Parse many files in this process and in worker processes, in batches of files.

The workers take batches from the start of the list, this process takes them from the end until
the two meet: no core waits while there is work, and only the workers' share travels between
processes. Documents travel back in the builtin form of `freeze` (data and problems; positions are
computed from the text here if ever needed), as the content cache stores them, and are rebuilt
with their path here. A handful of files is parsed in process: starting workers would cost more
than it saves.
"""

from __future__ import annotations


from kdlint.load.documents import Document, freeze, load_documents, thaw
from kdlint.load.lines import FileLines

PARALLEL_MIN_FILES = 64  # below this, worker start-up costs more than the parsing it spreads
BATCHES_PER_PROCESS = 48  # more batches share the work more evenly (the last one to wait for is short); fewer cost less to send
MIN_BATCH_FILES = 8


def parse_all(items: list[tuple[str, str]], jobs: int, parsed=None, budget=None) -> list[list[Document]]:
    """The documents of each (path, text), in order, in up to `jobs` processes; `parsed()` after each file.
    `budget` (a NodeBudget) bounds the nodes of the whole run in process; in parallel, each file is bounded."""
    if jobs <= 1 or len(items) < PARALLEL_MIN_FILES:
        return [_counted(load_documents(path, text, budget), parsed) for path, text in items]
    from concurrent.futures import ProcessPoolExecutor  # only when there is enough to spread

    size = max(MIN_BATCH_FILES, len(items) // (jobs * BATCHES_PER_PROCESS))
    batches = [items[start:start + size] for start in range(0, len(items), size)]
    done: list = [None] * len(batches)
    with ProcessPoolExecutor(min(jobs - 1, len(batches))) as pool:
        futures = [pool.submit(_parse_frozen, [text for _, text in batch]) for batch in batches]
        for number in reversed(range(len(batches))):
            if not futures[number].cancel():  # a worker has it, and every batch before it
                break
            done[number] = [_counted(load_documents(path, text), parsed) for path, text in batches[number]]
        for number, batch in enumerate(batches):
            if done[number] is None:
                done[number] = [
                    _counted([thaw(path, lines, part) for part in parts], parsed)
                    for (path, text), parts in zip(batch, futures[number].result())
                    for lines in (FileLines(text),)
                ]
    return [documents for batch in done for documents in batch]


def _parse_frozen(texts: list[str]) -> list[list[tuple]]:
    return [[freeze(doc) for doc in load_documents("", text)] for text in texts]


def _counted(documents: list[Document], parsed) -> list[Document]:
    if parsed is not None:
        parsed()
    return documents
