"""The content cache: a rerun over unchanged files skips YAML parsing and the per-object rules.

Entries hold what the loader made of one file's text (data and syntax problems; positions are
computed again from the text when a finding needs them), and what
the object rules found in the objects of an unchanged file. They are keyed by hashes of the content
and of kdlint itself (its version; in a source checkout also the state of its code), never by a
file's path: entries hold
no path at all, so a CI cache action can restore them anywhere. Entries are builtin values only,
pickled and read back by an unpickler that refuses every class: a corrupt, foreign or tampered
entry is ignored (and rewritten), never executed. Entries live in 256 shard files (by key), each
read at most once and written at most once per run. Writes go to a temporary file renamed into
place, so concurrent runs never see half a shard (one may lose the other's new entries: they are
computed again). A run reads whole shards, so dead entries would slow every run: a shard written
by another kdlint is dropped whole when next written, and entries no run has used for
`KEEP_DAYS` (old versions of edited files) go when their shard is next written. When the folder
still outgrows its bound, the least recently written shards go.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from typing import TYPE_CHECKING

try:  # hashlib's own BLAKE2 (hashlib.blake2b is this), without hashlib loading OpenSSL: 3 ms of a small run
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from kdlint import __version__
from kdlint.load.builtin_pickle import BuiltinsOnly
from kdlint.resources import schemas_root

if TYPE_CHECKING:
    from kdlint.load.documents import Document

DIRECTORY_NAME = ".kdlint_cache"
MAX_BYTES = 512 * 1024 * 1024
KEEP_DAYS = 14  # an entry unused for this long goes when its shard is next written
SHARD_SUFFIX = ".kdc"  # 256 shard files, by the first two hex digits of a key
FORMAT = 4  # the shape of entries; part of every key
_README = "Parsed manifests and findings cached by kdlint, to make its next run faster. Safe to delete (`kdlint cache clean`).\n"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by kdlint.\n"


def default_directory(config_source: str | None) -> Path:
    """`.kdlint_cache` beside the config file (the project root), else in the working directory."""
    root = Path(config_source).parent if config_source else Path.cwd()
    return root / DIRECTORY_NAME


def clean(directory: Path) -> bool:
    """Remove the cache folder; False when there was none."""
    if not (directory / "CACHEDIR.TAG").is_file():
        return False  # not a folder kdlint made: never remove someone else's files
    import shutil

    shutil.rmtree(directory)
    return True


class ContentCache:
    def __init__(self, directory: Path, max_bytes: int = MAX_BYTES):
        self.root = Path(directory)
        self.max_bytes = max_bytes
        self.salt = code_fingerprint()
        self.hits = self.misses = self.written = 0
        self._digests: dict[str, str] = {}  # path -> digest of its text, this run
        self._text_digests: dict[str, str] = {}  # text -> its digest, this run
        self._shards: dict[str, dict] = {}  # key prefix -> {key: (day last used, value)}, as read this run
        self._used: set[str] = set()  # keys read this run
        self._today = int(time.time() // 86400)
        self._pending: dict[str, dict] = {}  # key prefix -> entries to write
        self._usable: bool | None = None  # whether the folder is a kdlint cache, once known

    # -- parsed documents, by content ------------------------------------------------------
    def documents(self, path: str, text: str) -> list[Document] | None:
        """The documents of `text` as the loader would make them for `path`, or None."""
        parts = self.read(self._digest(path, text))
        if parts is None:
            return None
        from kdlint.load.documents import thaw  # the YAML machinery, only when documents are needed
        from kdlint.load.lines import FileLines

        try:
            lines = FileLines(text)
            return [thaw(path, lines, part) for part in parts]
        except Exception:  # noqa: BLE001 - an entry of another shape: parse again and rewrite it
            return None

    def store(self, path: str, text: str, documents: list[Document]) -> None:
        from kdlint.load.documents import freeze

        self.write(self._digest(path, text), [freeze(doc) for doc in documents])

    def digest(self, path: str) -> str | None:
        """The digest of the text `path` had in this run (once its documents were looked up)."""
        return self._digests.get(path)

    # -- any builtin value, by key ---------------------------------------------------------
    def key(self, *parts) -> str:
        """A key for builtin `parts`, tied to this kdlint."""
        return blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=20, key=self.salt).hexdigest()

    def read(self, key: str):
        entry = self._shard(key[:2]).get(key)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return entry[1]

    def write(self, key: str, value) -> None:
        """Kept until `flush`, which writes each changed shard once."""
        self._pending.setdefault(key[:2], {})[key] = value

    def flush(self) -> None:
        """Write the shards that gained entries, then drop the oldest shards beyond the bound."""
        if not self._pending or not self._owned():
            return
        for name, fresh in self._pending.items():
            kept = self._shards[name] = self._kept(name, fresh)  # what a later flush of this run starts from
            data = pickle.dumps({"salt": self.salt.hex(), "entries": kept}, protocol=pickle.HIGHEST_PROTOCOL)
            shard = self.root / f"{name}{SHARD_SUFFIX}"
            temporary = shard.with_name(f".tmp-{os.getpid()}-{shard.name}")  # no other process writes this name
            try:
                temporary.write_bytes(data)
                os.replace(temporary, shard)  # a concurrent run's entries may be lost, never mixed
                self.written += len(fresh)
            except OSError:
                temporary.unlink(missing_ok=True)
                return  # a read-only or full disk only costs the speed-up
        self._pending = {}
        self._prune()

    def _kept(self, name: str, fresh: dict) -> dict:
        """What shard `name` holds once written: what this run used or made, dated today, and
        the other entries used within `KEEP_DAYS`."""
        kept = {}
        for key, (day, value) in self._shard(name).items():
            if key in self._used:
                kept[key] = (self._today, value)
            elif self._today - day <= KEEP_DAYS:
                kept[key] = (day, value)
        kept.update((key, (self._today, value)) for key, value in fresh.items())
        return kept

    def _prune(self) -> None:
        with os.scandir(self.root) as found:
            shards = sorted((e.stat().st_mtime, e.stat().st_size, e.path) for e in found if e.name.endswith(SHARD_SUFFIX))
        total = sum(size for _, size, _ in shards)
        for _, size, path in shards:
            if total <= self.max_bytes:
                break
            try:
                os.remove(path)
            except OSError:
                pass
            total -= size

    def _shard(self, name: str) -> dict:
        """The entries whose key starts with `name`, read once per run: one file, not one per entry
        (creating a file costs a millisecond on a busy disk)."""
        found = self._shards.get(name)
        if found is None:
            try:
                with open(self.root / f"{name}{SHARD_SUFFIX}", "rb") as stream:
                    shard = BuiltinsOnly(stream).load()
                if not isinstance(shard, dict) or shard.get("salt") != self.salt.hex():
                    raise ValueError("not a shard of this kdlint")
                found = {key: entry for key, entry in shard["entries"].items()
                         if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], int)}
            except Exception:  # noqa: BLE001 - missing, corrupt or foreign: computed again and rewritten
                found = {}
            self._shards[name] = found
        return found

    def _digest(self, path: str, text: str) -> str:
        digest = self._digests[path] = self.text_digest(text)
        return digest

    def text_digest(self, text: str | None) -> str | None:
        if text is None:
            return None
        digest = self._text_digests.get(text)  # the run's key and the file's documents both ask
        if digest is None:
            digest = self._text_digests[text] = blake2b(
                text.encode("utf-8", "surrogatepass"), digest_size=20, key=self.salt).hexdigest()
        return digest

    def _owned(self) -> bool:
        """Whether the folder is kdlint's to write in: marked as a cache, or new (then marked)."""
        if self._usable is None:
            tag = self.root / "CACHEDIR.TAG"
            if tag.is_file():
                self._usable = True
            elif self.root.is_dir() and any(self.root.iterdir()):
                self._usable = False  # someone else's files: never write (nor later clean) there
            else:
                self.root.mkdir(parents=True, exist_ok=True)
                (self.root / ".gitignore").write_text("*\n", encoding="utf-8")
                (self.root / "README").write_text(_README, encoding="utf-8")
                tag.write_text(_CACHEDIR_TAG, encoding="utf-8")
                self._usable = True
        return self._usable


def code_fingerprint() -> bytes:
    """kdlint's version, and in a source checkout the state of its code: another kdlint never
    reads these entries. (A release is its version; hashing its code would cost every run.)"""
    digest = blake2b(f"{__version__}/{FORMAT}".encode(), digest_size=32)
    package = Path(__file__).parent
    if os.path.exists(package.parent / ".git"):
        for folder in (package, schemas_root() / "kubernetes"):
            for directory, subfolders, files in os.walk(folder):
                subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
                for name in sorted(files):
                    status = os.stat(os.path.join(directory, name))
                    digest.update(f"{name}:{status.st_size}:{status.st_mtime_ns};".encode())
    return digest.digest()


__all__ = ["ContentCache", "DIRECTORY_NAME", "default_directory", "clean"]
