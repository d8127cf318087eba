import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite fixtures/golden/* from the current reporter output instead of comparing",
    )


@pytest.fixture(autouse=True)
def _cache_in_a_temporary_folder(tmp_path_factory, monkeypatch):
    """kdlint caches at the project root by default: in tests, in a folder of each test's own (a
    test that patches a rule must not get the report another test's run left in the cache)."""
    monkeypatch.setenv("KDLINT_CACHE_DIR", str(tmp_path_factory.mktemp("kdlint-cache")))


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A temporary working directory that is a repository root (the config search stops there),
    with colour left to kdlint's own choice."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / ".git").mkdir()
    return tmp_path
