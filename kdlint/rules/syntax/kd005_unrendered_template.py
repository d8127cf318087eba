"""KD005: a Go/Helm template that has not been rendered into YAML yet."""

import posixpath

from kdlint.findings import Severity
from kdlint.load.templates import first_template_line, is_template
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD005", "unrendered-template", "A Go/Helm template, not YAML yet", Severity.INFO, Needs.SOURCE)


def check(source, ctx):
    if posixpath.basename(source.path) == "Chart.yaml" and source.text is not None:
        chart = posixpath.dirname(source.path) or "."
        yield Violation(
            "this folder is a Helm chart: its templates are not YAML until Helm renders them, so kdlint skips "
            f"the chart's files (all but `crds/`). Render it first, e.g. `helm template RELEASE {chart} | kdlint check -`",
            file=source.path,
            line=1,
            column=1,
        )
    elif source.text is not None and is_template(source.text):
        yield Violation(
            "this file is a Go/Helm template (`{{ ... }}` outside strings), not YAML yet; kdlint skips it. "
            "Render it first, e.g. `helm template ... | kdlint check -`",
            file=source.path,
            line=first_template_line(source.text),
            column=1,
        )
