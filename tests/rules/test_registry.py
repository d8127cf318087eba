"""The registry, the rule book and the fixtures agree: one source of truth for rule metadata."""

import re

import pytest

from kdlint import rules as registry
from kdlint.findings import Severity
from kdlint.rulebook import HEADINGS, folder, examples
from kdlint.rules.base import Needs
from paths import ROOT

RULES = registry.all_rules()


def test_codes_and_names_are_well_formed_and_unique():
    codes = [r.META.code for r in RULES]
    names = [r.META.name for r in RULES]
    assert all(re.fullmatch(r"KD\d{3}", c) for c in codes)
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", n) for n in names)
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.META.code)
def test_rule_metadata(rule):
    meta = rule.META
    assert isinstance(meta.severity, Severity)
    assert isinstance(meta.needs, Needs)
    assert meta.summary and not meta.summary.endswith(".")
    assert callable(rule.check)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.META.code)
def test_rule_book_page_has_the_fixed_headings_in_order(rule):
    base = folder(rule.META)
    text = (base / "README.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.META.code} {rule.META.name}\n")
    positions = [text.find(f"\n{h}\n") for h in HEADINGS]
    assert all(p > 0 for p in positions), f"missing headings in {base}/README.md: {HEADINGS}"
    assert positions == sorted(positions)
    assert examples(rule.META, "bad") and examples(rule.META, "good")


def test_no_orphan_rule_book_folders():
    expected = {f"{r.META.code}-{r.META.name}" for r in RULES}
    actual = {p.name for p in (ROOT / "rules").iterdir() if p.is_dir()}
    assert actual == expected


def test_every_rule_module_is_registered():
    registered = {r.__name__ for r in RULES}
    package = ROOT / "kdlint" / "rules"
    modules = {
        "kdlint." + ".".join(p.relative_to(ROOT / "kdlint").with_suffix("").parts)
        for p in package.rglob("kd[0-9][0-9][0-9]_*.py")
    }
    assert modules == registered


def test_every_rule_has_edge_case_fixtures():
    missing = [r.META.code for r in RULES if not list((ROOT / "fixtures" / "rules" / r.META.code).glob("*"))]
    assert missing == [], f"add fixtures/rules/<CODE>/*.yaml for {missing}"
