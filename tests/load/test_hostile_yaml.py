"""Hostile YAML: right positions, one-line words, directives, encodings, no crash (issue 10, items 9-10, 12-15)."""

from functools import partial

from kdlint.engine import lint
from kdlint.load.documents import load_documents
from kdlint.load.sources import decode
from kdlint.selection import Selection
from kdlint.settings import Settings
from harness import lint_snippet, kdlint_cli

BAD_SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\n"


findings = partial(lint_snippet, fields=("code", "file", "line", "column"))
messages = partial(lint_snippet, fields="message")


# item 9: depth is measured once aliases are expanded

ALIAS_CHAIN = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 1100))


def test_an_alias_chain_deeper_than_the_limit_is_a_finding():
    (doc,) = load_documents("chain.yaml", ALIAS_CHAIN)
    assert doc.error is not None and doc.error.line == 150
    assert doc.error.problem == "nesting is deeper than 150 levels once aliases are expanded"


def test_an_alias_chain_crashes_no_command(tmp_path):
    files = {"chain.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n" + "".join("  " + line + "\n" for line in ALIAS_CHAIN.splitlines())}
    for command in (["check"], ["graph"], ["endpoints"]):
        result = kdlint_cli(*command, "chain.yaml", cwd=tmp_path, files=files)
        assert result.exit_code in (0, 1), result.output
    assert "KD001 [error] invalid YAML: nesting is deeper than 150 levels once aliases are expanded" in kdlint_cli("check", "chain.yaml", cwd=tmp_path, files=files).output


# item 10: a huge integer is a finding on its document, never the end of the run

HUGE = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {}\nreplicas: " + "9" * 4301 + "\n"


def test_a_huge_integer_is_a_finding_on_its_document_only():
    source = decode("big.yaml", (HUGE + "---\n" + BAD_SERVICE).encode())
    assert findings(source, select=("KD0", "KD501")) == [("KD001", "big.yaml", 5, 11), ("KD501", "big.yaml", 10, 9)]
    assert "a number of 4,301 digits cannot be read" in messages(source, select=("KD001",))[0]


def test_a_huge_integer_in_a_context_file_does_not_abort_the_run(tmp_path):
    result = kdlint_cli("check", "svc.yaml", "--context", "big.yaml", cwd=tmp_path, files={"big.yaml": HUGE, "svc.yaml": BAD_SERVICE})
    assert result.exit_code == 1
    assert result.output.startswith("svc.yaml:4:9: KD501")


# item 12: positions are the file's lines, whatever else YAML counts as a line break

def test_unicode_line_separators_do_not_shift_positions():
    for separator in ("\u2028", "\x85", "\u2029"):
        text = f'apiVersion: v1\nkind: Service\nmetadata:\n  annotations: {{a: "x{separator}y{separator}z"}}\n  name: Bad_Name\n'
        assert findings(decode("s.yaml", text.encode()), select=("KD501",)) == [("KD501", "s.yaml", 5, 9)]


def test_a_lone_carriage_return_in_a_string_does_not_shift_positions():
    text = 'apiVersion: v1\nkind: Service\nmetadata:\n  annotations: {a: "x\ry"}\n  name: Bad_Name\n'
    assert findings(decode("s.yaml", text.encode()), select=("KD501",)) == [("KD501", "s.yaml", 5, 9)]


# item 13: a bad character is reported where it is, in one line

def test_a_control_character_is_reported_at_its_position_in_one_line():
    text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  k: "\x07"\n'
    source = decode("c.yaml", text.encode())
    assert findings(source, select=("KD001",)) == [("KD001", "c.yaml", 5, 7)]
    (message,) = messages(source, select=("KD001",))
    assert "\n" not in message and "characters are not allowed" in message and "#x0007" in message


def test_every_syntax_message_is_one_line():
    for text in ("a: [1\n", "a: 'x\n", "a:\n  - b\n c: d\n", "a: *nope\n", "\tkey: 1\n"):
        for message in messages(decode("t.yaml", text.encode()), select=("KD0", "KD1")):
            assert "\n" not in message, message


# item 14: directives, encodings and byte order marks

def test_yaml_directive_is_not_a_syntax_error():
    text = "%YAML 1.1\n---\n" + BAD_SERVICE + "---\n%YAML 1.2\n---\n" + BAD_SERVICE
    # the second %YAML follows a document without `...`: a real error in YAML, kept as KD001
    got = findings(decode("d.yaml", text.encode()), select=("KD0", "KD501"))
    assert ("KD501", "d.yaml", 6, 9) in got


def test_tag_directive_applies_to_its_document():
    text = "%TAG !e! tag:example.com,2000:\n---\n" + BAD_SERVICE + "  labels: {a: !e!text x}\n"
    (doc,) = load_documents("t.yaml", text)
    assert doc.error is None and doc.body["metadata"]["labels"] == {"a": "x"}
    assert findings(decode("t.yaml", text.encode()), select=("KD0", "KD501")) == [("KD501", "t.yaml", 6, 9)]


