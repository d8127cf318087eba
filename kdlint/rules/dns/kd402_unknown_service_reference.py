"""KD402: an in-cluster name (or a webhook / APIService reference) naming no Service."""

from kdlint.dns.refs import Form, format_ref
from kdlint.findings import Severity
from kdlint.fixes import Applicability, Fix, FixAvailability, replace_scalar
from kdlint.dns_index import MISSING_SERVICE
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import at_host, related_service
from kdlint.rules.dns import namespace_note, rewrite_host
from kdlint.rules.partial import PARTIAL, partial_clause

META = RuleMeta(
    "KD402", "unknown-service-reference",
    "Host name or Service reference that names no Service of the input", Severity.WARNING, Needs.CLUSTER,
    subjects=("pod-dns-places", "service-refs"), fix=FixAvailability.SOMETIMES,
)
SUPPRESS = "`# kdlint: ignore=KD402 <reason>`"


def check(subject, ctx):
    """`subject`: the references written at one place (a list), or a Service reference."""
    view = ctx.view
    if isinstance(subject, list):
        found = _unknown(view, subject[0])
        if found is not None:
            problem, how, related, severity = found
            yield at_host(subject, problem, how, related=related, severity=severity, autofix=_host_fix(view, subject[0]))
        return
    ref = subject
    if view.service_exists(ref.namespace, ref.name):
        return
    problem, how, related, severity = _explained(view, ref.namespace, ref.name, f"{ref.what} calls Service {ref.name} in namespace {ref.namespace}")
    yield Violation(
        problem, fix=how, subject=ref.holder, path=ref.path + ("name",), at_value=True, related=related,
        severity=severity, autofix=_service_ref_fix(view, ref),
    )


def _host_fix(view, ref) -> Fix | None:
    """A Service name near an existing one (kdlint.suggest), corrected (unsafe: another Service answers)."""
    found = view.dns.target(ref)
    if found is None or found[1] != MISSING_SERVICE:
        return None
    namespace, name = found[0]
    similar = _typo_of(view, namespace, name)
    text = ref.host.text
    if similar is None or not text.lower().startswith(name) or text[len(name):len(name) + 1] not in ("", "."):
        return None
    return rewrite_host(ref, 0, text[: len(name)], similar.name, Applicability.UNSAFE)


def _service_ref_fix(view, ref) -> Fix | None:
    similar = _typo_of(view, ref.namespace, ref.name)
    if similar is None:
        return None
    obj = ref.holder
    if obj.provenance is not None:
        return None  # rendered by kustomize: the name may come from a patch, not this file
    line, column = obj.value_position(ref.path + ("name",))
    edits = replace_scalar(obj.file, obj.doc.lines, line, column, ref.name, similar.name)
    return Fix(f"replace Service name `{ref.name}` with `{similar.name}`", edits, Applicability.UNSAFE) if edits else None


def _unknown(view, ref):
    """A reference to a Service the input does not hold: the graph's missing-service edge, so
    that `check`, `endpoints` and `graph` show the same references."""
    parsed = ref.cluster_ref
    if any("cannot be" in p for p in parsed.problems):
        return None  # KD404
    found = view.dns.target(ref)
    if found is None or found[1] != MISSING_SERVICE:
        return None
    (namespace, name), _ = found
    subject = f"`{ref.text}` names Service {name} in namespace {namespace}"
    return _explained(view, namespace, name, subject, short=parsed.form is Form.SHORT)


def _explained(view, namespace: str, name: str, subject: str, short: bool = False):
    """(problem, how to fix, related, severity) for a Service `name` missing in `namespace`."""
    elsewhere = [s for s in view.services_named(name) if s.namespace != namespace]
    if elsewhere:
        other = elsewhere[0]
        written = format_ref(name, other.namespace, Form.SVC)
        return (
            f"{subject}, which has no such Service; Service {name} exists in namespace {other.namespace}"
            f"{namespace_note(view, other.namespace)}",
            f"point at namespace {other.namespace} (`{written}`), or move the Service to {namespace}",
            [related_service(other, f"Service {name} in namespace {other.namespace}")],
            None,
        )
    similar = view.similar_service(namespace, name)
    if similar:
        return (
            f"{subject}, which has no such Service; the closest name there is `{similar.name}`",
            f"correct the name to `{similar.name}`",
            [related_service(similar, f"Service {similar.name} in namespace {namespace}")],
            None,
        )
    if not view.services(namespace):
        return (
            f"{subject}, which the input does not contain{partial_clause(namespace, 'Service')}",
            f"if another repository or chart provides it, suppress this once with {SUPPRESS}; otherwise add the Service",
            [],
            PARTIAL,
        )
    if short:
        # a bare word may also be a host outside the cluster, sent upstream by the search list
        return (
            f"{subject}, which the input does not contain; no Service of that name exists in any namespace of the "
            "input, so it is probably provided by another repository or chart, or is a host outside the cluster",
            f"if it is, suppress this once with {SUPPRESS}; otherwise add the Service",
            [],
            Severity.INFO,
        )
    shown = _listed_services(view, namespace)
    return (
        f"{subject}, which has no such Service in the input (its Services: {shown})",
        f"correct the name, or add the Service; if another repository or chart provides it, suppress this once with {SUPPRESS}",
        [],
        None,
    )


def _listed_services(view, namespace: str) -> str:
    """'a, b, c, d, e, ...': the namespace's first Services in input order, for the message."""
    services = view.services(namespace)
    return ", ".join(s.name for s in services[:5]) + (", ..." if len(services) > 5 else "")


def _typo_of(view, namespace: str, name: str):
    """The Service the message suggests as the corrected name (none when one of that name
    exists in another namespace: then the message points there instead)."""
    if any(s.namespace != namespace for s in view.services_named(name)):
        return None
    return view.similar_service(namespace, name)
