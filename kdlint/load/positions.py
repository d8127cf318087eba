"""Where each value of a document sits in its file."""

from __future__ import annotations

Path = tuple  # a data path: mapping keys (str) and sequence indices (int)

_BITS = 15
_LIMIT = 1 << _BITS
_MASK = _LIMIT - 1


def pack(key_line: int, key_column: int, line: int, column: int):
    """The four numbers as one small int when each is below 32768 (nearly always): a fraction of
    the memory of a tuple of them. Larger numbers stay a tuple."""
    if (key_line | key_column | line | column) < _LIMIT:
        return ((key_line << _BITS | key_column) << _BITS | line) << _BITS | column
    return (key_line, key_column, line, column)


def unpack(packed) -> tuple[int, int, int, int]:
    if type(packed) is tuple:
        return packed
    return packed >> 3 * _BITS, packed >> 2 * _BITS & _MASK, packed >> _BITS & _MASK, packed & _MASK


class PositionIndex:
    """Data path -> (key line, key column, value line, value column), all 1-based (`pack`ed).

    For sequence items and the document root the key position is the value
    position. A path that is absent maps to its nearest recorded ancestor.

    An index made `of_text` builds its table from the document's text on first use: most
    documents get no finding, and their positions are then never needed (nor built, sent
    between processes or cached).
    """

    __slots__ = ("_rows", "_source")

    def __init__(self, table: dict):
        self._rows = table
        self._source = None

    @classmethod
    def of_text(cls, text: str, start: int, end: int, first_line: int) -> PositionIndex:
        """The positions of the document that is `text[start:end]`, from 0-based line `first_line`."""
        index = cls.__new__(cls)
        index._rows, index._source = None, (text, start, end, first_line)
        return index

    @property
    def _table(self) -> dict:
        if self._rows is None:
            from kdlint.load.documents import position_table

            self._rows = position_table(*self._source)
            self._source = None
        return self._rows

    def __contains__(self, path) -> bool:
        return tuple(path) in self._table

    def _nearest(self, path) -> tuple[tuple, tuple[int, int, int, int]]:
        path = tuple(path)
        while path not in self._table and path:
            path = path[:-1]
        return path, unpack(self._table.get(path, (1, 1, 1, 1)))

    def key(self, path) -> tuple[int, int]:
        """Position of the key that names `path` (or of its nearest ancestor)."""
        _, (line, column, _, _) = self._nearest(path)
        return line, column

    def value(self, path) -> tuple[int, int]:
        """Position of the value at `path`; for a missing path, its nearest ancestor's key."""
        found, (kline, kcol, vline, vcol) = self._nearest(path)
        if found != tuple(path):
            return kline, kcol
        return vline, vcol

    @property
    def table(self) -> dict:
        """The table itself: builtin values only."""
        return self._table

    def paths(self):
        return self._table.keys()
