"""Property: every path in the position table points at a line holding that key."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from kdlint.load.documents import load_documents
from kdlint.load.scalars import resolve_plain

keys = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True).filter(lambda s: isinstance(resolve_plain(s), str))
# ruamel dumps YAML 1.2, where `no` needs no quotes; Kubernetes reads YAML 1.1, where it is a bool
words = st.from_regex(r"[a-z][a-z ]{0,10}[a-z]", fullmatch=True).filter(lambda s: isinstance(resolve_plain(s), str))
scalars = st.one_of(st.integers(-1000, 1000), st.booleans(), words)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, min_size=1, max_size=4), st.dictionaries(keys, children, min_size=1, max_size=4)),
    max_leaves=30,
)


def dump(data) -> str:
    stream = io.StringIO()
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.dump(data, stream)
    return stream.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, trees, min_size=1, max_size=5))
def test_every_key_path_points_at_its_key(data):
    text = dump(data)
    (doc,) = load_documents("t.yaml", text)
    assert doc.body == data
    lines = text.split("\n")
    for path in doc.positions.paths():
        if path and isinstance(path[-1], str):
            line, column = doc.positions.key(path)
            assert lines[line - 1][column - 1:].startswith(path[-1]), (path, line, column)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(keys, trees, min_size=1, max_size=5), st.lists(st.one_of(keys, st.integers(0, 5)), max_size=6))
def test_any_path_resolves_inside_the_document(data, path):
    text = dump(data)
    (doc,) = load_documents("t.yaml", text)
    line, column = doc.positions.value(path)
    assert doc.start_line <= line <= doc.end_line
    assert column >= 1


def test_positions_pack_into_one_int_and_large_ones_stay_exact():
    from kdlint.load.positions import pack, unpack

    for numbers in ((1, 1, 1, 1), (32767, 32767, 32767, 32767), (5, 3, 5, 9), (40000, 1, 40000, 7), (1, 2, 3, 10**7)):
        assert unpack(pack(*numbers)) == numbers
    assert isinstance(pack(120, 7, 121, 9), int) and isinstance(pack(1, 1, 1, 32768), tuple)


def test_positions_are_built_from_the_text_on_first_use_as_the_loader_would_build_them():
    text = "a: 1\n---\n# c\nkind: Service\nmetadata:\n  name: web\n  labels: {app: x}\nspec:\n  ports:\n    - port: 80\n"
    docs = load_documents("a.yaml", text)
    lazy = docs[1].positions
    assert lazy._rows is None  # nothing built while loading
    assert lazy.value(("metadata", "name")) == (6, 9)
    assert lazy.key(("spec", "ports", 0, "port")) == (10, 7)
    from kdlint.load.documents import Builder, _parse

    first_line = docs[1].start_line - 1
    eager = _parse(Builder(first_line, 10**6, ""), text[slice(*docs[1].span)], first_line, positions=True)[1]
    assert lazy.table == eager and len(eager) == 10


def test_a_document_with_a_duplicate_key_gets_its_positions_at_once():
    doc = load_documents("a.yaml", "a: 1\nb: 2\na: 3\n")[0]
    assert doc.positions._rows is not None and doc.duplicates
    assert doc.positions.value(("a",)) == (3, 4)


def test_a_thawed_document_with_a_span_that_does_not_load_has_no_positions():
    from kdlint.load.documents import freeze, thaw
    from kdlint.load.lines import FileLines

    text = "kind: Service\nmetadata:\n  name: web\n"
    frozen = freeze(load_documents("a.yaml", text)[0])
    assert thaw("a.yaml", FileLines(text), frozen).positions.value(("metadata", "name")) == (3, 9)
    tampered = thaw("a.yaml", FileLines("a: [\n"), frozen)  # the entry of another text: no crash
    assert tampered.positions.value(("metadata", "name")) == (1, 1)
