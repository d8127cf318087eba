"""KD4xx: host names workloads use, resolved the way their pods' resolvers will.

Helpers shared by the rule modules of this family (those other families use too are in
kdlint.rules.common). The references themselves come from
`view.dns` (kdlint.dns_index); no rule extracts or parses host names itself.
"""

from __future__ import annotations

from kdlint.fixes import Applicability, Fix, replace_on_line

DEFAULT_NAMESPACE_NOTE = ", where objects without a namespace land"


def rewrite_host(ref, start: int, old: str, new: str, applicability: Applicability) -> Fix | None:
    """A fix replacing `old`, found `start` characters into the host as written, with `new`;
    None when the host is not written verbatim on one line of the file (it came through a
    $(VAR), or sits in an escaped or folded scalar)."""
    if ref.variable is not None or ref.host.text[start : start + len(old)] != old:
        return None
    if ref.holder.provenance is not None:
        return None  # rendered by kustomize: the value may come from a patch, not this file
    line, column = ref.position
    lines = ref.holder.doc.lines
    if replace_on_line(ref.file, lines, line, column, ref.host.text, ref.host.text) is None:
        return None
    edits = replace_on_line(ref.file, lines, line, column + start, old, new)
    return Fix(f"replace `{ref.host.text}` with `{ref.host.text[:start]}{new}{ref.host.text[start + len(old):]}`", edits, applicability)


def namespace_note(view, namespace: str) -> str:
    return DEFAULT_NAMESPACE_NOTE if namespace == view.settings.default_namespace else ""


def tried(resolution) -> str:
    """'ent.dev.svc.cluster.local, ent.svc.cluster.local and ent.cluster.local, then ent. upstream'."""
    inside = [s.candidate.name for s in resolution.steps if s not in resolution.upstream_steps]
    outside = [s.candidate.name + "." for s in resolution.upstream_steps]
    text = _listed(inside)
    if outside:
        text += (", then " if text else "") + _listed(outside) + " at the upstream DNS"
    return text or "nothing"


def _listed(names) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""
