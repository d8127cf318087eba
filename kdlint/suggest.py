""""Did you mean": the name a misspelt name most likely stands for.

Two vocabularies, two behaviours, both here:
- object names (Services, mostly) are chosen by users, often numbered or suffixed (`api-1`, `api-2`),
  and a namespace may hold thousands: only a name one typo away, and the only one, is a hint worth
  giving; `NameIndex` finds it without comparing the name with every candidate;
- a schema's vocabulary (field names, kinds, enum values: tens of long camelCase words) is fixed,
  and a shortened or lengthened word (`terminationGracePeriod`) is as common as a typo:
  `closest_term` ranks by similarity over the few candidates.
"""

from __future__ import annotations

from collections import defaultdict

TERM_SIMILARITY = 0.75  # difflib ratio: `sise` -> `size`, `terminationGracePeriod` -> `...Seconds`


class NameIndex:
    """Names indexed by every one-letter deletion, so that a lookup costs a few dictionary reads
    whatever the number of names (a 5,000-Service namespace stays fast)."""

    def __init__(self, names) -> None:
        self._by_variant: dict[str, list[str]] = defaultdict(list)
        for name in dict.fromkeys(names):
            for variant in _variants(name):
                self._by_variant[variant].append(name)

    def closest(self, name: str) -> str | None:
        """The one indexed name one typo away from `name` (a letter added, dropped,
        changed or moved: `paymnets`, `payment`, `payments-ap`), or None: none is, or several are (then it is a guess, not a hint)."""
        found = {other for variant in _variants(name) for other in self._by_variant.get(variant, ()) if other != name}
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
