"""A copy of this repository's working tree, for tests that install kdlint the way users do."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "kdlint tests", "GIT_AUTHOR_EMAIL": "tests@kdlint.invalid",
    "GIT_COMMITTER_NAME": "kdlint tests", "GIT_COMMITTER_EMAIL": "tests@kdlint.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True).stdout


def copy_working_tree(target: Path, commit: bool = False) -> Path:
    """Tracked and untracked (not ignored) files as they are on disk; optionally as a fresh git repository."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if commit:
        git("init", "-q", cwd=target)
        git("add", "-A", cwd=target)
        git("commit", "-q", "-m", "kdlint working tree", cwd=target)
    return target
