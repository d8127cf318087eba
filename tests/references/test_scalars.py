"""Property: the position of a substring of a string value is where the file shows it, for
every scalar style (plain, quoted, literal and folded block, multi-line, JSON)."""

import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from kdlint.load.documents import load_documents
from kdlint.load.scalars import resolve_plain
from kdlint.references.scalars import offset_position

HOST = r"[a-z][a-z0-9-]{0,8}(\.[a-z][a-z0-9]{0,5}){0,3}"
hosts = st.from_regex(HOST, fullmatch=True)
fillers = st.sampled_from([" ", "  ", ", ", " # ", "\n", "\n\n", "\t", ' "q" ', " 'q' ", "\\", ": ", "x=", "é", "--"])
pieces = st.lists(st.one_of(hosts, fillers), min_size=1, max_size=12)
STYLES = {
    "plain": lambda s: s,
    "double": DoubleQuotedScalarString,
    "single": SingleQuotedScalarString,
    "literal": LiteralScalarString,
    "folded": FoldedScalarString,
}


def dump(data) -> str:
    stream = io.StringIO()
    yaml = YAML()
    yaml.width = 30  # long values get folded over several lines
    yaml.dump(data, stream)
    return stream.getvalue()


def _check(text: str, value: str, path: tuple, host: str, offset: int) -> None:
    (doc,) = load_documents("t.yaml", text)
    got = doc.body
    for step in path:
        got = got[step]
    if got != value:
        return  # the dumper changed the value (e.g. trailing spaces in a block scalar): nothing to check
    line, column = offset_position(doc.lines, doc.positions.value(path), value, offset, len(host))
    assert doc.lines[line - 1][column - 1:].startswith(host), (text, value, offset, line, column)


@settings(max_examples=300, deadline=None)
@given(pieces, st.sampled_from(sorted(STYLES)), st.data())
def test_host_position_in_every_style(parts, style, data):
    value = "".join(parts)
    host_indexes = [i for i, p in enumerate(parts) if re.fullmatch(HOST, p)]
    if not host_indexes or not isinstance(resolve_plain(value), str):
        return
    index = data.draw(st.sampled_from(host_indexes))
    offset = sum(len(p) for p in parts[:index])
    if style in ("literal", "folded") and (value != value.strip() or "\t" in value):
        return  # block scalars cannot keep leading or trailing white space the way it was generated
    _check(dump({"spec": {"value": STYLES[style](value)}}), value, ("spec", "value"), parts[index], offset)


@settings(max_examples=100, deadline=None)
@given(pieces, st.data())
def test_host_position_in_json(parts, data):
    value = "".join(parts)
    host_indexes = [i for i, p in enumerate(parts) if re.fullmatch(HOST, p)]
    if not host_indexes:
        return
    index = data.draw(st.sampled_from(host_indexes))
    offset = sum(len(p) for p in parts[:index])
    text = json.dumps({"data": {"k": value}}, indent=2, ensure_ascii=data.draw(st.booleans()))
    _check(text, value, ("data", "k"), parts[index], offset)


def test_block_scalar_lines_are_counted_from_the_source():
    text = "data:\n  app.yaml: |\n    server:\n\n      upstream: http://ent:8080\n"
    (doc,) = load_documents("t.yaml", text)
    value = doc.body["data"]["app.yaml"]
    assert offset_position(doc.lines, doc.positions.value(("data", "app.yaml")), value, value.index("ent"), 3) == (5, 24)


def test_folded_scalar_joins_lines():
    text = "v: >\n  first\n  http://ent:8080\n"
    (doc,) = load_documents("t.yaml", text)
    value = doc.body["v"]
    assert value == "first http://ent:8080\n"
    assert offset_position(doc.lines, doc.positions.value(("v",)), value, value.index("ent"), 3) == (3, 10)


def test_double_quoted_escapes_shift_columns():
    text = 'v: "a\\"b \\u00e9 http://ent:8080"\n'
    (doc,) = load_documents("t.yaml", text)
    value = doc.body["v"]
    assert offset_position(doc.lines, doc.positions.value(("v",)), value, value.index("ent"), 3) == (1, 24)


def test_unreplayable_scalar_falls_back_to_the_text():
    # an explicit indentation indicator is not replayed; the occurrence in the source is used
    text = "v: |2\n    indented http://ent:8080\n"
    (doc,) = load_documents("t.yaml", text)
    value = doc.body["v"]
    line, column = offset_position(doc.lines, doc.positions.value(("v",)), value, value.index("ent"), 3)
    assert doc.lines[line - 1][column - 1:].startswith("ent")
