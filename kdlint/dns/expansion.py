"""``$(VAR)`` expansion as the kubelet does it for env values, command and args, with a
map from the expanded text back to source offsets (:class:`Expanded`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple


class Segment(NamedTuple):
    """A piece of the expanded text and where it came from in the source.

    ``var`` is set for a substituted ``$(VAR)``; ``$$`` gives a 1-character piece for a
    2-character source span; literal text maps one to one.
    """

    out_start: int
    out_end: int
    src_start: int
    src_end: int
    var: str | None = None


class Expanded(NamedTuple):
    text: str
    source: str
    segments: tuple[Segment, ...]

    def _segment_at(self, out_index: int) -> Segment | None:
        for seg in self.segments:
            if seg.out_start <= out_index < seg.out_end:
                return seg
        return None

    def source_offset(self, out_index: int) -> int | None:
        """Source offset of an expanded character, None if it came from a variable."""
        seg = self._segment_at(out_index)
        if seg is None or seg.var is not None:
            return None
        if seg.src_end - seg.src_start != seg.out_end - seg.out_start:  # "$$"
            return seg.src_start
        return seg.src_start + (out_index - seg.out_start)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Source span of expanded text[start:end] when all of it is literal, else None."""
        if end <= start or any(self.source_offset(i) is None for i in range(start, end)):
            return None
        last = self._segment_at(end - 1)
        if last.src_end - last.src_start != last.out_end - last.out_start:  # ends in "$$"
            return self.source_offset(start), last.src_end
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def variables_in(self, start: int, end: int) -> tuple[Segment, ...]:
        """The substituted variables overlapping expanded text[start:end]."""
        return tuple(s for s in self.segments
                     if s.var is not None and s.out_start < end and start < s.out_end)


def expand_env(value: str, env: Mapping[str, str | None]) -> Expanded:
    """Expand ``$(VAR)`` like the kubelet does for env values, command and args.

    ``$$`` becomes ``$``; ``$(VAR)`` of a variable in ``env`` becomes its value; unknown
    variables, and variables whose value is None (not knowable statically, e.g. from a
    Secret), stay literally ``$(VAR)``; any other ``$`` is kept.
    """
    out: list[str] = []
    segments: list[Segment] = []
    i = literal_start = 0
    out_len = 0

    def flush_literal(upto: int) -> None:
        nonlocal out_len
        if upto > literal_start:
            piece = value[literal_start:upto]
            segments.append(Segment(out_len, out_len + len(piece), literal_start, upto))
            out.append(piece)
            out_len += len(piece)

    while i < len(value):
        if value[i] != "$" or i + 1 >= len(value):
            i += 1
            continue
        nxt = value[i + 1]
        if nxt == "$":
            flush_literal(i)
            segments.append(Segment(out_len, out_len + 1, i, i + 2))
            out.append("$")
            out_len += 1
            i += 2
            literal_start = i
            continue
        if nxt == "(":
            close = value.find(")", i + 2)
            name = value[i + 2 : close] if close != -1 else None
            if name is not None and env.get(name) is not None:
                flush_literal(i)
                substituted = env[name]
                segments.append(Segment(out_len, out_len + len(substituted), i, close + 1, name))
                out.append(substituted)
                out_len += len(substituted)
                i = close + 1
                literal_start = i
                continue
        i += 1
    flush_literal(len(value))
    return Expanded("".join(out), value, tuple(segments))


def expand_env_list(
    entries: Sequence[tuple[str, str | None]],
    base: Mapping[str, str | None] | None = None,
) -> list[tuple[str, Expanded | None]]:
    """Expand a container's ``env`` list in order: each value sees the entries before it
    (and ``base``, e.g. variables from ``envFrom``). A None value (``valueFrom``) is
    unknown: it stays None and references to it stay literal."""
    known: dict[str, str | None] = dict(base or {})
    result: list[tuple[str, Expanded | None]] = []
    for name, value in entries:
        if value is None:
            known[name] = None
            result.append((name, None))
            continue
        expanded = expand_env(value, known)
        known[name] = expanded.text
        result.append((name, expanded))
    return result
