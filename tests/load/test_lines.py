"""kdlint.load.lines.FileLines: a file's lines, split on first use, read like a list."""

from kdlint.load.documents import load_documents
from kdlint.load.lines import FileLines

TEXT = "a: 1\n---\nb: 2\n"


def test_reads_like_the_split_text():
    lines = FileLines(TEXT)
    assert len(lines) == 4
    assert lines[0] == "a: 1" and lines[-1] == ""
    assert lines[1:3] == ["---", "b: 2"]
    assert list(lines) == TEXT.split("\n")
    assert lines == TEXT.split("\n") and lines == FileLines(TEXT)
    assert "b: 2" in lines


def test_split_only_when_read():
    lines = FileLines(TEXT)
    assert len(lines) == 4
    assert lines._lines is None
    assert lines[2] == "b: 2"
    assert lines._lines == TEXT.split("\n")


def test_the_documents_of_a_file_share_them_unsplit():
    first, second = load_documents("f.yaml", TEXT)
    assert first.lines is second.lines
    assert first.lines._lines is None
    assert second.lines[second.start_line - 1] == "---"
