"""Schema patterns run with RE2 semantics: no ReDoS, rejected patterns reported (issue 10, item 5)."""

import json
import time

from click.testing import CliRunner

from kdlint.cli import main
from kdlint.engine import lint
from kdlint.load.sources import SourceFile
from kdlint.schema.patterns import search, valid_regex
from kdlint.selection import Selection
from kdlint.settings import Settings
from paths import ROOT

CRD = (ROOT / "fixtures" / "hostile" / "widget-crd.yaml").read_text()
WIDGET = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  value: " + "a" * 37 + "!\n"


def schema_findings(*sources, **settings):
    report = lint(list(sources), Settings(**settings), Selection(select=("KD2",)))
    return [(f.code, f.location.file, f.location.line, f.location.column, f.message) for f in report.findings]


def test_catastrophic_pattern_is_linear_through_a_crd():
    started = time.perf_counter()
    found = schema_findings(SourceFile("crd.yaml", CRD.replace("PATTERN", "^(a+)+$")), SourceFile("w.yaml", WIDGET))
    assert time.perf_counter() - started < 5
    assert [f[:4] for f in found] == [("KD201", "w.yaml", 6, 10)]
    assert 'must match the pattern "^(a+)+$"' in found[0][4]


def test_catastrophic_pattern_is_linear_through_a_schema_dir(tmp_path, monkeypatch):
    schema = {"type": "object", "properties": {"spec": {"type": "object", "properties": {"value": {"type": "string", "pattern": "^(a+)+$"}}}}}
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "widget-example-v1.json").write_text(json.dumps(schema))
    started = time.perf_counter()
    found = schema_findings(SourceFile("w.yaml", WIDGET), schema_dirs=(str(tmp_path / "schemas"),))
    assert time.perf_counter() - started < 5
    assert [f[:4] for f in found] == [("KD201", "w.yaml", 6, 10)]


def test_a_pattern_re2_rejects_is_a_finding_on_the_crd():
    found = schema_findings(SourceFile("crd.yaml", CRD.replace("PATTERN", "(a)\\\\1")), SourceFile("w.yaml", WIDGET))
    assert [f[:4] for f in found] == [("KD201", "crd.yaml", 22, 48)]
    assert "is not a valid regular expression" in found[0][4]


def test_a_pattern_re2_rejects_in_a_schema_dir_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "widget-example-v1.json").write_text('{"properties": {"v": {"pattern": "(?=a)"}}}')
    (tmp_path / "w.yaml").write_text(WIDGET)
    result = CliRunner().invoke(main, ["check", "w.yaml", "--schema-dir", "s"])
    assert result.exit_code == 2
    assert "s/widget-example-v1.json: `properties.v.pattern` is '(?=a)', which is not a regular expression" in result.output


def test_re2_semantics():
    assert search("^(a+)+$", "a" * 5000 + "!") is False
    assert search(r"^\p{L}+$", "héllo") is True  # RE2 classes Python's re lacks
    assert not valid_regex(r"(a)\1") and not valid_regex("(?<=a)b")
