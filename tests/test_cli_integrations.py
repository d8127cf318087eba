"""CLI wiring of the integrations: every format and exit code, baselines, context, colour, statistics."""

import json
import xml.etree.ElementTree as ET

import pytest

from kdlint.cli import FORMATS, ProgressLine
from kdlint.reporters.github import escape_data, escape_property
from harness import kdlint_cli as run

GOOD = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
BROKEN = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: jump\nspec:\n  containers:\n    - name: jump\n    image: ubuntu\n"
DUPLICATE = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: '1'\n  a: '2'\n"


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_format_exits_0_when_clean_and_1_on_findings(workdir, format_name):
    (workdir / "ns.yaml").write_text(GOOD)
    (workdir / "pod.yaml").write_text(BROKEN)
    clean = run("check", "ns.yaml", "--format", format_name)
    assert clean.exit_code == 0, clean.output
    dirty = run("check", "pod.yaml", "--format", format_name)
    assert dirty.exit_code == 1, dirty.output
    assert "KD101" in dirty.output


def test_format_output_pairs(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    result = run("check", "pod.yaml", "--format", "sarif", "--output", "out/k.sarif", "--format", "markdown",
                 "--output", "summary.md", "--format", "github")
    assert result.exit_code == 1
    assert result.output.startswith("::error file=pod.yaml,line=8,col=5,title=KD101 broken-indentation::")
    assert json.loads((workdir / "out" / "k.sarif").read_text())["runs"][0]["results"][0]["ruleId"] == "KD101"
    assert "| error | KD101 broken-indentation |" in (workdir / "summary.md").read_text()


@pytest.mark.parametrize(
    "args, files, message",
    [
        (("check", "x.yaml", "--baseline", "missing.json"), {}, "baseline file not found"),
        (("check", "x.yaml", "--baseline", "b.json"), {"b.json": "{not json"}, "b.json:1: the baseline is not valid JSON"),
        (("check", "x.yaml", "--baseline", "b.json"), {"b.json": "[]"}, "not a kdlint baseline"),
        (("check", "x.yaml", "--baseline", "b.json"), {"b.json": '{"kdlint-baseline": 1, "findings": [{"code": 1}]}'}, "entry 0 is malformed"),
        (("check", "x.yaml"), {".kdlint.yaml": "baseline: 3\n"}, "invalid config at `baseline`"),
        (("check", "x.yaml"), {".kdlint.yaml": "baseline: gone.json\n"}, "gone.json: baseline file not found"),
        (("check", "x.yaml", "--context", "nowhere"), {}, "nowhere: no such file or directory"),
        (("check", "x.yaml"), {".kdlint.yaml": "context: [nowhere]\n"}, "no such file or directory"),
        (("baseline", "x.yaml"), {}, "Missing option '-o'"),
        (("check", "x.yaml", "--format", "sarif", "--output", "a", "--output", "b"), {}, "each --output needs its own --format"),
    ],
)
def test_bad_baseline_config_or_path_exits_2(workdir, args, files, message):
    (workdir / "x.yaml").write_text(BROKEN)
    for name, text in files.items():
        (workdir / name).write_text(text)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_baseline_fails_only_on_new_findings(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    (workdir / "cm.yaml").write_text(GOOD)
    written = run("baseline", "pod.yaml", "cm.yaml", "-o", "baseline.json")
    assert written.exit_code == 0 and "wrote 1 finding(s) to baseline.json" in written.output
    entry = json.loads((workdir / "baseline.json").read_text())["findings"][0]
    assert entry["code"] == "KD101" and entry["file"] == "pod.yaml" and "line N" in entry["message"]

    known = run("check", "pod.yaml", "cm.yaml", "--baseline", "baseline.json")
    assert known.exit_code == 0 and "1 more in the baseline" in known.output

    (workdir / "pod.yaml").write_text("# moved down by a comment\n" + BROKEN)
    assert run("check", "pod.yaml", "--baseline", "baseline.json").exit_code == 0

    (workdir / "cm.yaml").write_text(DUPLICATE)
    new = run("check", "pod.yaml", "cm.yaml", "--baseline", "baseline.json", "--select", "KD0,KD1")
    assert new.exit_code == 1
    assert [line.split(": ")[1].split()[0] for line in new.output.splitlines() if line.startswith(("pod", "cm"))] == ["KD002"]


def test_baseline_from_config_is_relative_to_the_config_file(workdir):
    (workdir / "sub").mkdir()
    (workdir / "sub" / "pod.yaml").write_text(BROKEN)
    assert run("baseline", "sub", "-o", "ci/kdlint-baseline.json").exit_code == 0
    (workdir / ".kdlint.yaml").write_text("baseline: ci/kdlint-baseline.json\n")
    assert run("check", "sub").exit_code == 0
    # the same baseline works from a subdirectory: files are keyed relative to the baseline
    import os

    os.chdir(workdir / "sub")
    assert run("check", "pod.yaml").exit_code == 0


def test_context_option_and_config_key(workdir):
    service = "apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: shop}\nspec:\n  selector: {app: cart}\n  ports: [{port: 80}]\n"
    deployment = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cart, namespace: shop}\nspec:\n"
        "  selector: {matchLabels: {app: kart}}\n  template:\n    metadata: {labels: {app: kart}}\n"
        "    spec: {containers: [{name: c, image: 'c:1', ports: [{containerPort: 80}]}]}\n"
    )
    (workdir / "svc.yaml").write_text(service)
    (workdir / "workloads").mkdir()
    (workdir / "workloads" / "deploy.yaml").write_text(deployment)
    (workdir / "workloads" / "broken.yaml").write_text(BROKEN)
    assert run("check", "svc.yaml", "--select", "KD301").exit_code == 0  # partial input
    with_context = run("check", "svc.yaml", "--select", "KD301,KD101", "--context", ".")
    assert with_context.exit_code == 1
    assert with_context.output.startswith("svc.yaml:5:3: KD301") and "broken.yaml" not in with_context.output
    (workdir / ".kdlint.yaml").write_text("context: [workloads]\n")
    assert run("check", "svc.yaml", "--select", "KD301").exit_code == 1


