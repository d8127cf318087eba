"""Finding text: the message says what is wrong, the fix what to do, objects are named one way,
and the text report keeps a finding's first line within 160 columns where the message can break."""

import re

import pytest

from harness import lint_paths
from kdlint import rules as registry
from kdlint.findings import Finding, Location, ObjectId, Report, Severity, object_name
from kdlint.reporters import github, junit, markdown, sarif, text
from kdlint.rulebook import example
from paths import ROOT

EXAMPLE_RULES = [r for r in registry.all_rules() if r.META.code != "KD009"]
# findings that know no fix in words: the parser's or kustomize's own error, or a schema
# violation whose correct value kdlint cannot know (KD201 gives one when it can: `use ClusterIP`)
WITHOUT_FIX = {"KD001", "KD007", "KD201"}
# `Deployment/dev/web`: the naming the messages no longer use (they say `Deployment dev/web`)
SLASHED_OBJECT = re.compile(r"\b[A-Z][A-Za-z]+/[a-z0-9][a-z0-9.-]*/[a-z0-9][a-z0-9.-]*")


def _fixture_findings():
    paths = sorted([*(ROOT / "fixtures" / "rules").glob("*/*.yaml"), *(ROOT / "fixtures" / "rules").glob("*/*/")])
    return [f for path in paths for f in lint_paths([path])]


@pytest.fixture(scope="module")
def fixture_findings():
    return _fixture_findings()


@pytest.fixture(scope="module")
def example_findings():
    return {rule.META.code: lint_paths([example(rule.META, "bad")], select=(rule.META.code,)) for rule in EXAMPLE_RULES}


def test_no_message_states_the_fix(fixture_findings, example_findings):
    found = fixture_findings + [f for findings in example_findings.values() for f in findings]
    assert len({f.code for f in found}) >= 40
    assert [(f.code, f.message) for f in found if "fix:" in f.message.lower()] == []


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.META.code)
def test_every_finding_of_a_rule_that_knows_a_fix_carries_it(rule, example_findings):
    findings = example_findings[rule.META.code]
    assert findings
    if rule.META.code in WITHOUT_FIX:
        return
    assert [(f.location.line, f.message) for f in findings if not f.fix] == []
    assert all(f.fix[0].islower() and not f.fix.endswith(".") for f in findings), [f.fix for f in findings]


def test_messages_name_objects_as_kind_namespace_slash_name(fixture_findings):
    texts = [m for f in fixture_findings for m in (f.message, *(r.message for r in f.related))]
    assert [m for m in texts if SLASHED_OBJECT.search(m)] == []
    assert any("Deployment shop/api-server" in m or re.search(r"\bDeployment [a-z-]+/[a-z-]+", m) for m in texts)


def test_one_function_names_objects():
    assert object_name(ObjectId("apps/v1", "Deployment", "dev", "web")) == "Deployment dev/web"
    assert object_name(ObjectId("v1", "Namespace", None, "prod")) == "Namespace prod"
    assert ObjectId("v1", "Service", "dev", "api").label() == "Service dev/api"


def _finding(message: str, fix: str | None = "do this", file: str = "app/web.yaml", **changes) -> Finding:
    return Finding(
        code="KD301", name="service-selects-nothing", severity=Severity.ERROR, message=message,
        location=Location(file, 12, 3), object=ObjectId("v1", "Service", "dev", "web"), fix=fix, **changes,
    )


LONG = (
    "Service selects no pods: nothing in namespace dev has `app: web`; closest is Deployment dev/web-v2 "
    "(`app: web` vs `app: web-v2`); pods may come from Prometheus dev/k8s, Alertmanager dev/main "
    "(created by an operator, not visible here)"
)


