"""Every fixtures/rules/<CODE>/*.yaml (or folder) yields exactly its `# expect:` annotations for that code."""

import pytest

from harness import check_fixture
from paths import ROOT

# a file, or a folder linted whole (a kustomization with its resources)
FIXTURES = sorted([*(ROOT / "fixtures" / "rules").glob("*/*.yaml"), *(ROOT / "fixtures" / "rules").glob("*/*/")])


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(path):
    code = path.parent.name
    # KD009 reports other rules' crashes, so all rules run for its fixtures
    check_fixture(path, (code,), select=("KD",) if code == "KD009" else None)
