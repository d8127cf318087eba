"""Unrendered templates: `{{` where YAML would read structure, judged one line at a time."""

import random
import re

from kdlint.load.templates import first_template_line, is_template

# the pattern before it was held to one line: the same verdict, found in quadratic time
CROSSING_LINES = re.compile(r"^\s*(?:-\s+)?(?:[^\s#'\"][^:#'\"]*:\s+)?\{\{", re.M)


def test_templates_are_found_where_yaml_would_read_structure():
    assert is_template("a: 1\n{{ include \"x\" . }}\n")
    assert is_template("metadata:\n  name: {{ .Values.name }}\n")
    assert is_template("items:\n  - {{ .x }}\n")
    assert is_template("key:\n  {{ .x }}\n")
    assert not is_template('legend: "{{pod}}"\n')
    assert not is_template("# {{ comment }}\nkey: value\n")
    assert first_template_line("a: 1\nb: 2\n\n  name: {{ x }}\n") == 4


def test_the_verdict_is_the_one_of_the_pattern_that_crossed_lines():
    rng = random.Random(5)
    pieces = ["a", "b: ", "- ", "{{", " ", "\n", '"', "'", "#", ":", "\t", "x y", "\r\n"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert is_template(text) == (CROSSING_LINES.search(text) is not None), repr(text)
