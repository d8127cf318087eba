"""The garbage-collector policy lives in one module (kdlint.collector)."""

import gc
import re
from pathlib import Path

import pytest

from kdlint.collector import collector_paused

PACKAGE = Path(__file__).resolve().parent.parent / "kdlint"


@pytest.fixture
def collecting():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_back_on_after(collecting):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_stages_turn_it_back_on_only_at_the_outermost(collecting):
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_an_exception(collecting):
    with pytest.raises(RuntimeError):
        with collector_paused():
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_stays_off_when_it_was_off(collecting):
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_no_other_module_drives_the_collector():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "collector.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bgc\.(disable|enable|freeze|collect)\b|^\s*import gc\b", line)
    ]
    assert offenders == []
