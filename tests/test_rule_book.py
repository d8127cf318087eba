"""Every rule's rule-book examples run: bad.yaml yields exactly its annotations, good.yaml nothing."""


import pytest

from harness import check_fixture, lint_paths
from kdlint import rules as registry
from kdlint.rulebook import example

RULES = registry.all_rules()
# KD009 only fires when a rule crashes; tests/test_engine.py covers it.
EXAMPLE_RULES = [r for r in RULES if r.META.code != "KD009"]


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.META.code)
def test_bad_example_yields_exactly_its_annotations(rule):
    bad = example(rule.META, "bad")
    check_fixture(bad, (rule.META.code,))
    assert any(lint_paths([bad], select=(rule.META.code,))), "bad.yaml must yield at least one finding"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.META.code)
def test_good_example_is_clean_under_all_rules(rule):
    good = example(rule.META, "good")
    findings = lint_paths([good])
    assert findings == [], [f"{f.location.line}:{f.location.column} {f.code} {f.message}" for f in findings]
