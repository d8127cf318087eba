"""Find input files and read them as text, turning unreadable input into problems."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"


@dataclass(frozen=True)
class SourceFile:
    path: str  # as reported: relative to the working directory when under it
    text: str | None
    problem: str | None = None  # why the file could not be read
    problem_line: int = 1
    root: str | None = None  # the command-line path this file was found under


class InputError(Exception):
    """A path on the command line that cannot be used at all (exit code 2)."""


def display_path(path: Path) -> str:
    absolute = Path(os.path.normpath(path.absolute()))  # `base/../x.yaml` names x.yaml, as kustomize paths do
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def discover(paths: list[str], exclude: list[str] = ()) -> list[tuple[Path, str]]:
    """(file, root argument) for every manifest under `paths`, in a stable order.

    Directories are searched recursively for *.yaml, *.yml and *.json, skipping
    hidden directories and paths matching an `exclude` glob. Files named
    explicitly are always taken.
    """
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for arg in paths:
        root = Path(arg)
        if not root.exists():
            raise InputError(f"{arg}: no such file or directory")
        if root.is_file():
            candidates = [root]
        else:
            candidates = sorted(_walk(root, exclude))
        for file in candidates:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append((file, arg))
    return found


def _walk(root: Path, exclude):
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not _excluded(here / d, exclude)
        )
        for name in filenames:
            file = here / name
            if name.endswith(SUFFIXES) and not _excluded(file, exclude):
                yield file


def _excluded(path: Path, patterns) -> bool:
    text = display_path(path)
    return any(
        fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern) or text.startswith(pattern.rstrip("/") + "/")
        for pattern in patterns
    )


def read_source(file: Path, max_bytes: int, root: str | None = None) -> SourceFile:
    shown = display_path(file)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return SourceFile(shown, None, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max-file-size)", root=root)
        data = file.read_bytes()
    except OSError as exc:
        return SourceFile(shown, None, f"cannot read file: {exc.strerror or exc}", root=root)
    return decode(shown, data, root=root)


def decode(shown: str, data: bytes, root: str | None = None) -> SourceFile:
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
    return SourceFile(shown, text.replace("\r\n", "\n"), root=root)
