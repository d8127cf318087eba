"""The loader: documents, positions, YAML edge cases Kubernetes accepts, and bounds."""

from kdlint.load.documents import MAX_DEPTH, load_documents


def load(text):
    return load_documents("t.yaml", text)


def test_multi_document_syntax_error_hides_nothing_else():
    docs = load("a: 1\n---\nb: [1, 2\n---\nc: 3\n")
    assert [d.body for d in docs] == [{"a": 1}, None, {"c": 3}]
    assert docs[1].error is not None and docs[1].start_line == 2
    assert docs[2].positions.key(("c",)) == (5, 1)


def test_positions_of_keys_values_and_items_are_1_based_and_absolute():
    docs = load("# comment\n---\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: b\n")
    positions = docs[0].positions
    assert positions.key(("kind",)) == (3, 1)
    assert positions.value(("kind",)) == (3, 7)
    assert positions.key(("spec", "containers", 0)) == (6, 7)
    assert positions.value(("spec", "containers", 0, "image")) == (7, 14)


def test_missing_path_falls_back_to_nearest_ancestor():
    positions = load("spec:\n  template:\n    x: 1\n")[0].positions
    assert positions.key(("spec", "template", "spec", "containers")) == (2, 3)
    assert positions.value(("spec", "template", "nothing")) == (2, 3)


def test_kubernetes_accepted_scalars_load():
    body = load("a: =\nb: value\t\nc: yes\nd: 0x1F\ne: 1:20\nf: 2001-12-14\ng: '08'\nh: 010\n")[0].body
    assert body == {"a": "=", "b": "value", "c": True, "d": 31, "e": "1:20", "f": "2001-12-14", "g": "08", "h": 8}


def test_anchors_aliases_and_merge_keys():
    body = load("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nref: *b\n")[0].body
    assert body["use"] == {"x": 1, "y": 3}
    assert body["ref"] == {"x": 1, "y": 2}


def test_duplicate_keys_are_recorded_with_both_positions():
    doc = load("a: 1\nb:\n  c: 1\n  c: 2\n")[0]
    assert doc.body == {"a": 1, "b": {"c": 2}}
    (dup,) = doc.duplicates
    assert (dup.key, dup.line, dup.column, dup.first_line, dup.first_column) == ("c", 4, 3, 3, 3)


def test_non_string_keys_become_strings():
    assert load("80: http\ntrue: x\n")[0].body == {"80": "http", "true": "x"}


def test_alias_bomb_is_bounded():
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 10) + "]")
    doc = load("\n".join(lines) + "\n")[0]
    assert doc.error is not None and "alias" in doc.error.problem


def test_deep_nesting_is_bounded():
    depth = MAX_DEPTH + 50
    doc = load("a: " + "[" * depth + "]" * depth + "\n")[0]
    assert doc.error is not None and "deeper" in doc.error.problem


def test_thousands_of_levels_do_not_crash():
    doc = load("a: " + "[" * 5000 + "]" * 5000 + "\n")[0]
    assert doc.error is not None


def test_custom_tags_never_construct_objects():
    body = load("a: !!python/object:os.system echo\nb: !custom {x: 1}\n")[0].body
    assert body == {"a": "echo", "b": {"x": 1}}


def test_empty_and_marker_only_files_stand_as_one_blank_document():
    for text in ("", "---\n", "---\n---\n# only a comment\n"):
        (doc,) = load(text)
        assert doc.blank and doc.body is None and doc.error is None


def test_json_loads_with_positions():
    doc = load('{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {"name": "x"}\n}\n')[0]
    assert doc.body["metadata"] == {"name": "x"}
    assert doc.positions.key(("kind",)) == (3, 3)


def test_the_c_parser_makes_plain_events_only_while_kdlint_parses():
    import _ruamel_yaml
    from ruamel.yaml import events

    from kdlint.load.events import fast_events

    before = _ruamel_yaml.ScalarEvent
    with fast_events():
        with fast_events():  # nested: the outer one restores
            pass
        assert _ruamel_yaml.ScalarEvent is not before
    assert _ruamel_yaml.ScalarEvent is before is events.ScalarEvent


def test_documents_are_the_same_when_the_c_parser_makes_its_own_events(monkeypatch):
    from kdlint.load import documents

    text = "a: &x {b: 1, c: [1, 'q', !!str 2]}\nd: *x\ne:\n  <<: *x\n  b: 2\n---\nf: [1, 2\n---\ng: 1\ng: 2\n"
    expected = [(d.body, d.positions.table, d.error, d.duplicates) for d in load(text)]

    class Untouched:  # as if the extension no longer looked the event classes up by name
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

    monkeypatch.setattr(documents, "fast_events", Untouched)
    assert [(d.body, d.positions.table, d.error, d.duplicates) for d in load(text)] == expected
