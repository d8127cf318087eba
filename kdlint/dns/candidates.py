"""The absolute names a libc tries for a query, in order (docs/dns.md, Search paths and ndots:
glibc and musl).
Candidate names are written without the trailing dot."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from kdlint.dns.resolv_conf import GLIBC, MUSL, ResolvConf

MAX_NAME_CHARS = 253  # longest name (without the root dot) that fits the wire format


# ---- candidate lists ------------------------------------------------------------------


class Candidate(NamedTuple):
    """One absolute name a libc sends. ``search_domain`` is None for the as-is query."""

    name: str
    search_domain: str | None = None

    @property
    def as_is(self) -> bool:
        return self.search_domain is None


def _split_query(name: str) -> tuple[str, int, bool]:
    """(name without trailing dot, dots counted like both libcs do, trailing dot?)."""
    query = name.strip().lower()
    dots = query.count(".")  # a trailing dot counts too, in glibc and in musl
    trailing = query.endswith(".")
    return (query[:-1] if trailing else query), dots, trailing


def _searched(base: str, domains: Iterable[str]) -> list[Candidate]:
    out = []
    for domain in domains:
        full = f"{base}.{domain}"
        if len(full) <= MAX_NAME_CHARS:  # longer names cannot be sent; both libcs skip them
            out.append(Candidate(full, domain))
    return out


def glibc_candidates(name: str, conf: ResolvConf) -> list[Candidate]:
    """The names glibc's ``res_search`` tries, in order."""
    base, dots, trailing = _split_query(name)
    if not base:
        return []
    if trailing:
        return [Candidate(base)]
    searched = _searched(base, conf.searches_for(GLIBC))
    if dots >= conf.ndots(GLIBC):
        return [Candidate(base), *searched]
    if dots == 0 and conf.has_option("no-tld-query"):
        return searched
    return [*searched, Candidate(base)]


def musl_candidates(name: str, conf: ResolvConf) -> list[Candidate]:
    """The names musl's ``name_from_dns_search`` tries, in order."""
    base, dots, trailing = _split_query(name)
    if not base:
        return []
    if trailing or dots >= conf.ndots(MUSL):
        return [Candidate(base)]
    return [*_searched(base, conf.searches_for(MUSL)), Candidate(base)]


def candidates(name: str, conf: ResolvConf, libc: str) -> list[Candidate]:
    if libc == GLIBC:
        return glibc_candidates(name, conf)
    if libc == MUSL:
        return musl_candidates(name, conf)
    raise ValueError(f"unknown libc {libc!r}")
