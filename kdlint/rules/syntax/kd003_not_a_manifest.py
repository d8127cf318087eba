"""KD003: a document that is not a Kubernetes object."""

from kdlint.findings import Severity
from kdlint.model.objects import is_manifest
from kdlint.rules.base import Needs, RuleMeta, Violation

META = RuleMeta("KD003", "not-a-manifest", "A document that is not a Kubernetes object", Severity.INFO, Needs.DOCUMENT)


def check(doc, ctx):
    if doc.blank:
        yield Violation(
            "the file holds no YAML documents (it is empty, or only comments and `---` markers)",
            file=doc.path, line=1, column=1,
            fix="add the manifests it should hold, or exclude the file in the kdlint configuration",
        )
        return
    body = doc.body
    if doc.error is not None or body is None or is_manifest(body):
        return
    line, column = doc.positions.value(())
    if isinstance(body, dict):
        missing = [k for k in ("apiVersion", "kind") if not isinstance(body.get(k), str)]
        what = f"a mapping without {' and '.join(f'`{k}`' for k in missing)}"
    else:
        what = "a list" if isinstance(body, list) else f"a plain value ({type(body).__name__})"
    yield Violation(
        f"this document is {what}, not a Kubernetes object, so kdlint skips it",
        file=doc.path,
        line=line,
        column=column,
        fix="add `apiVersion` and `kind` if it is a manifest, or exclude the file in the kdlint configuration",
    )
