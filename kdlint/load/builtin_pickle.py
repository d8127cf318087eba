"""Reading pickles that may hold builtin values only (the content cache, position tables): a
class named in one is refused, so a corrupt or tampered entry never constructs an object."""

from __future__ import annotations

import io
import pickle


class BuiltinsOnly(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"a kdlint pickle may not name {module}.{name}")


def loads(data: bytes):
    return BuiltinsOnly(io.BytesIO(data)).load()