def test_text_first_line_stays_within_160_columns_and_details_follow_a_clause_per_line():
    lines = text.format_finding(_finding(LONG)).split("\n")
    assert lines == [
        "app/web.yaml:12:3: KD301 [error] Service selects no pods: nothing in namespace dev has `app: web` (Service dev/web)",
        "    closest is Deployment dev/web-v2 (`app: web` vs `app: web-v2`)",
        "    pods may come from Prometheus dev/k8s, Alertmanager dev/main (created by an operator, not visible here)",
        "    fix: do this",
    ]


def test_text_keeps_a_short_message_on_one_line_and_the_fix_on_its_own():
    assert text.format_finding(_finding("Service selects no pods; x")).split("\n") == [
        "app/web.yaml:12:3: KD301 [error] Service selects no pods; x (Service dev/web)",
        "    fix: do this",
    ]
    assert text.format_finding(_finding("short", fix=None)) == "app/web.yaml:12:3: KD301 [error] short (Service dev/web)"


def test_text_breaks_a_long_clause_between_words_and_never_inside_backquotes():
    quoted = "`" + " ".join(["word"] * 40) + "`"
    message = "first clause; " + " ".join(["plain"] * 40) + " " + quoted
    lines = text.format_finding(_finding(message, fix=None)).split("\n")
    assert lines[0].endswith("first clause (Service dev/web)")
    assert all(len(line) <= 160 for line in lines[:-1])
    assert lines[-1] == "    " + quoted  # longer than the width, kept whole
    assert " ".join(line.strip() for line in lines[1:]) == " ".join(["plain"] * 40) + " " + quoted


def test_text_keeps_a_first_clause_longer_than_the_line_whole():
    message = "a" * 200 + "; b"
    lines = text.format_finding(_finding(message, fix=None)).split("\n")
    assert lines == [f"app/web.yaml:12:3: KD301 [error] {'a' * 200} (Service dev/web)", "    b"]


def test_text_escapes_input_in_every_line_it_breaks_into():
    message = "name `evil\x1b[31m`; " + "detail " * 30 + "`\u202eb`"
    rendered = text.format_finding(_finding(message, fix="rename `x\ny`"))
    assert "\x1b" not in rendered and "\u202e" not in rendered
    assert "\\x1b[31m" in rendered and "\\u202e" in rendered
    assert rendered.count("\n") == len(rendered.split("\n")) - 1
    assert rendered.split("\n")[-1] == "    fix: rename `x\\x0ay`"


def test_fixture_first_lines_fit_unless_the_first_clause_cannot(fixture_findings):
    over = []
    for finding in fixture_findings:
        first = text.format_finding(finding).split("\n")[0]
        clause, _ = text.split_message(finding.message, 0)
        alone = text.format_finding(finding._replace(message=clause)).split("\n")[0]
        if len(first) > text.WIDTH and len(alone) <= text.WIDTH:
            over.append(first)
    assert over == []
    assert any(len(f.message) > text.WIDTH for f in fixture_findings)


def _report(*findings) -> Report:
    return Report(findings=list(findings), files=1, objects=1, paths=("app/web.yaml",))


def test_every_format_carries_the_fix_in_words_with_input_escaped():
    finding = _finding("Service selects nothing", fix="add a `web|x*` label\x1b")
    assert "| add a \\`web\\|x\\*\\` label\\\\x1b |" in markdown.render(_report(finding))
    assert markdown.render(_report(finding)).count("| Message | Fix |") == 1
    result = sarif.render(_report(finding))
    assert '"text": "Service selects nothing (Service dev/web)\\nFix: add a `web|x*` label\\u001b"' in result
    assert '"fix": "add a `web|x*` label\\u001b"' in result
    assert "fix: add a `web|x*` label\\x1b" in junit.render(_report(finding))
    assert github.annotation(finding).endswith("::Service selects nothing (Service dev/web)%0Afix: add a `web|x*` label\\x1b")


def test_clauses_joined_on_the_first_line_keep_their_semicolons():
    message = "one; two; " + "three " * 40
    first, rest = text.split_message(message.strip(), 20)
    assert first == "one; two" and rest[0].startswith("three three")
