"""Problems are never hidden: templates in strings, directives in strings, selections (issue 10, items 2-4, 6)."""

import time
from functools import partial

from kdlint.engine import lint
from kdlint.load.sources import SourceFile
from kdlint.load.templates import template_line
from kdlint.selection import Selection
from kdlint.settings import Settings
from harness import lint_snippet

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: Web_1
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
"""

ALERTMANAGER = """apiVersion: v1
kind: ConfigMap
metadata:
  name: alertmanager-templates
data:
  slack.tmpl: |
    {{ define "slack.title" }}{{ .Status }}{{ end }}
    {{ template "slack.title" . }}
  quoted: "{{ not a template }}"
---
"""


findings = partial(lint_snippet, name="in.yaml", fields=("code", "line", "column"))


def test_a_template_inside_a_block_scalar_hides_nothing():
    # the Service still gets checked: KD501 (invalid name) and no KD005
    got = findings(ALERTMANAGER + SERVICE)
    assert ("KD501", 14, 9) in got
    assert not [f for f in got if f[0] == "KD005"]


def test_a_template_document_is_judged_alone():
    text = "{{- if .Values.enabled }}\napiVersion: v1\nkind: Namespace\n{{- end }}\n---\n" + SERVICE
    got = findings(text)
    assert ("KD005", 1, 1) in got
    assert ("KD501", 9, 9) in got


def test_structural_markers_are_found():
    assert template_line("metadata:\n  name: {{ .Release.Name }}\n") == 2
    assert template_line("items:\n  - {{ .x }}\n") == 2
    assert template_line("a: |\n  {{ x }}\nb: {{ y }}\n") == 3
    assert template_line('a: "{{ x }}"\n"b": \'{{ y }}\'\n') is None
    assert template_line("- key: |\n    {{ x }}\n  other: 1\n") is None
    assert template_line("- |\n  {{ x }}\n") is None
    assert template_line("a: >-  # folded\n  {{ x }}\n") is None
    assert template_line("# {{ comment }}\na: 1 # {{ x }}\n") is None


def test_template_detection_is_linear():
    body = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  big: |\n"
    small = body + "    line\n" * 20_000 + '    "{{ y }}"\n'
    large = body + "    line\n" * 160_000 + '    "{{ y }}"\n'
    started = time.perf_counter()
    assert template_line(small) is None
    small_time = time.perf_counter() - started
    started = time.perf_counter()
    assert template_line(large) is None
    large_time = time.perf_counter() - started
    assert large_time < 1.0
    assert large_time < 8 * small_time * 3  # 8x the input, far from 64x


BROKEN_NAME = "apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\n"


def test_a_directive_inside_a_block_scalar_suppresses_nothing():
    text = BROKEN_NAME + "  annotations:\n    run.sh: |\n      # kdlint: disable-file=KD all fine\n      echo hi\n"
    assert findings(text, select=("KD501", "KD010")) == [("KD501", 4, 9)]


def test_a_directive_inside_a_quoted_string_suppresses_nothing():
    text = BROKEN_NAME + '  annotations:\n    a: "x # kdlint: disable-file=KD all fine"\n    b: \'# kdlint: ignore=KD501 fine\'\n'
    assert findings(text, select=("KD501", "KD010")) == [("KD501", 4, 9)]


def test_real_comments_still_suppress():
    text = BROKEN_NAME.replace("Bad_Name\n", "Bad_Name # kdlint: ignore=KD501 legacy name\n")
    assert findings(text, select=("KD501", "KD010")) == []
    text = "# kdlint: disable-file=KD501 legacy names\n" + BROKEN_NAME + "  annotations:\n    a: |\n      text\n"
    assert findings(text, select=("KD501", "KD010")) == []


def test_a_directive_after_a_scan_error_is_not_trusted_but_other_documents_are():
    text = 'a: "unclosed # kdlint: disable-file=KD0 x\n---\n# kdlint: disable-file=KD501 legacy\n' + BROKEN_NAME
    assert findings(text, select=("KD0", "KD501")) == [("KD001", 1, 4)]


def test_unreadable_and_unparsable_input_is_reported_whatever_the_selection():
    broken = "apiVersion: v1\nkind: Service\nmetadata: {name: a\n"
    assert findings(broken, select=("KD3",), ignore=("KD301",)) == [("KD001", 3, 11)]
    assert findings(broken, ignore=("KD0", "yaml-syntax")) == [("KD001", 3, 11)]
    indented = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   labels: {}\n"
    assert [f[0] for f in findings(indented, select=("KD5",))] == ["KD101"]
    report = lint([SourceFile("bin.yaml", None, "binary file")], Settings(), Selection(select=("KD3",)))
    assert [(f.code, f.location.line) for f in report.findings] == [("KD004", 1)]
