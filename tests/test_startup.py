"""Start-up (issue 12: one small file in at most 70 ms): a run loads only what it needs.

Each run is a real `kdlint check` in a fresh interpreter; the test reads which modules it had
imported when it ended (sys.modules), never how long it took. A rerun answered by the run cache
loads no YAML parser, schema, rule, renderer or process machinery; a cold run loads the checker,
but not what a small plain file never uses (git, a process pool, the kustomize renderer, RE2).
"""

import subprocess
import sys

import pytest

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector: {app: api}
  ports:
    - name: http
      port: 8080
      targetPort: http
"""

# runs the command line, then prints the imported modules on a last line of their own
PROBE = """
import sys
from kdlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
made = [f"{name}.{cls.__name__}" for name, module in list(sys.modules.items()) if name.startswith("kdlint")
        for cls in vars(module).values()
        if isinstance(cls, type) and cls.__module__ == name and "__dataclass_fields__" in vars(cls)]
sys.stdout.write("\\nDATACLASSES " + " ".join(sorted(made)))
sys.stdout.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""

# never needed by a run over a small plain file, cold or warm
NEVER = (
    "subprocess", "shutil", "hashlib", "multiprocessing", "concurrent.futures", "networkx", "jsonschema", "pathspec",
    "re2", "kdlint.kustomize.build", "kdlint.baseline",
)
# loaded by a cold run, never by a rerun the run cache answers
COLD_ONLY = (
    "ruamel.yaml", "jsonschema_rs", "orjson", "json", "signal", "kdlint.engine", "kdlint.rules", "kdlint.load.documents",
    "kdlint.schema", "kdlint.units", "kdlint.kustomize", "kdlint.graph", "kdlint.dns_index", "kdlint.fixes",
)


@pytest.fixture
def small(tmp_path, monkeypatch):
    monkeypatch.delenv("KDLINT_CACHE_DIR", raising=False)
    (tmp_path / ".git").mkdir()  # the config search stops here
    (tmp_path / "small.yaml").write_text(SERVICE, encoding="utf-8")
    return tmp_path


def run(folder, *args) -> tuple[str, set[str]]:
    """The report of `kdlint check small.yaml ARGS` in `folder`, and the modules it imported."""
    report, modules, _ = probe(folder, *args)
    return report, modules


def probe(folder, *args) -> tuple[str, set[str], set[str]]:
    """The report, the modules imported and the dataclasses made by `kdlint check small.yaml ARGS`."""
    argv = [sys.executable, "-c", PROBE, "check", "small.yaml", "--cache-dir", str(folder / "cache"), *args]
    done = subprocess.run(argv, cwd=folder, capture_output=True, text=True, timeout=120, check=False)
    rest, _, modules = done.stdout.rpartition("\nMODULES ")
    report, _, dataclasses = rest.rpartition("\nDATACLASSES ")
    assert modules, done.stderr
    return report, set(modules.split()), set(dataclasses.split())


@pytest.mark.parametrize("report_format, needs", [("text", ()), ("json", ("orjson", "json"))])  # orjson imports json
def test_a_rerun_answered_by_the_run_cache_loads_no_checker(small, report_format, needs):
    cold_report, cold = run(small, "--format", report_format)
    warm_report, warm = run(small, "--format", report_format)
    assert "KD301" in cold_report and warm_report == cold_report
    assert sorted(set(COLD_ONLY) - cold) == []  # the first run did check: the list names real modules
    assert sorted(m for m in warm if m in COLD_ONLY + NEVER and m not in needs) == []


def test_a_cold_run_loads_no_process_git_or_renderer_machinery(small):
    report, cold = run(small, "--no-cache")
    assert "KD301" in report
    assert "ruamel.yaml" in cold and "kdlint.rules" in cold
    assert sorted(m for m in cold if m in NEVER) == []


def test_a_rerun_makes_no_dataclass_but_the_config_and_the_report(small):
    """Making a frozen dataclass runs six to ten generated methods through exec (about a
    millisecond each): the values every run makes are named tuples or plain classes. Config,
    Settings and Selection stay dataclasses (their repr is part of the run cache's key)."""
    run(small, "--format", "json")
    report, _, made = probe(small, "--format", "json")
    assert "KD301" in report
    assert made == {"kdlint.config.Config", "kdlint.settings.Settings", "kdlint.selection.Selection", "kdlint.findings.Report"}
