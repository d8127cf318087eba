"""A content cache of parsed documents: a rerun over unchanged files skips YAML parsing.

An entry holds what the loader made of one file's text (data, positions, syntax problems),
keyed by a hash of that text and of the loader itself (kdlint's version and the loader's code),
never by the file's path, so entries hold no path at all and a CI cache can restore them anywhere.
Entries are plain builtin values, pickled and read back by an unpickler that refuses every class:
a corrupt, foreign or tampered entry is ignored (and rewritten), never executed. Writes go to a
temporary file renamed into place, so concurrent runs never see half an entry. When the folder
outgrows its bound, the least recently written entries go.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from kdlint import __version__
from kdlint.load.documents import Document, freeze, thaw

DIRECTORY_NAME = ".kdlint_cache"
MAX_BYTES = 512 * 1024 * 1024
FORMAT = 1  # the shape of an entry; part of the key
_LOADER_MODULES = ("documents.py", "scalars.py", "positions.py")
_README = "Parsed manifests cached by kdlint, to make its next run faster. Safe to delete (`kdlint cache clean`).\n"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by kdlint.\n"


def default_directory(config_source: str | None) -> Path:
    """`.kdlint_cache` beside the config file (the project root), else in the working directory."""
    root = Path(config_source).parent if config_source else Path.cwd()
    return root / DIRECTORY_NAME


def clean(directory: Path) -> bool:
    """Remove the cache folder; False when there was none."""
    if not (directory / "CACHEDIR.TAG").is_file():
        return False  # not a folder kdlint made: never remove someone else's files
    shutil.rmtree(directory)
    return True


class _BuiltinsOnly(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"a cache entry may not name {module}.{name}")


class DocumentCache:
    def __init__(self, directory: Path, max_bytes: int = MAX_BYTES):
        self.root = Path(directory)
        self.max_bytes = max_bytes
        self.salt = _loader_fingerprint()
        self.hits = self.misses = 0

    def documents(self, path: str, text: str) -> list[Document] | None:
        """The documents of `text` as the loader would make them for `path`, or None."""
        key, entry = self._entry(text)
        try:
            with open(entry, "rb") as stream:
                stored = _BuiltinsOnly(stream).load()
            found_key, parts = stored
            if found_key != key:
                raise ValueError("an entry of other content")
            lines = text.split("\n")
            documents = [thaw(path, lines, part) for part in parts]
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # noqa: BLE001 - a corrupt or foreign entry: parse again and rewrite it
            self.misses += 1
            return None
        self.hits += 1
        return documents

    def store(self, text: str, documents: list[Document]) -> None:
        key, entry = self._entry(text)
        data = pickle.dumps((key, [freeze(doc) for doc in documents]), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            self._mark()
            handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, entry)
        except OSError:
            return  # a read-only or full disk only costs the speed-up

    def prune(self) -> None:
        """Drop the oldest entries while the folder holds more than its bound."""
        entries = []
        for folder in (self.root.iterdir() if self.root.is_dir() else ()):
            if folder.is_dir():
                with os.scandir(folder) as found:
                    entries.extend((e.stat().st_mtime, e.stat().st_size, e.path) for e in found if e.is_file())
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                os.remove(path)
            except OSError:
                pass
            total -= size

    def _entry(self, text: str) -> tuple[str, Path]:
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20, key=self.salt).hexdigest()
        return digest, self.root / digest[:2] / digest[2:]

    def _mark(self) -> None:
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            (self.root / ".gitignore").write_text("*\n", encoding="utf-8")
            (self.root / "README").write_text(_README, encoding="utf-8")
            tag.write_text(_CACHEDIR_TAG, encoding="utf-8")


def _loader_fingerprint() -> bytes:
    digest = hashlib.blake2b(f"{__version__}/{FORMAT}".encode(), digest_size=32)
    folder = Path(__file__).parent / "load"
    for name in _LOADER_MODULES:
        digest.update((folder / name).read_bytes())
    return digest.digest()[:32]


__all__ = ["DocumentCache", "DIRECTORY_NAME", "default_directory", "clean"]
