"""Helpers for the kustomize tests: write small kustomizations into a temporary folder, find rendered objects."""

from pathlib import Path
from textwrap import dedent

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "kustomize"


def write_tree(root: Path, files: dict) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"))
    return root


def find(rendering, kind: str, name: str | None = None):
    matches = [o for o in rendering.objects if o.body["kind"] == kind and (name is None or o.body["metadata"]["name"] == name)]
    assert len(matches) == 1, [(o.body["kind"], o.body["metadata"]["name"]) for o in rendering.objects]
    return matches[0]


def where(obj, *path) -> tuple:
    """(file name relative to the fixtures, line, column) of a rendered value."""
    file, line, column = obj.position(path)
    return Path(file).resolve().relative_to(FIXTURES).as_posix(), line, column
