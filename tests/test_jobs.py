"""--jobs: the same findings whether files are parsed in this process or in workers."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint import engine
from kdlint.cli import main
from kdlint.load import parallel
from paths import CORPORA, ROOT



def report(folder: Path, *args) -> str:
    result = CliRunner().invoke(main, ["check", ".", "--format", "json", "--fail-on", "never", "--no-cache", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("folder", [ROOT / "fixtures", *(sorted(p for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else [])],
                         ids=lambda p: p.name)
def test_findings_do_not_depend_on_jobs(folder, monkeypatch):
    monkeypatch.chdir(folder)
    in_process = report(folder, "--jobs", "1")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)  # workers even for a small folder
    monkeypatch.setattr(engine, "FORK_MIN_OBJECTS", 0)  # and a forked share of the cluster rules
    workers, forks = [], []
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _spy(concurrent.futures.ProcessPoolExecutor, workers))
    monkeypatch.setattr(engine, "in_two", _spy(engine.in_two, forks))
    assert report(folder, "--jobs", "2") == in_process
    assert report(folder) == in_process  # the default: the usable cores
    assert workers  # the pool did run
    assert forks  # and the fork


def _spy(pool_class, started: list):
    def make(*args, **kwargs):
        started.append(args)
        return pool_class(*args, **kwargs)

    return make


def test_a_few_files_are_parsed_in_process(tmp_path, monkeypatch):
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", None)  # would fail if used
    items = [(f"f{n}.yaml", f"a: {n}\n") for n in range(parallel.PARALLEL_MIN_FILES - 1)]
    assert [docs[0].body for docs in parallel.parse_all(items, jobs=4)] == [{"a": n} for n in range(len(items))]


def test_a_forked_run_writes_the_whole_cache_while_the_fork_judges(tmp_path, monkeypatch):
    from kdlint.cache import ContentCache

    monkeypatch.chdir(ROOT / "fixtures")
    expected = report(ROOT / "fixtures", "--jobs", "1")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(engine, "FORK_MIN_OBJECTS", 0)
    flushed, parsed = [], []
    monkeypatch.setattr(ContentCache, "flush", _spy(ContentCache.flush, flushed))
    cached = ["--format", "json", "--fail-on", "never", "--jobs", "2", "--cache-dir", str(tmp_path / "c")]
    first = CliRunner().invoke(main, ["check", ".", *cached])
    assert first.exit_code == 0 and first.output == expected
    assert len(flushed) == 2  # once while the fork judged, once for the run's report
    parse_all = engine.parse_all
    monkeypatch.setattr(engine, "parse_all", lambda items, *args: parsed.extend(items) or parse_all(items, *args))
    one = CliRunner().invoke(main, ["check", "seed/05-service-dev.yaml", "--context", ".", *cached])
    assert one.exit_code == 0 and parsed == []  # every file's documents came from the cache


def test_this_process_and_the_workers_share_the_files(monkeypatch):
    items = [(f"f{n}.yaml", f"a: {n}\nb: [x, {{c: {n}}}]\na: dup\n---\nd: [\n" if n % 7 == 0 else f"a: {n}\nb: [x, {{c: {n}}}]\n")
             for n in range(3 * parallel.PARALLEL_MIN_FILES)]
    here = []
    load = parallel.load_documents

    def spy(path, text, budget=None):
        here.append(path)  # the workers' calls are counted in their own processes
        return load(path, text, budget)

    monkeypatch.setattr(parallel, "load_documents", spy)
    counted = []
    shared = parallel.parse_all(items, jobs=2, parsed=lambda: counted.append(1))
    assert 0 < len(here) < len(items)  # this process took a share, the worker the rest
    assert len(counted) == len(items)
    alone = parallel.parse_all(items, jobs=1)
    assert [[d.path for d in docs] for docs in shared] == [[path] * len(docs) for (path, _), docs in zip(items, alone)]
    for docs, expected in zip(shared, alone):
        assert [(d.body, d.positions.table, d.error, d.duplicates) for d in docs] == [
            (d.body, d.positions.table, d.error, d.duplicates) for d in expected]


def test_the_dns_rules_are_forked_by_the_objects_judged_not_loaded(monkeypatch):
    """A --context run judges the few subjects of the named files: a fork of the whole process costs
    it more than it saves, however large the context."""
    monkeypatch.chdir(ROOT / "fixtures")
    forks = []
    monkeypatch.setattr(engine, "in_two", _spy(engine.in_two, forks))
    monkeypatch.setattr(engine, "FORK_MIN_OBJECTS", 10)
    args = ["--format", "json", "--fail-on", "never", "--no-cache", "--jobs", "2"]
    named = CliRunner().invoke(main, ["check", "seed/05-service-dev.yaml", "--context", ".", *args])
    assert named.exit_code == 0 and forks == []
    whole = CliRunner().invoke(main, ["check", ".", *args])
    assert whole.exit_code == 0 and len(forks) == 1


def test_the_cluster_rules_judged_outside_the_fork_collect_no_dns_reference(monkeypatch):
    """The fork's other side builds the DNS references: the rules judged here must not build them again."""
    import kdlint.dns_index as dns_module
    from kdlint import rules
    from kdlint.rules.base import Needs

    here = [code for code, rule in rules.REGISTRY.items()
            if rule.META.needs is Needs.CLUSTER and not code.startswith(engine.FORKED_RULES)]
    assert "KD409" in here and "KD506" in here and "KD301" in here
    calls = []
    collect = dns_module.collect
    monkeypatch.setattr(dns_module, "collect", lambda *args: calls.append(1) or collect(*args))
    monkeypatch.chdir(ROOT / "fixtures")
    report(ROOT / "fixtures", "--jobs", "1", "--select", ",".join(here))
    assert calls == []
    report(ROOT / "fixtures", "--jobs", "1", "--select", "KD401")
    assert calls  # the spy does see a collection


def test_the_forked_side_builds_the_dns_references_once_then_splits_its_rules(monkeypatch):
    from kdlint import forked

    monkeypatch.chdir(ROOT / "fixtures")
    in_process = report(ROOT / "fixtures", "--jobs", "1")
    monkeypatch.setattr(forked, "FORKS", False)  # each side computed here, one after the other: every split is seen
    monkeypatch.setattr(engine, "FORK_MIN_OBJECTS", 0)
    builds, splits = [], []
    import kdlint.dns_index as dns_module

    monkeypatch.setattr(dns_module.DnsIndex, "build", _spy(dns_module.DnsIndex.build, builds))
    monkeypatch.setattr(engine, "in_two", _spy(engine.in_two, splits))
    assert report(ROOT / "fixtures", "--jobs", "2") == in_process  # same findings, in the same order
    assert len(splits) == 2 and builds  # the DNS rules' side split in two, after building the references
    splits.clear()
    one = ["check", "seed/05-service-dev.yaml", "--context", ".", "--format", "json", "--fail-on", "never", "--no-cache"]
    assert CliRunner().invoke(main, [*one, "--jobs", "2"]).output == CliRunner().invoke(main, [*one, "--jobs", "1"]).output
    assert len(splits) == 1  # with --context, the rules read few references, each its own: not split
