"""Every rule that can fix: on its fixtures and rule-book examples, fixes converge, are idempotent,
keep CRLF, comments and quoting, and never leave a file parsing worse than before."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kdlint import rules as registry
from kdlint.engine import lint
from kdlint.fixer import Target, fix
from kdlint.fixes import FixAvailability
from kdlint.load.documents import load_documents
from kdlint.load.sources import decode
from kdlint.selection import Selection
from kdlint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXING = [rule.META for rule in registry.all_rules() if rule.META.fix is not FixAvailability.NONE]
SETTINGS = Settings()
_COMMENT = re.compile(r"\s#.*$")


def files_of(meta) -> list[Path]:
    book = next((ROOT / "rules").glob(f"{meta.code}-*"))
    return sorted((ROOT / "fixtures" / "rules" / meta.code).glob("*.yaml")) + [book / "bad.yaml", book / "good.yaml"]


def fixed(data: bytes, code: str, unsafe: bool) -> tuple[bytes, int]:
    target = Target("m.yaml", data)
    outcome = fix([target], lambda sources: lint(sources, SETTINGS, Selection(select=(code,))), unsafe=unsafe)
    return outcome.fixed.get("m.yaml", data), len(outcome.applied)


def failing(data: bytes) -> int:
    return sum(1 for doc in load_documents("m.yaml", decode("m.yaml", data).text) if doc.error)


def comments(text: str) -> Counter:
    return Counter(match.group(0).strip() for line in text.split("\n") if (match := _COMMENT.search(line)))


def test_the_rules_that_fix_are_the_expected_ones():
    assert {m.code: str(m.fix) for m in FIXING} == {
        "KD002": "sometimes", "KD101": "sometimes", "KD102": "sometimes", "KD204": "sometimes",
        "KD401": "sometimes", "KD402": "sometimes", "KD403": "sometimes",
    }


@pytest.mark.parametrize("meta", FIXING, ids=lambda m: m.code)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixes_on_the_rule_fixtures(meta, unsafe):
    applied_somewhere = 0
    for path in files_of(meta):
        original = path.read_bytes()
        result, applied = fixed(original, meta.code, unsafe)
        applied_somewhere += applied
        where = f"{meta.code} {path.relative_to(ROOT)}"
        if path.name == "good.yaml":
            assert result == original, where
            continue
        assert failing(result) <= failing(original), where
        again, more = fixed(result, meta.code, unsafe)
        assert (again, more) == (result, 0), f"{where}: a second --fix changed more"
        crlf, _ = fixed(original.replace(b"\n", b"\r\n"), meta.code, unsafe)
        assert crlf == result.replace(b"\n", b"\r\n"), f"{where}: CRLF not kept"
        before, after = original.decode(), result.decode()
        if meta.code == "KD002":  # removing an entry removes its comments, and no other
            assert not comments(after) - comments(before), where
        else:
            assert comments(after) == comments(before), where
        if meta.code in ("KD101", "KD102"):  # only indentation changes
            assert sorted(l.strip() for l in after.split("\n")) == sorted(l.strip() for l in before.split("\n")), where
        for old, new in zip(before.split("\n"), after.split("\n")):
            if meta.code in ("KD204", "KD401", "KD402", "KD403") and old != new:
                assert Counter(c for c in old if c in "\"'") == Counter(c for c in new if c in "\"'"), where
        remaining = lint([decode("m.yaml", result)], SETTINGS, Selection(select=(meta.code,))).findings
        left = [f for f in remaining if f.autofix is not None and (unsafe or str(f.autofix.applicability) == "safe")]
        assert left == [], f"{where}: fixable findings remain: {left}"
    if unsafe or meta.code not in ("KD401", "KD402"):
        assert applied_somewhere, f"no fixture of {meta.code} exercises its fix"
    else:
        assert applied_somewhere == 0, f"{meta.code} fixes are all unsafe"


@pytest.mark.parametrize("rule", registry.all_rules(), ids=lambda r: r.META.code)
def test_rule_pages_say_whether_and_how_safely_the_rule_fixes(rule):
    """A fixable rule's page names the option that applies its fixes; no other page claims one."""
    from kdlint.rulebook import folder

    page = (folder(rule.META) / "README.md").read_text()
    how = page.split("## How to fix", 1)[1].split("\n## ", 1)[0]
    fixes = rule.META.fix is not FixAvailability.NONE
    says = re.findall(r"`kdlint check (--fix|--unsafe-fixes)` (\w+)", how)
    if not fixes:
        assert says == [], how
        return
    assert says, f"{rule.META.code}: the page does not say that --fix / --unsafe-fixes fixes it"
    assert ("safe" in how) and (("unsafe" in how) == (rule.META.code in ("KD002", "KD102", "KD204", "KD401", "KD402"))), how