def test_utf16_and_utf32_input_is_decoded():
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"):
        source = decode("u.yaml", BAD_SERVICE.encode(encoding))
        assert source.problem is None, encoding
        assert findings(source, select=("KD0", "KD501")) == [("KD501", "u.yaml", 4, 9)]


def test_a_bom_before_a_later_document_is_not_a_syntax_error():
    data = b"\xef\xbb\xbf" + BAD_SERVICE.encode() + b"\xef\xbb\xbf---\n" + BAD_SERVICE.replace("Bad_Name", "Bad_Two").encode()
    assert findings(decode("b.yaml", data), select=("KD0", "KD501")) == [("KD501", "b.yaml", 4, 9), ("KD501", "b.yaml", 9, 9)]


# item 15: valid YAML that libyaml rejects is read by the accurate parser

def test_colons_inside_flow_plain_scalars_are_valid():
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
        "  containers: [{name: web, image: nginx:1.27, command: [sh, -c, echo a:b]}]\n"
    )
    (doc,) = load_documents("p.yaml", text)
    assert doc.error is None
    container = doc.body["spec"]["containers"][0]
    assert container["image"] == "nginx:1.27" and container["command"] == ["sh", "-c", "echo a:b"]
    assert doc.positions.value(("spec", "containers", 0, "image")) == (5, 35)
    assert findings(decode("p.yaml", text.encode()), select=("KD0", "KD2")) == []


# item 7: bounded work and bounded findings

def test_alias_amplification_is_capped_per_document():
    keys = "".join(f"    k{i}: v\n" for i in range(900))
    text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - &c\n    name: c\n    image: x\n" + keys
    text += "  - *c\n" * 1000
    source = decode("amp.yaml", text.encode())
    assert findings(source) == [("KD001", "amp.yaml", 1020, 5)]
    assert "aliases expand to more than 100,000 nodes in this document" in messages(source)[0]


def test_findings_past_the_limit_are_counted_in_one():
    keys = "".join(f"    k{i}: v\n" for i in range(250))
    text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n" + keys
    report = lint([decode("many.yaml", text.encode())], Settings(), Selection(select=("KD202",)))
    assert len(report.findings) == 101
    summary = [f for f in report.findings if f.message.startswith("... and")]
    assert [f.message for f in summary] == ["... and 150 more unknown-field findings on this object; only the first 100 are listed"]


def test_one_rule_on_one_document_stops_counting():
    text = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n" + b"  a: x\n" * 5000
    report = lint([decode("dup.yaml", text)], Settings(), Selection(select=("KD002",)))
    assert len(report.findings) == 101
    assert "... and at least 900 more duplicate-key findings in this file (counting stopped at 1,000); only the first 100 are listed" in [f.message for f in report.findings]


def test_stdin_is_bounded_by_max_file_size(tmp_path):
    (tmp_path / ".kdlint.yaml").write_text("max-file-size: 100\n")
    result = kdlint_cli("check", "-", cwd=tmp_path, input="a: 1\n" * 1000)
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:1:1: KD004 [error] standard input is over the 100-byte limit (max-file-size)")


def test_documents_past_the_limit_are_one_finding(monkeypatch):
    from kdlint.load import documents

    monkeypatch.setattr(documents, "MAX_DOCUMENTS", 3)
    text = "".join(f"---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: n{i}}}\n" for i in range(10))
    loaded = load_documents("many.yaml", text)
    assert len(loaded) == 4 and loaded[-1].error.line == 13
    assert loaded[-1].error.problem == "the file holds more than 3 documents; the rest is not loaded"


def test_a_flat_mapping_past_the_node_cap_stops_loading(monkeypatch):
    from kdlint.load import documents

    monkeypatch.setattr(documents, "MAX_NODES", 50)
    (doc,) = load_documents("flat.yaml", "kind: ConfigMap\n" + "a: 1\n" * 100)
    assert (doc.error.line, doc.error.column) == (51, 4)
    assert doc.error.problem.startswith("the document has more than 50 nodes")


def test_an_ill_typed_dns_config_crashes_no_rule():
    # found by the mutation fuzzer: `dnsConfig` holding a list crashed KD401 (KD009)
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: tools, namespace: ops}\nspec:\n  dnsConfig:\n"
        "    - prod.svc.cluster.local\n  containers:\n  - name: t\n    image: x\n"
        "    env: [{name: BILLING_URL, value: 'http://billing:80'}]\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: billing, namespace: prod}\nspec: {selector: {app: b}, ports: [{port: 80}]}\n"
    )
    found = findings(decode("p.yaml", pod.encode()), select=("KD4", "KD009"))
    assert [f for f in found if f[0] == "KD009"] == []
    assert ("KD401", "p.yaml", 10, 46) in found
