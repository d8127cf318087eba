"""KD505: a StatefulSet or CronJob name too long for the names and labels derived from it."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.names import templated

META = RuleMeta(
    "KD505", "controller-name-too-long", "StatefulSet or CronJob name longer than 52 characters",
    Severity.ERROR, Needs.OBJECT, kinds=("StatefulSet", "CronJob"),
)

MAX_LENGTH = 52
WHY = {
    "StatefulSet": "every pod gets the label `controller-revision-hash: <name>-<10-character hash>`, and label values "
                   "are limited to 63 characters, so the pods are never created",
    "CronJob": "the controller names each Job `<name>-<11-character schedule suffix>` and copies it into the pods' "
               "`batch.kubernetes.io/job-name` label (at most 63 characters), so the Jobs cannot be created",
}


def check(obj, ctx):
    if obj.group not in ("apps", "batch") or templated(obj.name) or len(obj.name) <= MAX_LENGTH:
        return
    yield Violation(
        f"{obj.kind} name `{obj.name}` is {len(obj.name)} characters; {WHY[obj.kind]}",
        fix=f"shorten the name to at most {MAX_LENGTH} characters",
        subject=obj, path=("metadata", "name"), at_value=True,
    )
