"""KD407: dnsPolicy / dnsConfig under which a cluster name the pod uses no longer resolves."""

from kdlint.findings import Severity
from kdlint.rules.base import Needs, Ref, RelatedRef, RuleMeta
from kdlint.rules.common import at_host
from kdlint.rules.dns import tried

META = RuleMeta(
    "KD407", "dns-config-breaks-search",
    "dnsPolicy or dnsConfig stops a cluster name the pod uses from resolving", Severity.WARNING, Needs.CLUSTER,
    subjects="pod-dns-places",
)


def check(refs, ctx):
    """`refs`: the references written at one place, each read by one pod template."""
    dns = ctx.view.dns
    seen = set()
    for ref in refs:
        source = ref.consumer
        if source in seen:
            continue  # a template reading the place twice (two containers) resolves it one way
        seen.add(source)
        spec = source.obj.get(*source.spec_path)
        if not isinstance(spec, dict) or not _customised(spec):
            continue
        usual = dns.resolution(ref, dns.default_context(ref.namespace))
        if not usual.glibc.resolved:
            continue  # not a cluster name even with the usual settings: other rules speak about it
        actual = dns.resolution(ref)
        from kdlint.dns.resolv_conf import GLIBC, MUSL  # loaded by the resolutions above; none without pods

        broken = [libc for libc in (GLIBC, MUSL) if usual.for_libc(libc).resolved and not actual.for_libc(libc).resolved]
        if not broken:
            continue
        target = usual.glibc.target.describe()
        failed = actual.for_libc(broken[0])
        who = "" if GLIBC in broken else " in musl-based images (Alpine)"
        still = "" if GLIBC in broken else "; glibc-based images still resolve it"
        yield at_host(
            [ref],
            f"`{ref.text}` ({target}) does not resolve{who} under this pod's DNS settings "
            f"({_settings(spec, actual.resolv_conf)}); the {broken[0]} resolver tries {tried(failed)}{still}",
            _how(ref, ctx.view.settings.cluster_domain),
            related=[_related_setting(source, spec)],
        )


def _customised(spec: dict) -> bool:
    policy = spec.get("dnsPolicy")
    if spec.get("hostNetwork") is True and policy in (None, "ClusterFirst"):
        return False  # KD406
    return policy in ("None", "Default") or isinstance(spec.get("dnsConfig"), dict)


def _settings(spec: dict, conf) -> str:
    parts = []
    policy = spec.get("dnsPolicy")
    if policy == "Default":
        parts.append("dnsPolicy Default uses the node's resolv.conf, not the cluster DNS")
    elif policy == "None":
        parts.append("dnsPolicy None: only dnsConfig applies, search " + (" ".join(conf.searches) or "(none)"))
    elif conf.searches:
        parts.append("search " + " ".join(conf.searches))
    ndots = conf.option("ndots")
    if ndots is not None:
        parts.append(f"ndots:{ndots}")
    return "; ".join(parts)


def _how(ref, domain: str) -> str:
    parsed = ref.cluster_ref
    if parsed.service and parsed.namespace:
        full = f"{parsed.hostname + '.' if parsed.hostname else ''}{parsed.service}.{parsed.namespace}.svc.{domain}."
        return f"write the absolute name `{full}`, or keep the kubelet's defaults (search <namespace>.svc.{domain} svc.{domain} {domain}, ndots:5)"
    return f"keep the kubelet's defaults (search <namespace>.svc.{domain} svc.{domain} {domain}, ndots:5)"


def _related_setting(source, spec: dict) -> RelatedRef:
    field = "dnsConfig" if isinstance(spec.get("dnsConfig"), dict) and spec.get("dnsPolicy") != "Default" else "dnsPolicy"
    return RelatedRef(Ref(subject=source.obj, path=source.spec_path + (field,)), f"the pod's {field}")