def test_colour_follows_tty_no_color_and_force_color(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    plain = run("check", "pod.yaml").output
    assert "\033[" not in plain
    forced = run("check", "pod.yaml", env={"FORCE_COLOR": "1"}).output
    assert "\033[31m[error]\033[0m" in forced
    assert "\033[" not in run("check", "pod.yaml", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).output
    assert "\033[" not in run("check", "pod.yaml", "--format", "json", env={"FORCE_COLOR": "1"}).output


def test_show_source_puts_a_caret_under_the_column(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    lines = run("check", "pod.yaml", "--show-source").output.splitlines()
    assert lines[0].startswith("pod.yaml:8:5: KD101 [error]")
    assert lines[1] == "    8 |     image: ubuntu"
    assert lines[2] == "      |     ^"
    assert lines[3:5] == ["    the document is skipped until it parses", "    fix: indent line 8 to column 7"]


def test_statistics(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    (workdir / "cm.yaml").write_text(DUPLICATE + "---\n" + DUPLICATE)
    result = run("check", ".", "--statistics", "--select", "KD0,KD1")
    assert result.output.endswith("     2  KD002  duplicate-key\n     1  KD101  broken-indentation\n     3  finding(s) in total\n")
    as_json = run("check", ".", "--statistics", "--format", "json", "--select", "KD0,KD1")
    assert json.loads(as_json.stdout)["summary"]["error"] == 3  # statistics went to stderr
    assert "finding(s) in total" in as_json.stderr


def test_junit_is_well_formed_xml(workdir):
    (workdir / "pod.yaml").write_text(BROKEN)
    (workdir / "ns.yaml").write_text(GOOD)
    root = ET.fromstring(run("check", ".", "--format", "junit").output)
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    suites = {s.get("name"): s for s in root}
    assert suites["ns.yaml"].find("testcase").find("failure") is None
    failure = suites["pod.yaml"].find("testcase/failure")
    assert failure.get("type") == "error" and failure.text.startswith("pod.yaml:8:5: KD101")


def test_github_escaping():
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_progress_only_on_a_terminal(workdir):
    for number in range(310):
        (workdir / f"ns{number}.yaml").write_text(GOOD.replace("shop", f"shop{number}"))
    result = run("check", ".")
    assert result.exit_code == 0 and "loading" not in result.stderr


def test_progress_line_rewrites_itself(capsys):
    progress = ProgressLine()
    for done in range(1, 401):
        progress(done, 400)
    progress.clear()
    err = capsys.readouterr().err
    assert err.count("\r") == 102 and "kdlint: loading 400/400 files (100%)" in err and err.endswith("\r\033[K")
