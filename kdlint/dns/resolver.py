"""The pod DNS resolution model (docs/dns.md: Names the cluster DNS answers, Search paths
and ndots, When an earlier search step answers). One implementation for every rule.

Three steps, each usable alone, each in its own module:

* :mod:`kdlint.dns.resolv_conf` -- the resolv.conf the kubelet writes for a pod;
* :mod:`kdlint.dns.candidates` -- the absolute names glibc and musl try, in order;
* :mod:`kdlint.dns.coredns` -- what the cluster DNS (CoreDNS ``kubernetes`` plugin) reads
  into one candidate, and its answer given the cluster facts.

:func:`resolve` walks the candidates against a :class:`ClusterView` and returns the trace and
the final answer for glibc and for musl. Names are compared lower-cased. Candidate
names are absolute and written without the trailing dot.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from kdlint.dns.candidates import Candidate, glibc_candidates, musl_candidates
from kdlint.dns.coredns import Classification, ClusterView, Outcome, classify, outcome
from kdlint.dns import DEFAULT_CLUSTER_DOMAIN
from kdlint.dns.resolv_conf import GLIBC, MUSL, PodDNSContext, ResolvConf, pod_resolv_conf

# ---- resolution ------------------------------------------------------------------------


class Step(NamedTuple):
    candidate: Candidate
    classification: Classification
    outcome: Outcome


class Verdict(Enum):
    CLUSTER = "cluster"  # an in-cluster record answers, no upstream query before it
    CLUSTER_AFTER_UPSTREAM = "cluster-after-upstream"  # answers only if upstream fails first
    UPSTREAM = "upstream"  # no in-cluster answer; the name goes to the upstream DNS
    NODATA = "nodata"  # musl stopped on a NODATA reply
    NXDOMAIN = "nxdomain"  # every query failed inside the cluster DNS
    NO_QUERY = "no-query"  # nothing to send (empty or malformed name)


class Resolution(NamedTuple):
    """How one libc resolves one name.

    ``steps`` are the queries in order, assuming every upstream query (``UPSTREAM``) fails
    with NXDOMAIN, which is what happens to cluster-style names outside the cluster.
    ``answer`` is the step whose in-cluster record answers, if any; ``stopped_on_nodata``
    is musl giving up on a NODATA reply.
    """

    libc: str
    steps: tuple[Step, ...]
    answer: Step | None
    stopped_on_nodata: bool = False

    @property
    def names(self) -> list[str]:
        return [s.candidate.name for s in self.steps]

    @property
    def resolved(self) -> bool:
        return self.answer is not None

    @property
    def target(self) -> Classification | None:
        return self.answer.classification if self.answer else None

    @property
    def upstream_steps(self) -> tuple[Step, ...]:
        """Queries that leave the cluster DNS (before the answer, if any)."""
        return tuple(s for s in self.steps if s.outcome is Outcome.UPSTREAM)

    @property
    def verdict(self) -> Verdict:
        if self.answer is not None:
            before = self.steps[: self.steps.index(self.answer)]
            if any(s.outcome is Outcome.UPSTREAM for s in before):
                return Verdict.CLUSTER_AFTER_UPSTREAM
            return Verdict.CLUSTER
        if self.stopped_on_nodata:
            return Verdict.NODATA
        if self.upstream_steps:
            return Verdict.UPSTREAM
        return Verdict.NXDOMAIN if self.steps else Verdict.NO_QUERY

    @property
    def wasted_steps(self) -> tuple[Step, ...]:
        """Queries sent before the one that answered."""
        return self.steps[:-1] if self.answer else ()


class ResolveResult(NamedTuple):
    query: str
    resolv_conf: ResolvConf
    glibc: Resolution
    musl: Resolution

    def for_libc(self, libc: str) -> Resolution:
        return self.glibc if libc == GLIBC else self.musl


def _step(candidate: Candidate, conf: ResolvConf, domain: str, cluster: ClusterView) -> Step:
    c = classify(candidate.name, domain)
    result = outcome(c, cluster) if conf.uses_cluster_dns else Outcome.UPSTREAM
    return Step(candidate, c, result)


def walk(
    names: Sequence[Candidate],
    libc: str,
    conf: ResolvConf,
    cluster: ClusterView,
    cluster_domain: str = DEFAULT_CLUSTER_DOMAIN,
) -> Resolution:
    """Send ``names`` in order until one answers; musl also stops at a NODATA reply."""
    steps: list[Step] = []
    for candidate in names:
        step = _step(candidate, conf, cluster_domain, cluster)
        steps.append(step)
        if step.outcome is Outcome.ANSWER:
            return Resolution(libc, tuple(steps), step)
        # glibc keeps searching on NODATA; musl returns EAI_NODATA for a searched name.
        if step.outcome is Outcome.NODATA and libc == MUSL and not candidate.as_is:
            return Resolution(libc, tuple(steps), None, stopped_on_nodata=True)
    return Resolution(libc, tuple(steps), None)


def resolve(name: str, pod: PodDNSContext, cluster: ClusterView) -> ResolveResult:
    """Resolve ``name`` from ``pod`` with glibc and with musl against ``cluster``."""
    conf = pod_resolv_conf(pod)
    domain = pod.cluster_domain
    return ResolveResult(
        query=name,
        resolv_conf=conf,
        glibc=walk(glibc_candidates(name, conf), GLIBC, conf, cluster, domain),
        musl=walk(musl_candidates(name, conf), MUSL, conf, cluster, domain),
    )
