"""KD4xx: host names workloads use, resolved the way their pods' resolvers will.

Helpers shared by the rule modules of this family: where a reference is reported, and how
its Services and consumers read in messages. The references themselves come from
`view.dns` (kdlint.dns_index); no rule extracts or parses host names itself.
"""

from __future__ import annotations

from kdlint.findings import object_name
from kdlint.fixes import Applicability, Fix, replace_on_line
from kdlint.rules.base import Ref, RelatedRef, Violation

DEFAULT_NAMESPACE_NOTE = ", where objects without a namespace land"


def ident(obj) -> str:
    return object_name(obj)


def at_host(refs, problem: str, fix: str, *, related=(), severity=None, autofix=None) -> Violation:
    """A violation at the exact position of the host inside its value: the problem, who reads
    the value when it is written elsewhere (a ConfigMap), and what to do."""
    ref = refs[0]
    line, column = ref.position
    return Violation(
        f"{problem}{readers(refs)}",
        subject=ref.holder,
        path=ref.path,
        at_value=True,
        file=ref.file,
        line=line,
        column=column,
        related=tuple(related),
        fix=fix,
        autofix=autofix,
        severity=severity,
    )


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


def readers(refs) -> str:
    """' (read by Deployment dev/web)' for a host written outside the workload (a ConfigMap)."""
    consumers = []
    for ref in refs:
        if ref.consumer is not None and ref.consumer.obj is not ref.holder and ref.consumer.obj not in consumers:
            consumers.append(ref.consumer.obj)
    if not consumers:
        return ""
    shown = ", ".join(ident(obj) for obj in consumers[:3]) + (f" and {len(consumers) - 3} more" if len(consumers) > 3 else "")
    return f" (read by {shown})"


def related_service(service, message: str) -> RelatedRef:
    return RelatedRef(Ref(subject=service, path=("metadata", "name"), at_value=True), message)


def related_reference(ref, message: str) -> RelatedRef:
    line, column = ref.position
    return RelatedRef(Ref(subject=ref.holder, path=ref.path, file=ref.file, line=line, column=column), message)


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
