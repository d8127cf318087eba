"""KD404: a name under the cluster domain that the cluster DNS can never answer."""

from kdlint.dns.refs import Form, RefKind
from kdlint.findings import Severity
from kdlint.rules.base import Needs, RuleMeta
from kdlint.rules.common import at_host

META = RuleMeta("KD404", "malformed-cluster-name", "In-cluster name that no DNS record can ever have", Severity.ERROR, Needs.CLUSTER, subjects="dns-places")

# problems parse_ref reports that other rules own, or that do not make the name unanswerable
_NOT_OURS = ("ends with a dot", "but the cluster domain is")
PROTOCOLS = ("tcp", "udp", "sctp")


def check(refs, ctx):
    view = ctx.view
    domain = view.settings.cluster_domain
    ref = refs[0]
    parsed = ref.cluster_ref
    under_domain = parsed.domain == domain or parsed.form is Form.SVC
    if not under_domain or ref.host.srv:
        return
    problems = [p for p in parsed.problems if not any(text in p for text in _NOT_OURS)]
    if parsed.kind is RefKind.SRV and parsed.protocol not in PROTOCOLS:
        # the cluster DNS reads any two leading labels as port and protocol (`_` optional)
        problems.append(
            f"the two labels in front of the Service name are read as a port name and a protocol, "
            f"and {parsed.protocol!r} is not tcp, udp or sctp"
        )
    if parsed.kind not in (RefKind.INVALID, RefKind.NAMESPACE) and not problems:
        return
    yield at_host(
        refs,
        f"`{ref.text}` can never resolve: {'; '.join(_as_clause(p) for p in problems)}",
        f"write the name in a form the cluster DNS answers: <service>.<namespace>.svc.{domain}, "
        f"<hostname>.<service>.<namespace>.svc.{domain} or _<port>._<protocol>.<service>.<namespace>.svc.{domain} "
        "(a Service or namespace name cannot contain dots or '_')",
    )


def _as_clause(problem: str) -> str:
    """parse_ref's problems either name their subject ('x' ..., part 'x' ...) or not (names ...)."""
    return problem if problem.startswith(("'", "part ", "its ", "the ")) else "it " + problem
