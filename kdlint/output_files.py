"""Writing reports and baselines to files without harming what is already at the path.

- a new path or a regular file is written atomically (a temporary file renamed over it), with
  the mode a shell redirect would give: the existing file's mode, or 0666 minus the umask;
- a character device (`/dev/null`, a terminal), a FIFO or a symbolic link is written in place,
  never replaced: the device stays a device and the link stays a link;
- anything else (a directory, a socket, a block device), an input of the run, an empty path or a
  path that cannot be written is an OutputError naming the path (exit code 2);
- the temporary file is removed on every error path, a signal included.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path


class OutputError(Exception):
    """A report or baseline that cannot be written where asked (exit code 2)."""


def file_identity(path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`, following links; None when there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def write_report(path: Path | str, text: str, inputs: set = frozenset()) -> None:
    """Write `text` (UTF-8) to `path`; `inputs` holds the file_identity of every file the run read."""
    name = os.fspath(path)
    if not name:
        raise OutputError("the output path is empty; name a file")
    data = text.encode("utf-8", errors="backslashreplace")
    try:
        info = os.stat(name)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{name}: cannot write the report ({exc.strerror or exc})") from exc
    if info is not None and file_identity(name) in inputs:
        raise OutputError(f"{name}: is an input of this run; kdlint does not overwrite its input, choose another output path")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{name}: is a directory; name a file")
    try:
        if os.path.islink(name) or (info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode))):
            _write_in_place(name, data)
        elif info is None or stat.S_ISREG(info.st_mode):
            _write_atomically(Path(name), data, None if info is None else stat.S_IMODE(info.st_mode))
        else:
            raise OutputError(f"{name}: is not a regular file, a terminal or a pipe; kdlint will not write there")
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"{name}: is a pipe that nothing reads; start its reader first") from exc
        raise OutputError(f"{name}: cannot write the report ({exc.strerror or exc})") from exc


def _write_in_place(name: str, data: bytes) -> None:
    # a FIFO without a reader would block forever: O_NONBLOCK makes that an error instead
    handle = os.open(name, os.O_WRONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(handle, True)
        if stat.S_ISREG(os.fstat(handle).st_mode):
            os.ftruncate(handle, 0)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def _write_atomically(path: Path, data: bytes, mode: int | None) -> None:
    import tempfile  # only for reports written to files (it loads shutil, random and more)

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with _signals_raise(), os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode if mode is not None else 0o666 & ~_umask())
            stream.flush()
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


class _Interrupted(BaseException):
    pass


@contextlib.contextmanager
def _signals_raise():
    """SIGTERM and SIGHUP end the process by an exception while a temporary file exists, so it is removed."""
    import signal  # only when a report is written to a file

    def interrupted(number, frame):
        raise _Interrupted(number)

    try:
        previous = {number: signal.signal(number, interrupted) for number in (signal.SIGTERM, signal.SIGHUP)}
    except ValueError:  # not the main thread: signals stay as they are
        yield
        return
    try:
        yield
    except _Interrupted as exc:
        number = exc.args[0]
        signal.signal(number, previous.pop(number))
        raise SystemExit(128 + number) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
