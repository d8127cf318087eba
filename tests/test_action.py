"""The GitHub Action: its metadata is valid, and its shell steps work under a faked runner environment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from worktree import ROOT, copy_working_tree

BAD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: jump\nspec:\n  containers:\n    - name: jump\n    image: ubuntu\n"
GOOD = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")


def action() -> dict:
    return YAML(typ="safe").load((ROOT / "action.yml").read_text())


def test_metadata_is_valid_against_the_github_actions_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_inputs_and_composite_steps():
    meta = action()
    assert set(meta["inputs"]) == {"paths", "args", "fail-on", "sarif-file", "fail-on-fixable"}
    assert meta["runs"]["using"] == "composite"
    scripts = [step["run"] for step in meta["runs"]["steps"]]
    assert 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in scripts[0]
    assert all("${{" not in script for script in scripts), "inputs must reach scripts as env variables"


class Runner:
    """Just enough of the Actions runner for composite `run` steps: inputs, env, GITHUB_PATH, outputs."""

    def __init__(self, tmp: Path, action_path: Path):
        self.workspace = tmp / "workspace"
        self.temp = tmp / "runner-temp"
        self.files = {name: tmp / name for name in ("path", "output", "summary")}
        self.workspace.mkdir()
        self.temp.mkdir()
        for file in self.files.values():
            file.write_text("")
        self.action_path = action_path
        # a Python without kdlint: the action must install its own
        self.base_path = [str(Path(sys.base_prefix) / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]

    def run_steps(self, inputs: dict, only=None) -> list[subprocess.CompletedProcess]:
        meta = action()
        values = {name: str(spec.get("default", "")) for name, spec in meta["inputs"].items()} | inputs
        results = []
        for step in meta["runs"]["steps"]:
            if only is not None and step.get("id") not in only:
                continue
            added = [line for line in self.files["path"].read_text().splitlines() if line]
            env = {
                "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
                "PATH": os.pathsep.join(list(reversed(added)) + self.base_path),
                "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_WORKSPACE": str(self.workspace),
                "GITHUB_ACTION_PATH": str(self.action_path), "RUNNER_TEMP": str(self.temp),
                "GITHUB_PATH": str(self.files["path"]), "GITHUB_OUTPUT": str(self.files["output"]),
                "GITHUB_STEP_SUMMARY": str(self.files["summary"]),
            } | {key: value for key, value in os.environ.items() if key.startswith("PIP_")}
            env |= {key: EXPRESSION.sub(lambda m: values[m.group(1)], value) for key, value in step.get("env", {}).items()}
            results.append(subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=self.workspace, env=env, capture_output=True, text=True, timeout=900,
            ))
            if step.get("id") != "check":
                assert results[-1].returncode == 0, results[-1].stdout + results[-1].stderr
        return results


@pytest.fixture(scope="module")
def runner(tmp_path_factory) -> Runner:
    tmp = tmp_path_factory.mktemp("action")
    fake = Runner(tmp, copy_working_tree(tmp / "action-checkout"))
    (fake.workspace / "deploy").mkdir()
    (fake.workspace / "deploy" / "bad.yaml").write_text(BAD)
    (fake.workspace / "deploy" / "good.yaml").write_text(GOOD)
    (fake.workspace / ".git").mkdir()
    _, fake.first = fake.run_steps({"paths": "deploy"})
    return fake


def test_the_action_annotates_summarises_and_writes_sarif(runner):
    check = runner.first
    assert check.returncode == 1, check.stderr
    assert check.stdout.splitlines() == [
        "::error file=deploy/bad.yaml,line=8,col=5,title=KD101 broken-indentation::"
        + check.stdout.split("broken-indentation::", 1)[1].splitlines()[0]
    ]
    summary = runner.files["summary"].read_text()
    assert summary.startswith("## kdlint\n") and "| error | KD101 broken-indentation | deploy/bad.yaml:8:5 |" in summary
    sarif = json.loads((runner.workspace / "kdlint.sarif").read_text())
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "deploy/bad.yaml"
    assert "sarif-file=kdlint.sarif" in runner.files["output"].read_text()
    assert (runner.temp / "kdlint-venv" / "bin" / "kdlint").is_file()


def test_inputs_change_the_run(runner):
    (check,) = runner.run_steps({"paths": "deploy/bad.yaml deploy/good.yaml", "fail-on": "never", "sarif-file": "out/k.sarif"}, only={"check"})
    assert check.returncode == 0 and "KD101" in check.stdout
    assert json.loads((runner.workspace / "out" / "k.sarif").read_text())["runs"][0]["results"]
    # extra args reach kdlint (KD101 itself cannot be ignored: unparsable input is always reported)
    (relaxed,) = runner.run_steps({"paths": "deploy", "args": "--statistics", "fail-on": "never"}, only={"check"})
    assert relaxed.returncode == 0 and "KD101" in relaxed.stdout
    assert "1  finding(s) in total" in relaxed.stderr


def test_a_usage_error_fails_the_step(runner):
    (check,) = runner.run_steps({"paths": "nowhere"}, only={"check"})
    assert check.returncode == 2 and "nowhere: no such file or directory" in check.stderr


def test_fail_on_fixable_puts_the_diff_in_the_summary(runner):
    odd = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: odd\n    namespace: x\ndata:\n  s: \"````\"\n"
    (runner.workspace / "fixable").mkdir()
    (runner.workspace / "fixable" / "cm.yaml").write_text(odd)
    (check,) = runner.run_steps({"paths": "fixable", "fail-on": "never", "fail-on-fixable": "true"}, only={"check"})
    assert check.returncode == 1, check.stdout + check.stderr
    assert check.stdout.splitlines()[-1] == (
        "::error title=kdlint fixable::kdlint check --fix would change files; the diff is in the job summary"
    )
    summary = runner.files["summary"].read_text()
    section = summary.split("## kdlint --fix would change these files\n", 1)[1]
    assert "`````diff\n--- a/fixable/cm.yaml\n+++ b/fixable/cm.yaml\n" in section  # a fence longer than the content's
    assert "-    namespace: x\n+  namespace: x\n" in section and section.rstrip().endswith("`````")
    assert (runner.workspace / "fixable" / "cm.yaml").read_text() == odd  # nothing written
    (plain,) = runner.run_steps({"paths": "deploy", "fail-on-fixable": "true"}, only={"check"})
    assert plain.returncode == 1, plain.stdout + plain.stderr
    assert "```diff\n--- a/deploy/bad.yaml\n" in runner.files["summary"].read_text()
    (clean,) = runner.run_steps({"paths": "deploy/good.yaml", "fail-on-fixable": "true"}, only={"check"})
    assert clean.returncode == 0, clean.stdout + clean.stderr
