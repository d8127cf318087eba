"""Read input files as text, turning unreadable input into problems (discovery: kdlint.load.discovery)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

STDIN = "-"


class SourceFile:
    """One input file, read. A plain class, not a dataclass: every run imports it, and making a
    dataclass costs more than the whole class does."""

    __slots__ = ("path", "text", "problem", "problem_line", "root")

    def __init__(self, path: str, text: str | None, problem: str | None = None, problem_line: int = 1,
                 root: str | None = None) -> None:
        self.path = path  # as reported: relative to the working directory when under it
        self.text = text
        self.problem = problem  # why the file could not be read
        self.problem_line = problem_line
        self.root = root  # the command-line path this file was found under

    def _fields(self) -> tuple:
        return (self.path, self.text, self.problem, self.problem_line, self.root)

    def __eq__(self, other) -> bool:
        return other._fields() == self._fields() if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "SourceFile(" + ", ".join(f"{name}={value!r}" for name, value in zip(self.__slots__, self._fields())) + ")"


class InputError(Exception):
    """A path on the command line that cannot be used at all (exit code 2)."""


def display_path(path: Path) -> str:
    absolute = Path(os.path.normpath(path.absolute()))  # `base/../x.yaml` names x.yaml, as kustomize paths do
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def read_source(file, max_bytes: int, root: str | None = None, shown: str | None = None) -> SourceFile:
    """Read one file. It is opened without blocking and checked to be a regular file before a
    byte is read, so a FIFO or device swapped in after discovery never hangs the run."""
    shown = shown if shown is not None else display_path(Path(file))
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return SourceFile(shown, None, f"cannot read file: {exc.strerror or exc}", root=root)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return SourceFile(shown, None, "not a regular file", root=root)
        if status.st_size > max_bytes:
            return SourceFile(shown, None, f"file is {status.st_size:,} bytes, over the {max_bytes:,}-byte limit (max-file-size)", root=root)
        data = _read_all(fd, status.st_size)
    except OSError as exc:
        return SourceFile(shown, None, f"cannot read file: {exc.strerror or exc}", root=root)
    finally:
        os.close(fd)
    return decode(shown, data, root=root)


def _read_all(fd: int, size: int) -> bytes:
    """Every byte of an open file, without a buffered file object (one per input file costs
    time): in one read of the size fstat gave, then to the end if the file grew meanwhile."""
    chunks = []
    while chunk := os.read(fd, size + 1 if not chunks else 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def decode(shown: str, data: bytes, root: str | None = None) -> SourceFile:
    encoding = _yaml_encoding(data)
    if encoding != "utf-8":  # YAML streams may be UTF-16 or UTF-32, told by a BOM or by NUL patterns
        try:
            text = data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            return SourceFile(shown, None, f"not valid {encoding.upper()} (at byte offset {exc.start}); save the file as UTF-8", root=root)
        return _text_source(shown, text, root)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return SourceFile(shown, None, "binary file (contains NUL bytes); not a manifest", line, root=root)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return SourceFile(shown, None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8", line, root=root)
    return _text_source(shown, text, root)


def _text_source(shown: str, text: str, root: str | None) -> SourceFile:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return SourceFile(shown, None, "binary file (contains NUL characters); not a manifest", line, root=root)
    # a BOM may start any document of a stream (files concatenated): it is not content
    text = text.replace("\r\n", "\n").replace("\n\ufeff", "\n")
    return SourceFile(shown, text, root=root)


_BOMS = ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xfe\xff", "utf-16"), (b"\xff\xfe", "utf-16"))


def _yaml_encoding(data: bytes) -> str:
    """The encoding of a YAML stream, detected as the YAML spec says: a BOM, else the NULs
    around the first (ASCII) character."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:4]
    if len(head) == 4 and head[:3] == b"\x00\x00\x00":
        return "utf-32-be"
    if len(head) == 4 and head[1:] == b"\x00\x00\x00":
        return "utf-32-le"
    if len(head) >= 2 and head[0] == 0:
        return "utf-16-be"
    if len(head) >= 2 and head[1] == 0:
        return "utf-16-le"
    return "utf-8"
