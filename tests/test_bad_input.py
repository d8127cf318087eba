"""Bad input gets a finding or a clear error naming the file, never a traceback."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cli import main


def check(tmp_path, monkeypatch, name: str, data: bytes, *extra):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(main, ["check", name, "--fail-on", "info", *extra])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.mark.parametrize(
    "name,data,expected",
    [
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary.yaml:3:1: KD004 [error] binary file"),
        ("latin1.yaml", b"a: 1\nb: caf\xe9\n", "latin1.yaml:2:1: KD004 [error] not valid UTF-8"),
        ("empty.yaml", b"", "empty.yaml:1:1: KD003 [info] the file holds no YAML documents"),
        ("markers.yaml", b"---\n", "markers.yaml:1:1: KD003 [info] the file holds no YAML documents"),
        ("list.yaml", b"- kind: a\n- b\n", "list.yaml:1:1: KD003 [info] this document is a list"),
        ("scalar.yaml", b"hello\n---\nkind: Namespace\n", "scalar.yaml:1:1: KD003 [info] this document is a plain value"),
        ("deep.yaml", b"kind: List\na: " + b"[" * 3000 + b"]" * 3000 + b"\n", "deep.yaml:2:"),
        ("chart.yaml", b"name: {{ .Chart.Name }}\n", "chart.yaml:1:1: KD005 [info] this document is a Go/Helm template"),
    ],
)
def test_bad_files(tmp_path, monkeypatch, name, data, expected):
    result = check(tmp_path, monkeypatch, name, data)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(expected), result.output


def test_alias_bomb_is_reported_not_expanded(tmp_path, monkeypatch):
    lines = ["kind: ConfigMap", 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 10) + "]")
    result = check(tmp_path, monkeypatch, "bomb.yaml", ("\n".join(lines) + "\n").encode())
    assert result.exit_code == 1
    assert "KD001 [error] invalid YAML: aliases expand to more than" in result.output


def test_oversized_file_is_skipped_with_kd004(tmp_path, monkeypatch):
    (tmp_path / ".kdlint.yaml").write_text("max-file-size: 10\n")
    result = check(tmp_path, monkeypatch, "big.yaml", b"apiVersion: v1\nkind: Namespace\n")
    assert "big.yaml:1:1: KD004 [error] file is 31 bytes, over the 10-byte limit" in result.output


def test_other_documents_of_a_broken_file_are_still_checked(tmp_path, monkeypatch):
    data = b"a: [1\n---\n- x\n---\nkind: Pod\n"
    result = check(tmp_path, monkeypatch, "multi.yaml", data)
    assert "multi.yaml:1:4: KD001" in result.output
    assert "multi.yaml:3:1: KD003" in result.output


def test_nothing_is_written_next_to_the_input(tmp_path, monkeypatch):
    check(tmp_path, monkeypatch, "pod.yaml", b"kind: Pod\n")
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == [".git", "pod.yaml"]
