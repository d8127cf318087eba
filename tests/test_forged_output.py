"""Output cannot be forged from input, and does not depend on the order of inputs (issue 10, items 16-21)."""

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from kdlint.cli import main
from kdlint.engine import lint
from kdlint.load.sources import SourceFile
from kdlint.reporters import render
from kdlint.selection import Selection
from kdlint.settings import Settings

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def service(name, namespace="shop", selector="app: web"):
    return (
        f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {json.dumps(name)}\n  namespace: {json.dumps(namespace)}\n"
        f"spec:\n  selector: {{{selector}}}\n  ports: [{{port: 80}}]\n"
    )


DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata: {name: other, namespace: shop}
spec:
  selector: {matchLabels: {app: other}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: c, image: nginx}]}
"""


def report_for(files: dict):
    sources = [SourceFile(name, text) for name, text in files.items()]
    return lint(sources, Settings(), Selection())


def test_a_file_name_cannot_forge_a_finding():
    report = report_for({"nl\nfake.yaml:1:1: KD999 [error] forged.yaml": service("Bad_Name")})
    text = render("text", report)
    assert not any(line.startswith("fake.yaml") for line in text.splitlines())
    lines = text.splitlines()
    # a finding's first line starts with its file; its other lines are indented; then the summary
    assert [line for line in lines[:-1] if not line.startswith("    ")] == [line for line in lines if line.startswith("nl\\x0afake.yaml:")]
    assert len([line for line in lines[:-1] if not line.startswith("    ")]) == len(report.findings)
    assert "nl\\x0afake.yaml" in text


def test_an_object_name_cannot_forge_a_workflow_command():
    report = report_for({"s.yaml": service("web\n::error file=x.yaml,line=1::forged") + "---\n" + DEPLOYMENT})
    github = render("github", report)
    lines = github.splitlines()
    assert len(lines) == len(report.findings)
    assert all(line.startswith(("::error file=s.yaml,", "::warning file=s.yaml,", "::notice file=s.yaml,")) for line in lines)


@pytest.mark.parametrize("escape", ["\x1b[2J", "\x1b]0;title\x07", "\u202eevil", "a\u2028b", "\x85", "\x7f"])
def test_terminal_escapes_and_invisible_controls_never_reach_any_output(escape):
    report = report_for({f"f{escape}.yaml": service(f"web{escape}", namespace=f"ns{escape}") + "---\n" + DEPLOYMENT})
    assert report.findings
    for format_name in FORMATS:
        output = render(format_name, report, show_source=True)
        assert not UNSAFE.search(output.replace("\n", "")), (format_name, output)


def test_markdown_cannot_close_the_fence_or_inject_html():
    namespace = "ns```\n<img src=x onerror=alert(1)>"
    report = report_for({"s.yaml": service("<script>alert(1)</script>|[x](javascript:alert(1))`", namespace=namespace) + "---\n" + DEPLOYMENT.replace("namespace: shop", f"namespace: {json.dumps(namespace)}")})
    markdown = render("markdown", report)
    assert "<script>" not in markdown and "<img" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)  # brackets escaped: no link
    assert markdown.count("```") == 2  # the mermaid fence opens and closes, nothing else
    for row in [line for line in markdown.splitlines() if line.startswith("| ") and "KD" in line]:
        assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells: seven unescaped pipes


def test_dot_labels_cannot_inject_nodes(tmp_path, monkeypatch):
    name = 'a\\"]; injected [label=<PWNED> URL=<https://evil.example/x>]; //'
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(service(name) + "---\n" + DEPLOYMENT)
    result = CliRunner().invoke(main, ["graph", "s.yaml"])
    assert result.exit_code == 0, result.output
    outside_strings = re.sub(r'"(?:[^"\\]|\\.)*"', '""', result.output)
    assert "injected" not in outside_strings and "URL" not in outside_strings
    mermaid = CliRunner().invoke(main, ["graph", "s.yaml", "--format", "mermaid"]).output
    assert "<PWNED>" not in mermaid


def test_junit_with_control_characters_in_a_file_name_parses():
    report = report_for({"bad\x01\x1b.yaml": service("Bad_Name")})
    ET.fromstring(render("junit", report))


def test_non_utf8_file_names_never_crash_a_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    name = os.fsdecode(b"bad\xff.yaml")
    (tmp_path / name).write_text(service("Bad_Name"))
    for format_name in FORMATS:
        result = CliRunner().invoke(main, ["check", name, "--format", format_name, "--show-source"])
        assert result.exit_code == 1, (format_name, result.output)
        text = result.stdout_bytes.decode("utf-8")  # valid UTF-8
        assert "bad\\xff.yaml" in text or "bad\\\\xff.yaml" in text or "bad%FF.yaml" in text, (format_name, text)
        if format_name in ("json", "sarif"):
            json.loads(text)
        if format_name == "junit":
            ET.fromstring(text)
        result = CliRunner().invoke(main, ["check", name, "--format", format_name, "--output", f"out.{format_name}"])
        assert result.exit_code == 1, (format_name, result.output)
        (tmp_path / f"out.{format_name}").read_bytes().decode("utf-8")
    result = CliRunner().invoke(main, ["baseline", name, "-o", "base.json"])
    assert result.exit_code == 0
    assert CliRunner().invoke(main, ["check", name, "--baseline", "base.json"]).exit_code == 0


def test_findings_do_not_depend_on_the_order_of_inputs():
    files = {
        "a.yaml": service("web", selector="app: web"),
        "b.yaml": service("web", selector="app: nope"),
        "c.yaml": DEPLOYMENT.replace("other", "web"),
    }
    orders = [["a.yaml", "b.yaml", "c.yaml"], ["b.yaml", "a.yaml", "c.yaml"], ["c.yaml", "b.yaml", "a.yaml"]]
    results = []
    for order in orders:
        report = lint([SourceFile(name, files[name]) for name in order], Settings(), Selection())
        results.append([(f.code, f.location.file, f.location.line) for f in report.findings])
    assert results[0] == results[1] == results[2]
    assert [f for f in results[0] if f[0] == "KD301"] == [("KD301", "b.yaml", 7)]
