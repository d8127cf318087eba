"""Discovery: which files a run reads, and what it refuses to open (kdlint.load.discovery)."""

import os
import shutil
import signal
import socket
import subprocess
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import main
from kdlint.load import discovery
from kdlint.load.discovery import Excludes, read_files
from harness import kdlint_cli

NS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {}\n"
MAX = 10 * 1024 * 1024


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def no_hang():
    """A run that blocks on a FIFO fails the test instead of hanging the suite."""
    def hung(signum, frame):
        raise AssertionError("discovery or reading blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def write(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(NS.format(path.stem.lower().replace("_", "-").replace(".", "-") or "x"))


def paths(sources) -> list[str]:
    return [s.path for s in sources]


def problems(sources) -> list[tuple[str, int, str]]:
    return [(s.path, s.problem_line, s.problem) for s in sources if s.problem]


run = partial(kdlint_cli, "check", "--no-show-source")


def kd004(result) -> list[str]:
    return [line for line in result.output.splitlines() if " KD004 " in line]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.email=t@example.com", "-c", "user.name=t", *args], check=True, capture_output=True)


# --- what is walked -----------------------------------------------------------------------------

def test_hidden_git_node_modules_and_vendor_folders_are_skipped(tree):
    write(tree, "a.yaml", ".git/x.yaml", ".github/workflows/ci.yml", "node_modules/m.yaml", "vendor/v.yaml", "sub/vendor/v.yml", "sub/b.json")
    assert paths(read_files(["."], MAX)) == ["a.yaml", "sub/b.json"]


def test_order_is_by_path_components_and_a_file_is_read_once(tree):
    write(tree, "b.yaml", "a/z.yaml", "a-b/c.yaml")
    found = read_files([".", "a/z.yaml", "./b.yaml"], MAX)
    assert paths(found) == ["a/z.yaml", "a-b/c.yaml", "b.yaml"]


def test_kdlint_config_files_and_the_baseline_are_never_linted(tree):
    (tree / ".git").mkdir()
    write(tree, "a.yaml", "sub/.kdlint.yml")
    (tree / ".kdlint.yaml").write_text("baseline: known.json\n")
    (tree / "known.json").write_text('{"kdlint-baseline": 1, "findings": []}')
    result = run(".")
    assert "1 file(s), 1 object(s)" in result.output, result.output
    (tree / ".kdlint.yaml").write_text("")
    (tree / "other-baseline.json").write_text('{"kdlint-baseline": 1, "findings": []}')
    result = run(".", "--baseline", "other-baseline.json")
    assert "2 file(s), 1 object(s)" in result.output, result.output  # known.json is just a file now


# --- .gitignore ----------------------------------------------------------------------------------

def test_gitignore_files_are_followed_nested_and_negated(tree):
    write(tree, "a.yaml", "gen/x.yaml", "deploy/b.yaml", "deploy/tmp.yaml", "deploy/keep.yaml", "deploy/out/c.yaml")
    (tree / ".gitignore").write_text("gen/\n*.tmp\n")
    (tree / "deploy" / ".gitignore").write_text("tmp.yaml\nout\n*.yaml\n!keep.yaml\n!b.yaml\n")
    assert paths(read_files(["."], MAX)) == ["a.yaml", "deploy/b.yaml", "deploy/keep.yaml"]


def test_gitignore_above_the_linted_folder_and_git_info_exclude_count_inside_a_repository(tree):
    (tree / ".git" / "info").mkdir(parents=True)
    (tree / ".git" / "info" / "exclude").write_text("draft-*.yaml\n")
    (tree / ".gitignore").write_text("deploy/generated/\n")
    write(tree, "deploy/a.yaml", "deploy/draft-1.yaml", "deploy/generated/g.yaml")
    assert paths(read_files(["deploy"], MAX)) == ["deploy/a.yaml"]


def test_explicitly_named_files_are_taken_even_when_ignored_or_excluded(tree):
    write(tree, "gen/x.yaml")
    (tree / ".gitignore").write_text("gen/\n")
    excludes = Excludes.of((tree, ("gen/",)))
    assert paths(read_files(["gen/x.yaml"], MAX, excludes)) == ["gen/x.yaml"]
    assert paths(read_files(["."], MAX, excludes)) == []


# --- exclude patterns ------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["**/release/*", "release/", "release/**", "release", "/release/"])
def test_exclude_patterns_have_gitignore_semantics(tree, pattern):
    write(tree, "release/x.yaml", "a.yaml")
    assert paths(read_files(["."], MAX, Excludes.of((tree, (pattern,))))) == ["a.yaml"]


@pytest.mark.parametrize("pattern,deep_excluded", [("release", True), ("release/", True), ("**/release/*", True), ("/release/", False), ("release/**", False)])
def test_unanchored_patterns_exclude_at_any_depth(tree, pattern, deep_excluded):
    write(tree, "release/x.yaml", "a/b/release/y.yaml")
    expected = [] if deep_excluded else ["a/b/release/y.yaml"]
    assert paths(read_files(["."], MAX, Excludes.of((tree, (pattern,))))) == expected


def test_a_pattern_with_a_slash_is_anchored_like_in_git(tree):
    write(tree, "release/x.yaml", "team/release/y.yaml", "a/b/release/z.yaml")
    excludes = Excludes.of((tree, ("*/release/*",)))
    assert paths(read_files(["."], MAX, excludes)) == ["a/b/release/z.yaml", "release/x.yaml"]
    excludes = Excludes.of((tree, ("**/release/",)))
    assert paths(read_files(["."], MAX, excludes)) == []


def test_config_patterns_are_relative_to_the_config_file_and_cli_patterns_to_the_working_directory(tree):
    (tree / ".git").mkdir()
    write(tree, "deploy/a.yaml", "deploy/release/x.yaml", "deploy/old.yaml", "other/old.yaml")
    (tree / "deploy" / ".kdlint.yaml").write_text("exclude: [/release/]\n")
    os.chdir(tree / "deploy")
    result = run(".", "--exclude", "old.yaml")
    assert "1 file(s), 1 object(s)" in result.output, result.output
    os.chdir(tree)
    result = run("deploy", "--config", "deploy/.kdlint.yaml", "--exclude", "/deploy/old.yaml")
    assert "1 file(s), 1 object(s)" in result.output, result.output


# --- what is never opened ----------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_tree_or_named_is_reported_and_never_opened(tree, no_hang):
    write(tree, "a.yaml")
    os.mkfifo(tree / "x.yaml")
    found = read_files(["."], MAX)
    assert problems(found) == [("x.yaml", 1, "a named pipe (FIFO), not a regular file")]
    assert problems(read_files(["x.yaml"], MAX)) == [("x.yaml", 1, "a named pipe (FIFO), not a regular file")]
    result = run("x.yaml")
    assert kd004(result) == ["x.yaml:1:1: KD004 [error] a named pipe (FIFO), not a regular file; it is skipped"]
    assert result.exit_code == 1


def test_a_socket_is_reported(tree, no_hang):
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind("s.yaml")
    except OSError:
        pytest.skip("cannot bind a unix socket here")
    try:
        assert problems(read_files(["."], MAX)) == [("s.yaml", 1, "a socket, not a regular file")]
    finally:
        listener.close()


def test_reading_checks_the_open_file_so_a_fifo_swapped_in_after_discovery_never_blocks(tree, no_hang):
    from kdlint.load.sources import read_source

    os.mkfifo(tree / "x.yaml")
    assert read_source("x.yaml", MAX).problem == "not a regular file"


def test_symlink_loops_are_reported(tree):
    os.symlink("loop-b.yaml", tree / "loop-a.yaml")
    os.symlink("loop-a.yaml", tree / "loop-b.yaml")
    expected = [("loop-a.yaml", 1, "symbolic link loop"), ("loop-b.yaml", 1, "symbolic link loop")]
    assert problems(read_files(["."], MAX)) == expected
    result = run("loop-a.yaml")
    assert kd004(result) == ["loop-a.yaml:1:1: KD004 [error] symbolic link loop; it is skipped"]


def test_a_link_leaving_the_tree_is_reported_by_its_own_name_and_not_read(tmp_path, monkeypatch):
    secret = tmp_path / "outside" / "secret.yaml"
    write(tmp_path, "outside/secret.yaml")
    secret.write_text("apiVersion: v1\nkind: Secret\nmetadata:\n  name: top-secret-value\n")
    project = tmp_path / "project"
    write(project, "a.yaml")
    os.symlink(secret, project / "x.yaml")
    monkeypatch.chdir(project)
    message = "symbolic link to a path outside the folder being linted, which kdlint never reads"
    found = read_files(["."], MAX)
    assert problems(found) == [("x.yaml", 1, message)]
    for args in (["."], ["x.yaml"], ["--show-source", "."]):
        result = CliRunner().invoke(main, ["check", *args])
        assert kd004(result) == [f"x.yaml:1:1: KD004 [error] {message}; it is skipped"], result.output
        assert "top-secret-value" not in result.output


def test_a_link_inside_the_tree_is_read_once(tree):
    write(tree, "real/a.yaml")
    os.symlink("real/a.yaml", tree / "link.yaml")
    os.symlink("real", tree / "linked-folder")
    assert paths(read_files(["."], MAX)) == ["link.yaml"]  # a.yaml is the same file, read once


def test_an_unreadable_folder_is_reported(tree, monkeypatch):
    write(tree, "a.yaml", "locked/b.yaml")
    real_scandir = os.scandir
    locked = os.path.realpath("locked")

    def scandir(path):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", scandir)  # chmod 000 does not stop root
    found = read_files(["."], MAX)
    assert paths(found) == ["a.yaml", "locked"]
    assert problems(found) == [("locked", 1, "folder that cannot be read (Permission denied), so none of its files are checked")]
    result = run(".")
    assert kd004(result) == ["locked:1:1: KD004 [error] folder that cannot be read (Permission denied), so none of its files are checked; it is skipped"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_a_chmod_000_folder_is_reported(tree):
    write(tree, "locked/b.yaml")
    (tree / "locked").chmod(0)
    try:
        assert problems(read_files(["."], MAX)) == [("locked", 1, "folder that cannot be read (Permission denied), so none of its files are checked")]
    finally:
        (tree / "locked").chmod(0o755)


# --- --context: what git tracks ----------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_context_inside_a_work_tree_is_the_files_git_tracks(tree):
    git(tree, "init", "-q")
    write(tree, "deploy/a.yaml", "deploy/b.yaml", "deploy/gone.yaml", "vendor/v.yaml")
    git(tree, "add", "deploy", "vendor")
    git(tree, "commit", "-qm", "x")
    os.remove(tree / "deploy" / "gone.yaml")
    write(tree, "deploy/draft.yaml")  # untracked
    assert paths(read_files(["."], MAX, tracked_only=True)) == ["deploy/a.yaml", "deploy/b.yaml"]
    assert paths(read_files(["deploy"], MAX, tracked_only=True)) == ["deploy/a.yaml", "deploy/b.yaml"]
    assert paths(read_files(["."], MAX)) == ["deploy/a.yaml", "deploy/b.yaml", "deploy/draft.yaml"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_tracked_files_of_a_helm_chart_are_its_chart_yaml_and_crds(tree):
    git(tree, "init", "-q")
    write(tree, "charts/shop/Chart.yaml", "charts/shop/templates/svc.yaml", "charts/shop/crds/crd.yaml", "charts/shop/values.yaml", "app.yaml")
    git(tree, "add", ".")
    expected = ["app.yaml", "charts/shop/Chart.yaml", "charts/shop/crds/crd.yaml"]
    assert paths(read_files(["."], MAX, tracked_only=True)) == expected
    assert paths(read_files(["."], MAX)) == expected


def test_context_outside_a_work_tree_is_walked(tree, monkeypatch):
    write(tree, "a.yaml")
    assert paths(read_files(["."], MAX, tracked_only=True)) == ["a.yaml"]
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no git at all (discovery imports shutil when it asks)
    assert paths(read_files(["."], MAX, tracked_only=True)) == ["a.yaml"]
