"""Which `#` on a line starts a real YAML comment, not text inside a scalar.

Suppression directives must come from comments only: `# kdlint: disable-file=...` inside a block
scalar (`run.sh: |`) or a quoted string is data. The accurate, pure-Python scanner gives every
scalar's span; a `#` outside all of them is a comment. It runs only on files that hold a
directive-like line, which are few.
"""

from __future__ import annotations

import bisect

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import ScalarToken


class CommentFinder:
    def __init__(self, text: str):
        from kdlint.load.documents import split_documents

        self._starts: list[tuple[int, int]] = []
        self._ends: list[tuple[int, int]] = []
        self._unknown: list[tuple[tuple[int, int], int]] = []  # (from, to line): after a scan error
        for first_line, chunk in split_documents(text):
            self._scan(first_line, chunk)

    def _scan(self, first_line: int, chunk: str) -> None:
        reached = (first_line, 0)
        try:
            for token in YAML(typ="safe", pure=True).scan(chunk):
                end = (token.end_mark.line + first_line, token.end_mark.column)
                if type(token) is ScalarToken:
                    self._starts.append((token.start_mark.line + first_line, token.start_mark.column))
                    self._ends.append(end)
                reached = end
        except (YAMLError, RecursionError):
            # what follows a scan error cannot be told apart: no comment is trusted there
            self._unknown.append((reached, first_line + chunk.count("\n")))

    def is_comment(self, line: int, column: int) -> bool:
        """Whether the `#` at 1-based (line, column) starts a comment."""
        where = (line - 1, column - 1)
        if any(start <= where and where[0] <= last for start, last in self._unknown):
            return False
        index = bisect.bisect_right(self._starts, where) - 1
        return index < 0 or where >= self._ends[index]
