"""The content cache: a warm run finds what a cold one finds; bad entries are ignored and rewritten."""

import json
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint.cache import KEEP_DAYS, ContentCache
from kdlint.cli import main
from kdlint.load.documents import load_documents

ROOT = Path(__file__).resolve().parent.parent
SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
"""
BROKEN = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n---\ndata: {x: [1, 2}\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KDLINT_CACHE_DIR", raising=False)
    (tmp_path / ".git").mkdir()  # the config search stops here
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "web.yaml").write_text(SERVICE + "---\n" + SERVICE.replace("web", "api"), encoding="utf-8")
    (tmp_path / "deploy" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def check(*args) -> dict:
    result = CliRunner().invoke(main, ["check", "deploy", "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def shards(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.kdc"))


def entries(directory: Path) -> dict:
    return {key: value for shard in shards(directory) for key, (_, value) in shard_entries(shard).items()}


def shard_entries(shard: Path) -> dict:
    return pickle.loads(shard.read_bytes())["entries"]


def test_a_warm_run_reports_what_a_cold_run_reports(project):
    cold = check()
    assert {f["code"] for f in cold["findings"]} >= {"KD001", "KD002"}
    cache = project / ".kdlint_cache"
    # per file: documents and object findings; and the run's report
    assert len(entries(cache)) == 5 and (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").read_text() == "*\n"
    stamps = [p.stat().st_mtime_ns for p in shards(cache)]
    assert check() == cold
    assert [p.stat().st_mtime_ns for p in shards(cache)] == stamps  # read, not rewritten
    assert check("--no-cache") == cold


def test_documents_from_the_cache_equal_parsed_ones(tmp_path):
    texts = (SERVICE, BROKEN, "# only a comment\n", "a: &x [1, 2]\nb: *x\n<<: {c: 1.5}\nd: 0x10\n")
    first = ContentCache(tmp_path / "c")
    for text in texts:
        assert first.documents("some/file.yaml", text) is None
        first.store("some/file.yaml", text, load_documents("some/file.yaml", text))
    first.flush()
    cache = ContentCache(tmp_path / "c")
    for text in texts:
        parsed = load_documents("some/file.yaml", text)
        cached = cache.documents("other/name.yaml", text)
        for a, b in zip(parsed, cached, strict=True):
            assert b.path == "other/name.yaml"
            assert (a.index, a.start_line, a.end_line, a.body, a.error, a.duplicates, a.blank, a.lines) == \
                   (b.index, b.start_line, b.end_line, b.body, b.error, b.duplicates, b.blank, b.lines)
            assert a.positions.table == b.positions.table
    assert (first.misses, cache.hits, cache.misses) == (4, 4, 0)


def test_corrupt_and_foreign_entries_are_ignored_and_rewritten(project):
    cold = check()
    cache = project / ".kdlint_cache"
    every = shards(cache)
    for number, shard in enumerate(every):
        if number % 2:
            shard.write_bytes(pickle.dumps(_Gadget(project / "pwned")))  # runs code if unpickled naively
        else:
            shard.write_bytes(b"\x80\x05garbage")
    assert check() == cold
    assert not (project / "pwned").exists()
    for shard in every:
        assert all(key.startswith(shard.stem) for key in shard_entries(shard))  # a proper shard again
    assert len(entries(cache)) == 5


def test_a_second_flush_of_a_run_keeps_what_the_first_wrote(tmp_path):
    cache = ContentCache(tmp_path / "c")
    first = cache.key("first")
    second = first[:2] + "0" * (len(first) - 2)  # the same shard
    cache.write(first, "one")
    cache.flush()
    cache.write(second, "two")
    cache.flush()
    later = ContentCache(tmp_path / "c")
    assert (later.read(first), later.read(second)) == ("one", "two")


class _Gadget:
    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def test_entries_hold_no_paths(project):
    check()
    for shard in shards(project / ".kdlint_cache"):
        data = shard.read_bytes()
        assert b"deploy" not in data and str(project).encode() not in data


def test_no_cache_writes_nothing_and_cache_dir_moves_it(project, tmp_path_factory):
    check("--no-cache")
    assert not (project / ".kdlint_cache").exists()
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "c"
    check("--cache-dir", str(elsewhere))
    assert len(entries(elsewhere)) == 5 and not (project / ".kdlint_cache").exists()


def test_config_cache_dir_is_relative_to_the_config_file(project):
    (project / "conf").mkdir()
    (project / "conf" / ".kdlint.yaml").write_text("cache-dir: ../cached\n", encoding="utf-8")
    check("--config", "conf/.kdlint.yaml")
    assert len(entries(project / "cached")) == 5


def test_the_cache_stays_within_its_bound(tmp_path):
    cache = ContentCache(tmp_path / "c", max_bytes=3000)
    for number in range(40):
        text = SERVICE.replace("web", f"web{number}")
        cache.store("f.yaml", text, load_documents("f.yaml", text))
    cache.flush()
    kept = shards(tmp_path / "c")
    assert 0 < len(entries(tmp_path / "c")) < 40 and sum(p.stat().st_size for p in kept) <= 3000


def test_cache_clean_removes_only_a_kdlint_cache(project):
    check()
    result = CliRunner().invoke(main, ["cache", "clean"])
    assert result.exit_code == 0 and "removed" in result.output
    assert not (project / ".kdlint_cache").exists()
    (project / "mine").mkdir()
    (project / "mine" / "keep.txt").write_text("x", encoding="utf-8")
    check("--cache-dir", "mine")  # a folder of someone else's files: not written in
    assert [p.name for p in (project / "mine").iterdir()] == ["keep.txt"]
    result = CliRunner().invoke(main, ["cache", "clean", "--cache-dir", "mine"])
    assert result.exit_code == 0 and "no kdlint cache" in result.output
    assert (project / "mine" / "keep.txt").is_file()


def test_object_rules_do_not_run_again_on_unchanged_files(project, monkeypatch):
    (project / "deploy" / "odd.yaml").write_text(SERVICE.replace("spec:", "spec:\n  selectr: {}"), encoding="utf-8")
    cold = check()
    assert any(f["code"] == "KD202" and f["file"] == "deploy/odd.yaml" for f in cold["findings"])
    from kdlint.rules.schema import kd202_unknown_field

    def broken(obj, ctx):
        raise RuntimeError("ran again")

    monkeypatch.setattr(kd202_unknown_field, "check", broken)
    assert check() == cold  # the findings of the unchanged files came from the cache
    changed = check("--default-namespace", "other")  # other settings: other entries
    assert any(f["code"] == "KD009" and "ran again" in f["message"] for f in changed["findings"])
    (project / "deploy" / "odd.yaml").write_text(SERVICE.replace("web", "new"), encoding="utf-8")
    edited = check()
    assert [f["file"] for f in edited["findings"] if f["code"] == "KD009"] == ["deploy/odd.yaml"]



def test_entries_unused_for_long_and_shards_of_another_kdlint_go_when_written(tmp_path):
    folder = tmp_path / "c"
    old = ContentCache(folder)
    old._today -= KEEP_DAYS + 1
    keys = [old.key("entry", n) for n in range(600)]  # several per shard
    for key in keys:
        old.write(key, "old")
    old.flush()
    now = ContentCache(folder)
    # a key whose shard holds another (keys depend on the code's state: which ones share a shard varies)
    kept, sibling = next((a, b) for a in keys for b in keys if a != b and a[:2] == b[:2])
    assert now.read(kept) == "old"  # used this run: kept, dated today
    now.write(now.key("fresh"), "new")
    now.write(kept[:2] + "0" * 38, "new")  # the kept entry's shard gets written
    now.flush()
    later = ContentCache(folder)
    assert later.read(kept) == "old" and later.read(sibling) is None
    assert later.read(now.key("fresh")) == "new"
    other = next(k for k in keys if k[:2] not in (kept[:2], now.key("fresh")[:2]))
    assert later.read(other) == "old"  # its shard was not written: still there
    stranger = ContentCache(folder)
    stranger.salt = b"another kdlint"
    assert stranger.read(other) is None  # a shard written by another kdlint counts as empty
    stranger.write(other, "mine")
    stranger.flush()
    assert len(shard_entries(folder / f"{other[:2]}.kdc")) == 1  # and is replaced whole
