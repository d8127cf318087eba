"""kdlint accepts exactly the YAML that Kubernetes' parser accepts (issue 10, item 15).

Kubernetes reads manifests with sigs.k8s.io/yaml, which runs go-yaml (a Go port of libyaml)
and converts the result to JSON. Each case below records what go-yaml does, established from
its scanner and parser (scannerc.go, parserc.go) and from sigs.k8s.io/yaml's conversion:

- yaml_parser_scan_plain_scalar ends a plain scalar at `:` followed by a blank, and in a
  flow collection also at `,` `?` `[` `]` `{` `}`; a `:` followed by anything else is content
  (libyaml, and so ruamel's C parser, raise "found unexpected ':'" there instead);
- yaml_parser_fetch_value accepts `:` right after a key in a flow collection (`{"b":c}`);
- yaml_parser_scan_directive knows only YAML and TAG ("found unknown directive name");
- a tag handle must be declared by a %TAG directive of its document ("found undefined tag handle");
- tabs cannot indent, `@` and the backtick cannot start a token;
- sigs.k8s.io/yaml cannot turn a mapping whose key is a collection into JSON.
"""

import pytest

from kdlint.load.documents import load_documents
from kdlint.load.sources import decode

ACCEPTED = {
    "colon in a flow mapping value": "a: [{name: web, image: nginx:1.27}]\n",
    "colon in a flow sequence item": "a: [sh, -c, echo a:b]\n",
    "colon in a flow mapping": "a: {b: c:d}\n",
    "url in a flow sequence": "a: [http://x.y/z]\n",
    "colon before a closing bracket": "a: [a:]\n",
    "quoted key right before its colon": 'a: {"b":c}\n',
    "version directive": "%YAML 1.1\n---\na: 1\n",
    "directive after a document end": "a: b\n...\n%YAML 1.1\n---\nc: d\n",
    "tag directive": "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "anchor in a flow sequence": "a: [&x 1, *x]\n",
    "merge key": "b: &b {x: 1}\na: {<<: *b, y: 2}\n",
    "byte order mark": "\ufeffa: 1\n",
    "trailing comma in a flow sequence": "a: [b, c,]\n",
    "binary tag": "a: !!binary aGVsbG8=\n",
    "single pair in a flow sequence": "a: [b: c]\n",
    "hash inside a plain scalar": "a: b#c\n",
    "key without value in a flow mapping": "a: {b: c, b2}\n",
    "hexadecimal integer": "a: 0x1F\n",
    "plain scalar over two lines": "a: b\n  c\n",
    "flow sequence over lines": "a: [\n  b,\n  c\n]\n",
    "line separator in a string": 'a: "x\u2028y"\n',
    "windows line ends": "a: 1\r\nb: 2\r\n",
}

REJECTED = {
    "tab indentation": "a:\n\tb: 1\n",
    "unclosed flow sequence": "a: [1, 2\n",
    "unclosed quote": "a: 'x\n",
    "two values on a line": "key: value: other\n",
    "undefined alias": "a: *undefined\n",
    "sequence then mapping": "- a\nb: c\n",
    "quoted key glued to a block value": '"a":b\n',
    "at sign starts a token": "a: @x\n",
    "backtick starts a token": "a: `x`\n",
    "collection as a key": "[a, b]: c\n",
    "complex mapping key": "? {a: 1}\n: b\n",
    "mis-indented mapping": "a: b\n  c: d\n",
    "undefined tag handle": "a: !e!x 1\n",
    "unknown directive": "%FOO bar\n---\na: 1\n",
    "question mark inside a flow plain scalar": "a: [x, y ? z]\n",
    "sequence entry as a value": "a: - b\n",
    "content after a document end": "a: 1\n... x\n",
    "control character": 'a: "\x07"\n',
}


def parses(text: str) -> bool:
    source = decode("t.yaml", text.encode("utf-8"))
    return source.text is not None and all(d.error is None for d in load_documents("t.yaml", source.text))


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_kubernetes_accepts_and_so_does_kdlint(text):
    assert parses(text)


@pytest.mark.parametrize("text", REJECTED.values(), ids=REJECTED.keys())
def test_kubernetes_rejects_and_so_does_kdlint(text):
    assert not parses(text)
