"""The renderer against `kubectl kustomize`: same objects, in the same order, with the same fields.

Every kustomization under fixtures/ (found, not listed) and the ingress-nginx deploy folder of
the shared corpora are compared. Skipped when kubectl is not installed.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from kdlint.kustomize import KUSTOMIZATION_FILES, render
from kustomize_cases import ROOT
from paths import CORPORA

KUBECTL = shutil.which("kubectl")


def _kustomizations(root: Path) -> list[Path]:
    found = set()
    for name in KUSTOMIZATION_FILES:
        for file in root.rglob(name):
            text = file.read_text(errors="replace")
            if "kind: Component" not in text:  # a component only renders inside a kustomization
                found.add(file.parent)
    return sorted(found)


def _cases() -> list:
    cases = [pytest.param(d, id=d.relative_to(ROOT).as_posix()) for d in _kustomizations(ROOT / "fixtures")]
    deploy = CORPORA / "ingress-nginx" / "deploy" if CORPORA.is_dir() else None
    if deploy and deploy.is_dir():
        cases += [pytest.param(d, id="corpus:" + d.relative_to(deploy).as_posix()) for d in _kustomizations(deploy)]
    return cases


def kubectl_kustomize(directory: Path) -> list | None:
    """kubectl's objects, or None when kubectl fails (a remote resource offline, a missing file...)."""
    result = subprocess.run([KUBECTL, "kustomize", str(directory)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        return None
    return [doc for doc in YAML(typ="safe", pure=True).load_all(result.stdout) if doc is not None]


@pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed")
@pytest.mark.parametrize("directory", _cases())
def test_render_matches_kubectl_kustomize(directory):
    expected = kubectl_kustomize(directory)
    rendering = render(directory)
    if expected is None:  # what kubectl cannot build, kdlint must not claim to have rendered completely
        assert not rendering.complete and rendering.notes
        return
    assert [n for n in rendering.notes if n.kind == "error"] == []
    got = [obj.body for obj in rendering.objects]
    assert [_id(o) for o in got] == [_id(o) for o in expected]
    for mine, theirs in zip(got, expected):
        assert mine == theirs, _id(theirs)


def test_the_fixtures_hold_kustomizations_to_compare():
    assert len(_kustomizations(ROOT / "fixtures" / "kustomize")) >= 8


def _id(body: dict) -> str:
    metadata = body.get("metadata") or {}
    return f"{body.get('kind')}/{metadata.get('namespace', '')}/{metadata.get('name')}"
