"""The CLI's wiring: exit codes, formats, outputs, stdin, rule listing."""

import json
from pathlib import Path

import pytest

from harness import kdlint_cli as run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
GOOD = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
BROKEN = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: jump\nspec:\n  containers:\n    - name: jump\n    image: ubuntu\n"


def test_clean_input_exits_0(workdir):
    (workdir / "ns.yaml").write_text(GOOD)
    result = run("check", "ns.yaml")
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_findings_exit_1_with_text_lines(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    result = run("check", "pod.yaml")
    assert result.exit_code == 1
    assert result.output.startswith("pod.yaml:8:5: KD101 [error] `image` is at column 5")


def test_fail_on_threshold(workdir):
    (workdir / "list.yaml").write_text("- kind: a\n- b\n")
    assert run("check", "list.yaml").exit_code == 0  # KD003 is info
    assert run("check", "list.yaml", "--fail-on", "info").exit_code == 1
    (workdir / "pod.yaml").write_text(BROKEN)
    assert run("check", "pod.yaml", "--fail-on", "never").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("check", "missing.yaml"),
        ("check", "x.yaml", "--format", "nope"),
        ("check", "x.yaml", "--select", "KD999X"),
        ("check", "x.yaml", "--output", "a", "--output", "b"),
        ("rule", "KD999"),
    ],
)
def test_usage_errors_exit_2(workdir, args):
    (workdir / "x.yaml").write_text(GOOD)
    result = run(*args)
    assert result.exit_code == 2, result.output


def test_bad_config_exits_2_naming_file_and_key(workdir):
    (workdir / "x.yaml").write_text(GOOD)
    (workdir / ".kdlint.yaml").write_text("fail-on: sometimes\n")
    result = run("check", "x.yaml")
    assert result.exit_code == 2
    assert ".kdlint.yaml: invalid config at `fail-on`" in result.output


def test_unparsable_config_exits_2_with_line(workdir):
    (workdir / "x.yaml").write_text(GOOD)
    (workdir / ".kdlint.yaml").write_text("select: [KD1\n")
    result = run("check", "x.yaml")
    assert result.exit_code == 2
    assert ".kdlint.yaml:" in result.output and "invalid YAML" in result.output


def test_config_from_pyproject(workdir):
    # KD101 cannot be ignored (unparsable input is always reported), but its severity can change
    (workdir / "pyproject.toml").write_text('[tool.kdlint]\nseverity = {KD101 = "warning"}\n')
    (workdir / "pod.yaml").write_text(BROKEN)
    assert run("check", "pod.yaml").exit_code == 0


def test_json_report_shape(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    report = json.loads(run("check", "pod.yaml", "--format", "json").output)
    (finding,) = report["findings"]
    assert finding == {
        "code": "KD101",
        "name": "broken-indentation",
        "severity": "error",
        "message": finding["message"],
        "file": "pod.yaml",
        "line": 8,
        "column": 5,
        "object": {"apiVersion": "v1", "kind": "Pod", "namespace": "default", "name": "jump"},
        "related": [],
        "fix": "indent line 8 to column 7",
        "units": [],
        "autofix": {
            "title": "indent line 8 to column 7",
            "applicability": "safe",
            "edits": [{"file": "pod.yaml", "start": {"line": 8, "column": 1}, "end": {"line": 8, "column": 1}, "replacement": "  "}],
        },
    }
    assert report["summary"] == {"files": 1, "documents": 1, "objects": 0, "error": 1, "warning": 0, "info": 0}


def test_several_reports_in_one_run(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    result = run("check", "pod.yaml", "--format", "json", "--output", "out/r.json", "--format", "text")
    assert result.exit_code == 1
    assert json.loads((workdir / "out" / "r.json").read_text())["summary"]["error"] == 1
    assert result.output.startswith("pod.yaml:8:5: KD101")


def test_stdin_with_filename():
    result = run("check", "-", "--stdin-filename", "rendered.yaml", input=BROKEN)
    assert result.exit_code == 1
    assert result.output.startswith("rendered.yaml:8:5: KD101")


def test_empty_stdin_is_a_clear_note():
    result = run("check", "-", input="")
    assert result.exit_code == 0
    assert "standard input (<stdin>) is empty" in result.output


def test_directory_without_yaml(workdir):
    (workdir / "empty").mkdir()
    result = run("check", "empty")
    assert result.exit_code == 0
    assert "no YAML or JSON files found under empty" in result.output


def test_seed_example_reports_both_broken_indentations(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("check", "fixtures/seed/")
    assert result.exit_code == 1
    kd101 = [line for line in result.output.splitlines() if " KD101 " in line]
    assert [line.split(": KD101")[0] for line in kd101] == [
        "fixtures/seed/04-deployment-prod.yaml:20:9",
        "fixtures/seed/07-pod-jump.yaml:10:9",
    ]


def test_rules_listing_and_rule_page():
    listing = run("rules").output.splitlines()
    words = [" ".join(line.split()) for line in listing]
    assert "KD101 broken-indentation error each YAML document fix A mis-indented line breaks the YAML" in words
    assert "KD301 service-selects-nothing error each Service Service selector matches no Pods in its namespace" in words
    assert "KD502 duplicate-object error each group of same-named objects The same object is defined twice in one cluster" in words
    # the summaries line up, however long what a rule judges reads
    assert len({line.index(summary) for line, summary in zip(listing, _summaries())}) == 1
    page = run("rule", "broken-indentation")
    assert page.exit_code == 0
    assert page.output.startswith("# KD101 broken-indentation")
    assert "```yaml" in page.output


def _summaries():
    from kdlint import rules as registry

    return [rule.META.summary for rule in registry.all_rules()]


def test_python_dash_m_entry_point():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kdlint", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "kdlint" in result.stdout


@pytest.mark.parametrize("code", sorted(__import__("kdlint.rules", fromlist=["REGISTRY"]).REGISTRY))
def test_every_rule_page_prints(code):
    result = run("rule", code)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"# {code} ")
