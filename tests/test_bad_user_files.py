"""Every bad user file is exit 2 naming it; every option value is validated (issue 10, item 11)."""

import pytest
from click.testing import CliRunner

from kdlint.cli import main

DEEP_YAML = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_JSON = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 5000


def run(tmp_path, monkeypatch, files: dict, *args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "x.yaml").write_text("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = CliRunner().invoke(main, ["check", "x.yaml", *args])
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


@pytest.mark.parametrize(
    "files,args,expected",
    [
        ({".kdlint.yaml": DEEP_YAML}, (), ".kdlint.yaml:1: invalid YAML in the config file (nesting is deeper than 150 levels)"),
        ({".kdlint.yaml": f"max-file-size: {HUGE}\n"}, (), ".kdlint.yaml:1: invalid YAML in the config file (a number of 5,000 digits"),
        ({".kdlint.yaml": "fail-on: error\nfail-on: never\n"}, (), ".kdlint.yaml:2: `fail-on` appears twice in the config file (first on line 1)"),
        ({"pyproject.toml": "[tool.kdlint]\nx = " + DEEP_JSON + "\n"}, (), "pyproject.toml: the file is nested too deeply"),
        ({"base.json": DEEP_JSON}, ("--baseline", "base.json"), "base.json: the baseline is nested too deeply"),
        ({"base.json": '{"kdlint-baseline": ' + HUGE + "}"}, ("--baseline", "base.json"), "base.json: cannot read the baseline (Exceeds the limit"),
        ({"s/pod-v1.json": DEEP_JSON}, ("--schema-dir", "s"), "s/pod-v1.json: the schema is nested too deeply"),
        ({"s/pod-v1.json": '{"maxLength": ' + HUGE + "}"}, ("--schema-dir", "s"), "s/pod-v1.json: cannot read the schema (Exceeds the limit"),
    ],
    ids=["config-deep", "config-huge-number", "config-duplicate-key", "pyproject-deep", "baseline-deep", "baseline-huge-number", "schema-deep", "schema-huge-number"],
)
def test_bad_user_files_are_exit_2_naming_the_file(tmp_path, monkeypatch, files, args, expected):
    result = run(tmp_path, monkeypatch, files, *args)
    assert result.exit_code == 2
    assert expected in result.output


@pytest.mark.parametrize(
    "args,expected",
    [
        (("--cluster-domain", "..."), "invalid value for --cluster-domain: '...' is not a DNS domain such as cluster.local"),
        (("--cluster-domain", "Cluster Local"), "invalid value for --cluster-domain"),
        (("--default-namespace", "a b"), "invalid value for --default-namespace: 'a b' is not a namespace name"),
    ],
)
def test_option_values_are_validated(tmp_path, monkeypatch, args, expected):
    result = run(tmp_path, monkeypatch, {}, *args)
    assert result.exit_code == 2 and expected in result.output


def test_a_trailing_dot_in_the_cluster_domain_is_fine(tmp_path, monkeypatch):
    assert run(tmp_path, monkeypatch, {}, "--cluster-domain", "cluster.local.").exit_code == 0
