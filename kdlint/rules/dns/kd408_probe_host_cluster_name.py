"""KD408: a probe or lifecycle hook `host` set to a cluster name."""

from kdlint.dns.refs import Form, RefKind
from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.common import at_host

META = RuleMeta(
    "KD408", "probe-host-cluster-name", "Probe or lifecycle hook host set to a cluster name", Severity.WARNING, Needs.CLUSTER,
    subjects="dns-places",
)


def check(place, ctx):
    from kdlint.references.model import LIFECYCLE, PROBE  # loaded with the references

    view = ctx.view
    refs = [r for r in place if r.field in (PROBE, LIFECYCLE)]
    if not refs or not _cluster_name(view, refs[0]):
        return
    ref = refs[0]
    what, does = ("probe", "check") if ref.field == PROBE else ("hook", "call")
    yield at_host(
        refs,
        f"the {ref.where} sets `host: {ref.text}`, a cluster name; the kubelet runs the {what} from the node, "
        f"whose resolver usually cannot resolve cluster names, and it would {does} that Service instead of this pod",
        "remove `host` (it defaults to the pod's IP); to send a Host header, use `httpHeaders`",
    )


def _cluster_name(view, ref) -> bool:
    parsed = ref.cluster_ref
    if parsed.kind not in (RefKind.SERVICE, RefKind.ENDPOINT, RefKind.SRV) or parsed.domain_mismatch:
        return False
    if parsed.form in (Form.SVC, Form.FQDN):
        return True
    if parsed.form is Form.NAMESPACED:
        return view.service_exists(parsed.namespace, parsed.service)
    return bool(view.services_named(parsed.service))
