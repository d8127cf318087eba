"""Render kustomizations in Python, the way `kubectl kustomize` (kustomize v5) does, keeping source positions.

    rendering = render(Path("overlays/prod"))
    for obj in rendering.objects:
        document, path = obj.provenance.origin(("spec", "replicas"))

What kdlint does not render (remote resources, Helm charts, replacements, plugins...) becomes
a Note; everything else still renders. render() never raises for bad input.

Provenance, for a rendered path: a value copied from a resource file maps into that file's
document (objects of a `kind: List` at ("items", i)); a value a patch wrote maps into the
patch document (an inline `patch: |` maps onto the kustomization's own lines); a value a
transformer set maps to the kustomization entry that set it (`namespace`, the `namePrefix`
for a prefixed metadata.name, the label's key under `labels[i].pairs` or `commonLabels`,
`images[i].newTag`, `replicas[i].count`); a generated object maps to its generator entry,
its data keys to the literal, file or env entry. A reference kustomize renamed (a ConfigMap
in envFrom, a Service in an Ingress) keeps the position where the reference is written.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from kdlint.kustomize.files import KUSTOMIZATION_FILES, LoadError, kustomization_file, referenced_paths
from kdlint.kustomize.model import BuildError, Note, Provenance, Rendering, RenderedObject, Resource
from kdlint.load.sources import display_path

if TYPE_CHECKING:
    from kdlint.kustomize.build import Builder

__all__ = ["KUSTOMIZATION_FILES", "Note", "Provenance", "RenderedObject", "Rendering", "kustomization_file",
           "referenced_paths", "render"]

_ORDER_FIRST = ("Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
                "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
                "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
                "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget")
_ORDER_LAST = ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")


def render(directory: Path, load: Callable | None = None) -> Rendering:
    directory = Path(directory)
    file = kustomization_file(directory)
    shown = display_path(file) if file else display_path(directory)
    rendering = Rendering(display_path(directory), shown)
    if file is None:
        rendering.notes.append(Note("missing file", f"{shown} holds no kustomization.yaml", shown, 1, 1, "error"))
        rendering.complete = False
        return rendering
    from kdlint.kustomize.build import Builder  # a run without kustomizations never loads the renderer

    builder = Builder(load)
    resources: list[Resource] = []
    try:
        resources = builder.build_directory(directory)
    except BuildError as exc:
        builder.add_error(exc)
    except LoadError as exc:
        builder.notes.append(Note(exc.feature, str(exc), exc.file or shown, exc.line, 1, "error"))
    except (RecursionError, TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        # a renderer bug or input shaped beyond what it checks: say so at the kustomization, keep what rendered
        message = f"kdlint could not render this kustomization ({type(exc).__name__}: {exc}); compare with `kubectl kustomize`"
        builder.notes.append(Note("internal error", message, shown, 1, 1, "error"))
    resources = builder.finish(file, resources)
    documents = tuple(builder.documents)
    rendering.objects = [RenderedObject(r.body, Provenance(documents, r.origins)) for r in _legacy_order(resources, _sort_options(builder))]
    rendering.files = builder.files
    rendering.notes = builder.notes
    rendering.complete = not builder.notes
    return rendering


def _sort_options(builder: Builder) -> dict:
    top = builder.documents[0].body if builder.documents else {}
    options = top.get("sortOptions") if isinstance(top, dict) else None
    return options if isinstance(options, dict) else {}


def _legacy_order(resources: list[Resource], options: dict) -> list[Resource]:
    """kustomize's default output order: kinds in a fixed priority, then by group/version/kind, namespace, name."""
    if options.get("order") == "fifo":
        return resources
    legacy = options.get("legacySortOptions") if isinstance(options.get("legacySortOptions"), dict) else {}
    first = legacy.get("orderFirst") or _ORDER_FIRST
    last = legacy.get("orderLast") or _ORDER_LAST
    rank = {kind: i - len(first) for i, kind in enumerate(first)}
    rank.update({kind: 1 + i for i, kind in enumerate(last)})

    def gvk_text(r: Resource) -> str:
        i = r.current_id()
        return "_".join((i.group or "~G", i.version or "~V", i.kind or "~K"))

    def id_text(r: Resource) -> str:
        i = r.current_id()
        gvk = ".".join((i.kind or "[noKind]", i.version or "[noVer]", i.group or "[noGrp]"))
        return "|".join((gvk, i.namespace or "~X", i.name or "~N"))

    def compare(a: Resource, b: Resource) -> int:
        ia, ib = a.current_id(), b.current_id()
        if (ia.group, ia.version, ia.kind) != (ib.group, ib.version, ib.kind):
            ra, rb = rank.get(ia.kind, 0), rank.get(ib.kind, 0)
            if ra != rb:
                return -1 if ra < rb else 1
            ga, gb = gvk_text(a), gvk_text(b)
            if ia.kind == ib.kind == "Namespace" and (not ia.group or not ib.group):
                ga, gb = gb, ga
            return (ga > gb) - (ga < gb)
        ta, tb = id_text(a), id_text(b)
        return (ta > tb) - (ta < tb)

    return sorted(resources, key=functools.cmp_to_key(compare))
