"""The built wheel carries the schemas and the rule book, and works from a clean virtual environment."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("kdlint-*.whl")
    return found


def test_wheel_contains_schemas_and_rule_book(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "kdlint/_data/schemas/kdlint-config.schema.json" in names
    assert any(n.startswith("kdlint/_data/schemas/kubernetes/") for n in names)
    assert "kdlint/_data/rules/KD101-broken-indentation/README.md" in names
    size = sum(i.compress_size for i in zipfile.ZipFile(wheel).infolist() if "/_data/schemas/kubernetes/" in i.filename)
    assert size <= 1_000_000


def test_installed_wheel_lints_a_fixture(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True)
    kdlint = str(venv / "bin" / "kdlint")
    result = subprocess.run(
        [kdlint, "check", str(ROOT / "fixtures" / "seed" / "07-pod-jump.yaml"), "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert '"code": "KD101"' in result.stdout
    # the Kubernetes schemas load from the wheel: the seed's `dev` Deployment has two misplaced fields
    schema = subprocess.run(
        [kdlint, "check", str(ROOT / "fixtures" / "seed" / "03-deployment-dev.yaml"), "--select", "KD1,KD2", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert schema.returncode == 1, schema.stderr
    assert [(f["code"], f["line"]) for f in json.loads(schema.stdout)["findings"]] == [("KD102", 20), ("KD102", 21)]
    page = subprocess.run([kdlint, "rule", "KD101"], capture_output=True, text=True, cwd=tmp_path)
    assert page.returncode == 0 and page.stdout.startswith("# KD101 broken-indentation")
