"""KD005: a Go/Helm template that has not been rendered into YAML yet."""

from kdlint.findings import Severity
from kdlint.load.templates import first_template_line, is_template
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD005", "unrendered-template", "A Go/Helm template, not YAML yet", Severity.INFO, Needs.SOURCE)


def check(source, ctx):
    if source.text is not None and is_template(source.text):
        yield Violation(
            "this file is a Go/Helm template (`{{ ... }}` outside strings), not YAML yet; kdlint skips it. "
            "Render it first, e.g. `helm template ... | kdlint check -`",
            file=source.path,
            line=first_template_line(source.text),
            column=1,
        )
