"""The bundled Kubernetes schema set must stay small (it ships inside the wheel)."""

from __future__ import annotations

from pathlib import Path

from kdlint.resources import schemas_root
from paths import ROOT

LIMIT = 1_000_000  # bytes, all versions together
REPO_SCHEMAS = ROOT / "schemas" / "kubernetes"


def _total(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def test_schema_set_under_one_megabyte():
    total = _total(REPO_SCHEMAS)
    assert 0 < total < LIMIT, f"schemas/kubernetes is {total} bytes"


def test_located_schema_set_under_one_megabyte():
    # The copy kdlint actually loads (the packaged one when installed from a wheel).
    total = _total(schemas_root() / "kubernetes")
    assert 0 < total < LIMIT, f"{schemas_root() / 'kubernetes'} is {total} bytes"
