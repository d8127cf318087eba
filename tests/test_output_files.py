"""Reports and baselines are written without harming what is at the path (issue 10, item 1)."""

import os
import stat
import tempfile

import pytest

from kdlint import output_files
from kdlint.output_files import OutputError, write_report
from harness import kdlint_cli

SERVICE = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selector: {app: a}, ports: [{port: 80}]}\n"


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_dev_null_stays_a_character_device(tmp_path):
    result = kdlint_cli("check", "x.yaml", "--format", "json", "--output", os.devnull, cwd=tmp_path, files={"x.yaml": SERVICE})
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_the_input_is_never_overwritten(tmp_path):
    result = kdlint_cli("check", "x.yaml", "--format", "json", "--output", "x.yaml", cwd=tmp_path, files={"x.yaml": SERVICE})
    assert result.exit_code == 2
    assert "kdlint: error: x.yaml: is an input of this run" in result.output
    assert (tmp_path / "x.yaml").read_text() == SERVICE


def test_a_context_file_or_the_baseline_is_an_input_too(tmp_path):
    (tmp_path / "ctx.yaml").write_text(SERVICE.replace("name: a", "name: b"))
    result = kdlint_cli("check", "x.yaml", "--context", "ctx.yaml", "--format", "json", "--output", "ctx.yaml", cwd=tmp_path, files={"x.yaml": SERVICE})
    assert result.exit_code == 2 and "ctx.yaml: is an input of this run" in result.output
    (tmp_path / "base.json").write_text('{"kdlint-baseline": 1, "findings": []}\n')
    result = kdlint_cli("check", "x.yaml", "--baseline", "base.json", "--format", "json", "--output", "base.json", cwd=tmp_path, files={"x.yaml": SERVICE})
    assert result.exit_code == 2 and "base.json: is an input of this run" in result.output


def test_the_file_redirected_to_stdin_is_an_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text(SERVICE)
    with open(tmp_path / "x.yaml", "rb") as stdin:
        monkeypatch.setattr("sys.stdin", stdin)
        with pytest.raises(OutputError, match="is an input of this run"):
            write_report(tmp_path / "x.yaml", "report", {output_files.file_identity(stdin.fileno())})
    assert (tmp_path / "x.yaml").read_text() == SERVICE


@pytest.mark.parametrize("command", ["check", "baseline"])
def test_new_files_honour_the_umask(tmp_path, command):
    previous = os.umask(0o022)
    try:
        extra = ["--format", "json", "--output", "out.json"] if command == "check" else ["-o", "out.json"]
        result = kdlint_cli(command, "x.yaml", *extra, cwd=tmp_path, files={"x.yaml": SERVICE})
    finally:
        os.umask(previous)
    assert result.exit_code in (0, 1), result.output
    assert stat.S_IMODE(os.stat(tmp_path / "out.json").st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_an_existing_report_keeps_its_mode(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_report(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_a_symlink_is_written_through_not_replaced(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    write_report(tmp_path / "link.txt", "new")
    assert os.path.islink(tmp_path / "link.txt")
    assert (tmp_path / "real.txt").read_text() == "new"


def test_a_fifo_without_reader_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(OutputError, match="pipe that nothing reads"):
        write_report(tmp_path / "pipe", "report")
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe").st_mode)


def test_a_fifo_with_a_reader_gets_the_report(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    reader = os.open(tmp_path / "pipe", os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_report(tmp_path / "pipe", "report\n")
        assert os.read(reader, 100) == b"report\n"
    finally:
        os.close(reader)


def test_empty_path_and_directory_are_clear_errors(tmp_path):
    result = kdlint_cli("check", "x.yaml", "--format", "json", "--output", "", cwd=tmp_path, files={"x.yaml": SERVICE})
    assert result.exit_code == 2 and "kdlint: error: the output path is empty" in result.output
    (tmp_path / "folder").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        write_report(tmp_path / "folder", "x")


def test_an_unwritable_folder_is_a_clear_error_and_leaves_nothing(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = kdlint_cli("check", "x.yaml", "--format", "json", "--output", "out.json", cwd=tmp_path, files={"x.yaml": SERVICE})
    assert result.exit_code == 2
    assert "kdlint: error: out.json: cannot write the report (Permission denied)" in result.output


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_the_temporary_file_is_removed_on_every_error(tmp_path, monkeypatch, failure):
    def fail(*args):
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises((OutputError, KeyboardInterrupt)):
        write_report(tmp_path / "out.json", "report")
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.json").exists()


def test_a_signal_mid_write_removes_the_temporary_file(tmp_path, monkeypatch):
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers exist only in the main thread; the signal would end the test run")

    def killed(*args):
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(SystemExit) as exit_info:
        write_report(tmp_path / "out.json", "report")
    assert exit_info.value.code == 128 + signal.SIGTERM
    assert leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
