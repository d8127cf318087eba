"""KD403: `.svc.<domain>` written with a domain other than the cluster's."""

from kdlint.dns.refs import Form, format_ref
from kdlint.findings import Severity
from kdlint.fixes import Applicability, FixAvailability
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.common import at_host
from kdlint.rules.dns import rewrite_host

META = RuleMeta(
    "KD403", "wrong-cluster-domain", "In-cluster name written with another cluster domain", Severity.WARNING, Needs.CLUSTER,
    subjects="dns-places", fix=FixAvailability.SOMETIMES,
)

# zones other than the cluster domain that clusters commonly serve (multi-cluster Services)
OTHER_ZONES = frozenset({"clusterset.local"})


def check(refs, ctx):
    view = ctx.view
    domain = view.settings.cluster_domain
    ref = refs[0]
    parsed = ref.cluster_ref
    if not parsed.domain_mismatch or parsed.domain in OTHER_ZONES:
        return
    suggestion = (
        format_ref(parsed.service, parsed.namespace, Form.FQDN, cluster_domain=domain, hostname=parsed.hostname)
        if parsed.service and parsed.namespace else f"<name>.svc.{domain}"
    )
    yield at_host(
        refs,
        f"`{ref.text}` ends in `.svc.{parsed.domain}`, but the cluster domain is {domain}; the cluster DNS answers "
        f"only names under {domain}, so this name leaves the cluster and is sent to the upstream DNS",
        f"write `{suggestion}`; if the cluster really uses {parsed.domain}, set `cluster-domain: {parsed.domain}` "
        "in the kdlint configuration (or pass --cluster-domain)",
        autofix=_domain_fix(ref, parsed.domain, domain),
    )


def _domain_fix(ref, written: str, domain: str):
    """Only the domain after `.svc.` changes: the name, namespace, case and trailing dot stay."""
    text = ref.host.text
    at = text.lower().rfind(f".svc.{written.lower()}")
    if at < 0:
        return None
    start = at + len(".svc.")
    return rewrite_host(ref, start, text[start : start + len(written)], domain, Applicability.SAFE)
