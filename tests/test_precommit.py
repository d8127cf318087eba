"""The pre-commit hook, run by the real pre-commit from a temporary copy of this repository.

The copy is a fresh git repository made from the working tree, so what is tested is what is on
disk, committed or not (`pre-commit try-repo` alone would leave out new, untracked files).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from worktree import GIT_ENV, ROOT, copy_working_tree, git

SERVICE = """\
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: SELECTED}
  ports: [{port: 80}]
"""
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: kart}}
  template:
    metadata: {labels: {app: kart}}
    spec: {containers: [{name: cart, image: "cart:1", ports: [{containerPort: 80}]}]}
"""
GOOD = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
BAD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: jump\nspec:\n  containers:\n    - name: jump\n    image: ubuntu\n"


def pre_commit(*args, cwd, home):
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This repository's working tree as a clean git repository (pre-commit clones hooks from git)."""
    copy = copy_working_tree(tmp_path_factory.mktemp("hook-repo"), commit=True)
    return copy, git("rev-parse", "HEAD", cwd=copy).strip()


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def manifests_repo(path: Path) -> Path:
    path.mkdir()
    git("init", "-q", cwd=path)
    (path / "good.yaml").write_text(GOOD)
    (path / "bad.yaml").write_text(BAD)
    git("add", "-A", cwd=path)
    git("commit", "-q", "-m", "manifests", cwd=path)
    return path


def test_try_repo_fails_on_a_bad_manifest_and_passes_on_a_good_one(hook_repo, home, tmp_path):
    repo, _ = hook_repo
    manifests = manifests_repo(tmp_path / "manifests")
    bad = pre_commit("try-repo", str(repo), "kdlint", "--files", "bad.yaml", cwd=manifests, home=home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.yaml:8:5: KD101 [error]" in bad.stdout
    good = pre_commit("try-repo", str(repo), "kdlint", "--files", "good.yaml", cwd=manifests, home=home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_a_staged_service_is_judged_against_unstaged_workloads(hook_repo, home, tmp_path):
    repo, rev = hook_repo
    manifests = manifests_repo(tmp_path / "manifests")
    (manifests / "workloads").mkdir()
    (manifests / "workloads" / "deploy.yaml").write_text(DEPLOYMENT)  # committed earlier, not staged now
    (manifests / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: kdlint\n"
    )
    git("add", "-A", cwd=manifests)
    git("commit", "-q", "-m", "workloads", cwd=manifests)

    (manifests / "svc.yaml").write_text(SERVICE.replace("SELECTED", "cart"))
    git("add", "svc.yaml", cwd=manifests)
    mismatch = pre_commit("run", cwd=manifests, home=home)
    assert mismatch.returncode == 1, mismatch.stdout + mismatch.stderr
    assert "svc.yaml:5:3: KD301 [error]" in mismatch.stdout
    assert "bad.yaml" not in mismatch.stdout  # only the staged file is reported

    (manifests / "svc.yaml").write_text(SERVICE.replace("SELECTED", "kart"))
    git("add", "svc.yaml", cwd=manifests)
    match = pre_commit("run", cwd=manifests, home=home)
    assert match.returncode == 0, match.stdout + match.stderr


def test_fix_hook_repairs_the_file_and_says_so(hook_repo, home, tmp_path):
    repo, _ = hook_repo
    manifests = manifests_repo(tmp_path / "manifests")
    fixed = pre_commit("try-repo", str(repo), "kdlint-fix", "--files", "bad.yaml", "good.yaml", cwd=manifests, home=home)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "files were modified by this hook" in fixed.stdout
    assert "1 fixed" in fixed.stdout
    assert (manifests / "bad.yaml").read_text() == BAD.replace("    image:", "      image:")
    assert (manifests / "good.yaml").read_text() == GOOD
    again = pre_commit("try-repo", str(repo), "kdlint-fix", "--files", "bad.yaml", "good.yaml", cwd=manifests, home=home)
    assert again.returncode == 0, again.stdout + again.stderr


def test_hook_definition():
    from ruamel.yaml import YAML

    hook, fix = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "kdlint" and hook["require_serial"] is True and hook["types"] == ["yaml"]
    assert "--context ." in hook["entry"]
    assert fix["id"] == "kdlint-fix" and fix["entry"] == hook["entry"] + " --fix" and fix["types"] == ["yaml"]
