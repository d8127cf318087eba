"""Run two computations at once, one in a forked copy of this process.

A fork starts in milliseconds and shares everything this process has built (the documents, the
indexes) without copying or pickling it: only the forked side's result travels back, pickled
through a pipe. Where the platform does not fork safely (only Linux is used), or the forked
process fails, this process computes both, one after the other: the result is the same.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Callable, TypeVar

Here = TypeVar("Here")
There = TypeVar("There")

FORKS = sys.platform == "linux" and hasattr(os, "fork")


def in_two(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There]:
    """(here(), there()), with `there` computed in a forked process while this one computes `here`."""
    if not FORKS:
        return here(), there()
    for stream in (sys.stdout, sys.stderr):  # what is buffered now must not be written twice
        stream.flush()
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        _compute_and_exit(there, read_end, write_end)
    os.close(write_end)
    try:
        mine = here()
    except BaseException:
        os.close(read_end)
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        raise
    with os.fdopen(read_end, "rb") as pipe:
        try:
            theirs, received = pickle.load(pipe), True
        except Exception:  # noqa: BLE001 - the forked side died: computed here instead
            received = False
    _, status = os.waitpid(child, 0)
    if not received or status != 0:
        theirs = there()
    return mine, theirs


def _compute_and_exit(there: Callable, read_end: int, write_end: int) -> None:
    """The forked side: never returns, never runs the parent's exit handlers or flushes its buffers."""
    status = 1
    try:
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(there(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    except BaseException:  # noqa: BLE001 - reported to the parent by the exit status
        pass
    finally:
        os._exit(status)


__all__ = ["FORKS", "in_two"]
