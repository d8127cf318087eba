"""KD005: a Go/Helm template that has not been rendered into YAML yet."""

import posixpath

from kdlint.findings import Severity
from kdlint.load.documents import split_documents
from kdlint.load.templates import template_line
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD005", "unrendered-template", "A Go/Helm template, not YAML yet", Severity.INFO, Needs.SOURCE)


def check(source, ctx):
    if posixpath.basename(source.path) == "Chart.yaml" and source.text is not None:
        chart = posixpath.dirname(source.path) or "."
        yield Violation(
            "this folder is a Helm chart: its templates are not YAML until Helm renders them, so kdlint skips "
            "the chart's files (all but `crds/`)",
            file=source.path,
            fix=f"lint the rendered chart: `helm template RELEASE {chart} | kdlint check -`",
            line=1,
            column=1,
        )
    elif source.text is not None and "{{" in source.text:
        # judged per document, as the loader does: the other documents are checked
        for first_line, chunk in split_documents(source.text):
            marker = template_line(chunk)
            if marker is not None:
                yield Violation(
                    "this document is a Go/Helm template (`{{ ... }}` outside strings), not YAML yet, so kdlint skips it",
                    file=source.path,
                    fix="lint the rendered output, e.g. `helm template ... | kdlint check -`",
                    line=first_line + marker,
                    column=1,
                )
