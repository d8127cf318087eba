"""What a new user runs first: default paths, short options, help texts, report targets, quiet."""

import json
import xml.etree.ElementTree as ET

import pytest

from harness import kdlint_cli as run

GOOD = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
BROKEN = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: jump\nspec:\n  containers:\n    - name: jump\n    image: ubuntu\n"
LIST = "kind: Widget\nmetadata:\n  name: w\n"  # a manifest attempt without apiVersion: KD003, info
CURRENT_DIRECTORY = "kdlint: no paths given: reading the current directory\n"


@pytest.mark.parametrize("command", ["check", "baseline", "endpoints", "graph", "units"])
def test_no_paths_reads_the_current_directory_and_says_so(workdir, command):
    (workdir / "pod.yaml").write_text(BROKEN)
    args = [command] + (["-o", "b.json"] if command == "baseline" else [])
    result = run(*args)
    assert result.stderr.startswith(CURRENT_DIRECTORY), result.output
    if command == "check":
        assert result.exit_code == 1
        assert result.stdout.startswith("pod.yaml:8:5: KD101")
    elif command == "baseline":
        assert json.loads((workdir / "b.json").read_text())["findings"][0]["code"] == "KD101"


def test_two_formats_on_stdout_are_a_usage_error(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    result = run("check", "pod.yaml", "--format", "json", "--format", "sarif")
    assert result.exit_code == 2
    assert "2 formats (json, sarif) would all go to stdout" in result.stderr
    assert result.stdout == ""


def test_two_formats_into_the_same_file_are_a_usage_error(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    result = run("check", "pod.yaml", "-f", "json", "-o", "r.out", "-f", "sarif", "-o", "./r.out")
    assert result.exit_code == 2
    assert "--output r.out is given twice" in result.stderr
    assert not (workdir / "r.out").exists()


def test_output_into_a_missing_folder_creates_it(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    result = run("check", "pod.yaml", "-f", "json", "-o", "reports/kd/r.json", "-f", "sarif", "-o", "reports/r.sarif")
    assert result.exit_code == 1, result.output
    assert json.loads((workdir / "reports" / "kd" / "r.json").read_text())["summary"]["error"] == 1
    assert json.loads((workdir / "reports" / "r.sarif").read_text())["version"] == "2.1.0"


def test_short_forms_are_the_same_in_every_command(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    (workdir / "cfg.yaml").write_text("fail-on: never\n")  # KD101 cannot be ignored: unparsable input is always reported
    assert run("check", "pod.yaml", "-c", "cfg.yaml").exit_code == 0
    assert json.loads(run("check", "pod.yaml", "-f", "json").stdout)["summary"]["error"] == 1
    assert run("baseline", "pod.yaml", "-c", "cfg.yaml", "-o", "b.json").exit_code == 0
    assert json.loads(run("endpoints", "pod.yaml", "-f", "json").stdout) == {"services": [], "references_to_missing_services": []}
    assert json.loads(run("graph", "pod.yaml", "-f", "json").stdout)["clusters"] is not None
    assert run("resolve", "x", "pod.yaml", "-c", "cfg.yaml").exit_code == 1


def test_quiet_prints_the_findings_only(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    (workdir / "ns.yaml").write_text(GOOD)
    quiet = run("check", ".", "-q")
    assert quiet.exit_code == 1
    assert quiet.stdout.startswith("pod.yaml:8:5: KD101") and "file(s)" not in quiet.stdout
    clean = run("check", "ns.yaml", "--quiet")
    assert clean.exit_code == 0 and clean.stdout == ""


def test_help_lists_commands_without_cutting_their_summaries():
    result = run("--help")
    commands = result.output.split("Commands:\n", 1)[1]
    assert "..." not in commands
    assert {line.split()[0] for line in commands.splitlines() if line.strip()} >= {
        "baseline", "check", "endpoints", "graph", "resolve", "rule", "rules", "units"}


def test_junit_fails_only_findings_at_or_above_fail_on(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    (workdir / "list.yaml").write_text(LIST)
    default = ET.fromstring(run("check", ".", "-f", "junit").stdout)
    assert default.get("tests") == "2" and default.get("failures") == "1"
    suites = {s.get("name"): s for s in default}
    info_case = suites["list.yaml"].find("testcase")
    assert info_case.find("failure") is None and suites["list.yaml"].get("failures") == "0"
    assert info_case.find("system-out").text.startswith("list.yaml:1:1: KD003 [info]")
    strict = ET.fromstring(run("check", ".", "-f", "junit", "--fail-on", "info").stdout)
    assert strict.get("failures") == "2"
    never = ET.fromstring(run("check", ".", "-f", "junit", "--fail-on", "never").stdout)
    assert never.get("failures") == "0"


def test_a_broken_pyproject_with_kdlint_settings_is_exit_2_naming_the_file(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.kdlint\nignore = ["KD101"]\n')
    for args in (["check", "pod.yaml"], ["check", "pod.yaml", "--config", "pyproject.toml"]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "pyproject.toml: invalid TOML in the config file (" in result.stderr
        assert "at line 4" in result.stderr and result.stdout == ""


def test_a_pyproject_that_is_not_utf8_is_exit_2_naming_the_file(workdir):
    (workdir / "ns.yaml").write_text(GOOD)
    (workdir / "pyproject.toml").write_bytes(b"[tool.kdlint]\nignore = ['\xff']\n")
    result = run("check", "ns.yaml")
    assert result.exit_code == 2
    assert "pyproject.toml: cannot read the file" in result.stderr


def test_another_tools_broken_pyproject_is_not_kdlints_business(workdir):
    (workdir / "ns.yaml").write_text(GOOD)
    (workdir / "pyproject.toml").write_text("[tool.black\nline-length = 100\n")
    assert run("check", "ns.yaml").exit_code == 0


def test_a_kubernetes_version_without_schemas_says_which_is_used(workdir):
    from kdlint.schema.store import pick_version

    newest = pick_version(None)
    (workdir / "ns.yaml").write_text(GOOD)
    result = run("check", "ns.yaml", "--kubernetes-version", "1.99")
    assert result.exit_code == 0
    assert result.stderr == (f"kdlint: note: no schemas for Kubernetes 1.99 are shipped; checking against {newest}, "
                             "the newest shipped version before it\n")
    exact = run("check", "ns.yaml", "--kubernetes-version", f"v{newest}.3-eks-1")
    assert exact.exit_code == 0 and exact.stderr == ""


@pytest.mark.parametrize("command", ["check", "endpoints", "graph"])
def test_a_malformed_kubernetes_version_is_a_usage_error_in_every_command(workdir, command):
    (workdir / "ns.yaml").write_text(GOOD)
    result = run(command, "ns.yaml", "--kubernetes-version", "one.two")
    assert result.exit_code == 2
    assert "invalid Kubernetes version 'one.two'" in result.stderr
