"""A file's lines, split from its text only when something reads them.

Most documents never need their lines: they serve to show or fix the place of a finding, to
diagnose a syntax error or to find a host inside a long value. Split eagerly, the lines of a
large run take more memory than its text (an object per line); split on first use, only the
files with something to report pay for them. The documents of one file share one instance.
"""

from __future__ import annotations

from collections.abc import Sequence


class FileLines(Sequence):
    """`text.split("\\n")`, computed once on first use."""

    __slots__ = ("_text", "_lines")

    def __init__(self, text: str):
        self._text = text
        self._lines: list[str] | None = None

    @property
    def text(self) -> str:
        return self._text

    @property
    def _split(self) -> list[str]:
        if self._lines is None:
            self._lines = self._text.split("\n")
        return self._lines

    def __getitem__(self, index):
        return self._split[index]

    def __len__(self) -> int:
        if self._lines is None:
            return self._text.count("\n") + 1
        return len(self._lines)

    def __iter__(self):
        return iter(self._split)

    def __eq__(self, other) -> bool:
        if isinstance(other, FileLines):
            return self._text == other._text
        return isinstance(other, list) and self._split == other

    __hash__ = None

    def __repr__(self) -> str:
        return f"FileLines({len(self)} lines)"


__all__ = ["FileLines"]
