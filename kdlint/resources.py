"""Locate kdlint's bundled data (schemas, rule metadata).

In the source tree the data lives at the repository root (``schemas/``, ``rules/``, siblings
of the ``kdlint`` package directory).  In a built wheel the packaging maps those directories
into the package as ``kdlint/_data/schemas`` and ``kdlint/_data/rules``.  These helpers return
whichever exists, preferring the packaged copy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["package_dir", "data_root", "schemas_root", "rules_root"]


@cache
def package_dir() -> Path:
    """The directory of the ``kdlint`` package on the file system."""
    here = Path(__file__).resolve().parent
    if here.is_dir():  # an ordinary install: no need for importlib.resources (and all it loads)
        return here
    try:
        import importlib.resources

        root = importlib.resources.files("kdlint")
        path = Path(str(root))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual import setups
        pass
    return Path(__file__).resolve().parent  # pragma: no cover


def data_root(name: str) -> Path:
    """``<package>/_data/<name>`` when it exists, else ``<repo>/<name>`` (the source tree)."""
    pkg = package_dir()
    packaged = pkg / "_data" / name
    if packaged.is_dir():
        return packaged
    return pkg.parent / name


def schemas_root() -> Path:
    """Root of the bundled schema data (contains ``kubernetes/``)."""
    return data_root("schemas")


def rules_root() -> Path:
    """Root of the bundled rule metadata."""
    return data_root("rules")
