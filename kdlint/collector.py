"""When Python's cyclic garbage collector runs during a kdlint run: the one policy.

A run builds millions of small objects (documents, position tables, indexes, findings) that all
live until the run ends, and it makes almost no cyclic garbage. Each pass of the collector walks
that whole heap only to free nothing: on 10,000 objects the passes cost about a third of the run.
So:

- a stage that builds data runs inside `collector_paused()`; the collector comes back on when it
  ends (stages nest: only the outermost one turns it back on), and the little cyclic garbage
  there is gets collected then. Library callers and tests keep a collecting interpreter.
- the command line runs one check and exits: `for_one_run()` keeps the collector off for the rest
  of the process (turning it back on would only buy one full pass over everything loaded), and at
  exit moves every object out of the collector's reach, so that the interpreter's last
  collections do not walk them either.
"""

from __future__ import annotations

import atexit
import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def for_one_run() -> None:
    """The process runs one check, then ends."""
    gc.disable()


def frozen_at_exit() -> None:
    """Spares the walk over every live object of the interpreter's final collections."""
    atexit.register(gc.freeze)


__all__ = ["collector_paused", "for_one_run", "frozen_at_exit"]
