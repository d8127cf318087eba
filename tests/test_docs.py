"""Generated docs are current, and the configuration snippets in the README are valid."""

import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from kdlint import rules as registry
from kdlint.rulebook import index_markdown

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = "python -m kdlint.rulebook > docs/rules.md"


def readme_block(after_heading: str) -> str:
    """The first ```yaml block in the README section with this heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {after_heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_rules_index_is_current():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == index_markdown(registry.all_rules()), f"docs/rules.md is out of date; regenerate it with `{REGENERATE}`"


def test_readme_workflow_is_a_valid_github_workflow(tmp_path):
    workflow = tmp_path / "kdlint.yml"
    workflow.write_text(readme_block("GitHub Actions"))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    steps = YAML(typ="safe").load(workflow.read_text())["jobs"]["kdlint"]["steps"]
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in steps)
    inputs = next(step for step in steps if step.get("id") == "kdlint")["with"]
    action_inputs = YAML(typ="safe").load((ROOT / "action.yml").read_text())["inputs"]
    assert set(inputs) <= set(action_inputs)


def test_readme_pre_commit_config_is_valid(tmp_path):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(readme_block("pre-commit"))
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    (repo,) = YAML(typ="safe").load(config.read_text())["repos"]
    assert repo["hooks"][0]["id"] == "kdlint"


def test_readme_config_example_is_valid(tmp_path):
    from kdlint.config import load_config

    config = tmp_path / ".kdlint.yaml"
    config.write_text(readme_block("Configuration"))
    loaded = load_config(config)
    assert loaded.baseline and loaded.context
