""""Did you mean": the name a misspelt name most likely stands for.

Two vocabularies, two behaviours, both here:
- object names (Services, mostly) are chosen by users, often numbered or suffixed (`api-1`, `api-2`),
  and a namespace may hold thousands: only a name one typo or one dash-separated part away, and
  the only one, is a hint worth giving; `NameIndex` finds it without comparing the name with every
  candidate;
- a schema's vocabulary (field names, kinds, enum values: tens of long camelCase words) is fixed,
  and a shortened or lengthened word (`terminationGracePeriod`) is as common as a typo:
  `closest_term` ranks by similarity over the few candidates.
"""

from __future__ import annotations

from collections import defaultdict

TERM_SIMILARITY = 0.75  # difflib ratio: `sise` -> `size`, `terminationGracePeriod` -> `...Seconds`


class NameIndex:
    """Names indexed by every one-letter deletion and every dash-separated part at either end,
    so that a lookup costs a few dictionary reads whatever the number of names (a 5,000-Service
    namespace stays fast)."""

    def __init__(self, names) -> None:
        self._names = set(names)
        self._by_variant: dict[str, list[str]] = defaultdict(list)
        self._by_end: dict[str, list[str]] = defaultdict(list)
        for name in self._names:
            for variant in _variants(name):
                self._by_variant[variant].append(name)
            for end in _ends(name):
                self._by_end[end].append(name)

    def closest(self, name: str, ends: bool = True) -> str | None:
        """The one indexed name `name` most likely stands for, or None: none is near, or several
        are (then it is a guess, not a hint). Near is one typo away (a letter added, dropped,
        changed or moved: `paymnets`, `payment`), else one dash-separated part added or dropped
        at either end, the way charts and conventions name Services (`web` for `web-svc`,
        `shop-web` or `web-headless`, and the other way round); `ends=False`: typos only."""
        typos = {other for variant in _variants(name) for other in self._by_variant.get(variant, ()) if other != name}
        if typos:
            return typos.pop() if len(typos) == 1 else None
        if not ends:
            return None
        found = {*self._by_end.get(name, ()), *(end for end in _ends(name) if end in self._names)}
        return found.pop() if len(found) == 1 else None


def closest_term(word: str, choices) -> str | None:
    """The schema word (field name, kind, enum value) `word` is most likely a misspelling of
    (`contianers` -> `containers`), compared case-insensitively."""
    by_lower = {c.lower(): c for c in choices if isinstance(c, str)}
    if word.lower() in by_lower:
        return by_lower[word.lower()]
    import difflib  # only for unknown words

    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=TERM_SIMILARITY)
    return by_lower[found[0]] if found else None


def _variants(name: str) -> set[str]:
    """`name` and every string one deletion away from it."""
    return {name, *(name[:i] + name[i + 1:] for i in range(len(name)))}


def _ends(name: str) -> set[str]:
    """`name` without its first or its last dash-separated part: `shop-web-svc` -> `web-svc`, `shop-web`."""
    first, _, rest = name.partition("-")
    start, _, last = name.rpartition("-")
    return {part for part in (rest, start) if part and first and last}
