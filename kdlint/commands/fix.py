"""`kdlint check --fix` and `--diff`: run the fixer over a prepared check and write (or show) the result.

Files are written atomically, in place of the file itself (a symlink is followed only when its
target stays inside the tree it was found under) and keep their mode. Standard input is never
written back: its fixed text goes to standard output.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kdlint.fixer import Outcome, Target, fix, unified_diff
from kdlint.load.sources import STDIN


@dataclass
class FixResult:
    outcome: Outcome
    diff: str = ""
    stdin_text: bytes | None = None  # the fixed standard input, when `-` was checked
    skipped: list[str] = field(default_factory=list)  # files kdlint would not write, and why


def run_fix(run, unsafe: bool, write: bool) -> FixResult:
    """Fix the prepared run's files; write them when `write`, else only compute the diff."""
    targets, others, skipped = [], [], []
    for source in run.sources:
        data = _original_bytes(source, run.stdin_data)
        problem = None if source.root == STDIN or data is None else unwritable(Path(source.path), source.root)
        if problem:
            skipped.append(f"{source.path}: {problem}")
        if data is None or problem:
            others.append(source)
        else:
            targets.append(Target(source.path, data, source.root))
    outcome = fix(targets, lambda sources: run.lint([*sources, *others]), unsafe=unsafe)
    result = FixResult(outcome, skipped=skipped)
    originals = {t.path: t for t in targets}
    for path, data in outcome.fixed.items():
        target = originals[path]
        result.diff += unified_diff(path, target.data, data)
        if write and target.root != STDIN:
            problem = write_in_place(Path(path), data)
            if problem:
                result.skipped.append(f"{path}: {problem}")
    stdin = [t for t in targets if t.root == STDIN]
    if stdin:
        result.stdin_text = outcome.fixed.get(stdin[0].path, stdin[0].data)
    return result


def _original_bytes(source, stdin_data: bytes | None) -> bytes | None:
    if source.text is None:
        return None
    if source.root == STDIN:
        return stdin_data
    try:
        return Path(source.path).read_bytes()
    except OSError:
        return None


def unwritable(path: Path, root: str | None) -> str | None:
    """Why `--fix` must leave this file alone, or None."""
    real = Path(os.path.realpath(path))
    if path.is_symlink():
        tree = Path(os.path.realpath(root if root and Path(root).is_dir() else path.parent))
        if tree not in real.parents:
            return "a symlink to a file outside the tree it was found in; not fixed"
    try:
        if not stat.S_ISREG(real.stat().st_mode):
            return "not a regular file; not fixed"
    except OSError as exc:
        return f"cannot fix: {exc.strerror or exc}"
    return None


def write_in_place(path: Path, data: bytes) -> str | None:
    """Replace the file's content atomically (through a symlink: its target's), keeping its mode;
    a reason when it was not written."""
    real = Path(os.path.realpath(path))
    try:
        info = real.stat()
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".kdlint-fix")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, real)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        return f"cannot write: {exc.strerror or exc}"
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return None
