"""kdlint.forked.in_two: one computation in a forked copy of the process, the same result either way."""

import os
import signal

import pytest

from kdlint import forked

pytestmark = pytest.mark.skipif(not forked.FORKS, reason="this platform does not fork")


def test_the_other_side_runs_in_another_process_and_its_result_comes_back():
    here, there = forked.in_two(os.getpid, lambda: (os.getpid(), {"findings": ["a", "b"]}))
    assert here == os.getpid()
    assert there[0] != os.getpid()
    assert there[1] == {"findings": ["a", "b"]}


def test_a_forked_side_that_dies_is_computed_here():
    parent = os.getpid()

    def dies_when_forked():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "computed here"

    assert forked.in_two(lambda: 1, dies_when_forked) == (1, "computed here")


def test_an_error_here_stops_the_forked_side_and_propagates():
    def fails():
        raise ValueError("here")

    with pytest.raises(ValueError, match="here"):
        forked.in_two(fails, lambda: 2)


def test_without_fork_both_run_here(monkeypatch):
    monkeypatch.setattr(forked, "FORKS", False)
    assert forked.in_two(os.getpid, os.getpid) == (os.getpid(), os.getpid())
