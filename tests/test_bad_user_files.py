"""Every bad user file is exit 2 naming it; every option value is validated (issue 10, item 11)."""

import pytest

from harness import kdlint_cli

DEEP_YAML = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_JSON = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 5000


NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n"


def check_x(folder, files: dict, *args):
    """`kdlint check x.yaml ARGS` in `folder`, with `files` beside a valid x.yaml."""
    return kdlint_cli("check", "x.yaml", *args, cwd=folder, files={"x.yaml": NAMESPACE, **files})


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
def test_bad_user_files_are_exit_2_naming_the_file(tmp_path, files, args, expected):
    result = check_x(tmp_path, files, *args)
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
def test_option_values_are_validated(tmp_path, args, expected):
    result = check_x(tmp_path, {}, *args)
    assert result.exit_code == 2 and expected in result.output


def test_a_trailing_dot_in_the_cluster_domain_is_fine(tmp_path):
    assert check_x(tmp_path, {}, "--cluster-domain", "cluster.local.").exit_code == 0
