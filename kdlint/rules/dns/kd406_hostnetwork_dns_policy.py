"""KD406: a hostNetwork pod with dnsPolicy ClusterFirst that uses cluster names."""

from kdlint.dns.refs import Form
from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta, Violation
from kdlint.rules.common import related_reference

META = RuleMeta(
    "KD406", "hostnetwork-dns-policy",
    "hostNetwork pod with dnsPolicy ClusterFirst refers to cluster names", Severity.ERROR, Needs.CLUSTER,
    subjects="pod-sources",
)


def check(source, ctx):
    dns = ctx.view.dns
    spec = source.obj.get(*source.spec_path)
    if not isinstance(spec, dict) or spec.get("hostNetwork") is not True:
        return
    policy = spec.get("dnsPolicy")
    if policy not in (None, "ClusterFirst"):
        return
    refs = ctx.view.pod_references_of(source)
    cluster = [r for r in refs if _cluster_name(dns, r)]
    if not cluster:
        return
    shown = ", ".join(f"`{r.text}`" for r in cluster[:3]) + (f" and {len(cluster) - 3} more" if len(cluster) > 3 else "")
    written = "dnsPolicy ClusterFirst" if policy else "the default dnsPolicy (ClusterFirst)"
    yield Violation(
        f"hostNetwork: true with {written} gives the pod the node's resolv.conf instead of the cluster DNS, "
        f"so the cluster names it uses ({shown}) do not resolve",
        subject=source.obj,
        path=source.spec_path + ("hostNetwork",),
        at_value=True,
        related=tuple(related_reference(r, f"cluster name `{r.text}`") for r in cluster[:3]),
        fix="set `dnsPolicy: ClusterFirstWithHostNet` in the pod spec",
    )


def _cluster_name(dns, ref) -> bool:
    """A name the cluster DNS would answer for an ordinary pod of the namespace."""
    parsed = ref.cluster_ref
    if (parsed.form is Form.FQDN and parsed.domain == parsed.cluster_domain) or parsed.form is Form.SVC:
        return True
    return dns.resolution(ref, dns.default_context(ref.namespace)).glibc.resolved
