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

    An index made `from_bytes` (the cache, worker processes) reads its table on first use: most
    objects get no finding, and their positions are then never needed.
    """

    __slots__ = ("_rows", "_stored")

    def __init__(self, table: dict):
        self._rows = table
        self._stored: bytes | None = None

    @classmethod
    def from_bytes(cls, stored: bytes) -> PositionIndex:
        index = cls.__new__(cls)
        index._rows, index._stored = None, stored
        return index

    def to_bytes(self) -> bytes:
        """The table as builtin values only, pickled: what `from_bytes` reads back."""
        if self._stored is None:
            import pickle

            self._stored = pickle.dumps(self._rows, protocol=pickle.HIGHEST_PROTOCOL)
        return self._stored

    @property
    def _table(self) -> dict:
        if self._rows is None:
            try:
                self._rows = _builtins_only(self._stored)
            except Exception:  # noqa: BLE001 - a tampered entry: positions fall back to the document start
                self._rows = {}
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
        """The table itself: builtin values only, as the content cache stores it."""
        return self._table

    def paths(self):
        return self._table.keys()


def _builtins_only(stored: bytes) -> dict:
    """The table `to_bytes` stored; a class named in it is refused."""
    from kdlint.load.builtin_pickle import loads

    table = loads(stored)
    if not isinstance(table, dict):
        raise ValueError("not a position table")
    return table
