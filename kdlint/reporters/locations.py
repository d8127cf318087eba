"""Paths as CI systems want them: relative to the repository root, with forward slashes."""

from __future__ import annotations

import posixpath
from pathlib import Path


def repository_prefix(cwd: Path) -> str:
    """Where `cwd` lies inside its git repository ("" at the root or outside any repository)."""
    cwd = cwd.absolute()
    for directory in (cwd, *cwd.parents):
        if (directory / ".git").exists():
            relative = cwd.relative_to(directory).as_posix()
            return "" if relative == "." else relative
    return ""


def repository_path(file: str, prefix: str = "") -> str:
    """A finding's file (relative to the working directory) relative to the repository root."""
    if posixpath.isabs(file) or not prefix:
        return file
    return posixpath.normpath(posixpath.join(prefix, file))
