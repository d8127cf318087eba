"""Which files hold Kubernetes manifests, decided from their name and their content.

A file is skipped without a finding when another tool owns it by name (kustomize, Helm,
pre-commit, CI...), or when nothing in it is a manifest attempt: no document is a mapping
with `apiVersion` or `kind` (Grafana dashboards, OpenAPI documents, JSON data, Prometheus
config). A file whose documents do not all parse is a manifest attempt when its text has
`apiVersion:` or `kind:` at the start of a line, or a JSON `"apiVersion":`/`"kind":` key.
Everything else is linted, and KD003 reports its documents that are not objects.
"""

from __future__ import annotations

import posixpath
import re

# Files other tools own, skipped whatever they hold (a kustomization has `apiVersion` and `kind`).
NON_MANIFEST_FILES = frozenset(
    {
        "kustomization.yaml",
        "kustomization.yml",
        "Kustomization",
        "Chart.yaml",
        "Chart.lock",
        "values.yaml",
        "values.yml",
        "values.schema.json",
        "requirements.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        ".kdlint.yaml",
        ".kdlint.yml",
        ".yamllint",
        ".yamllint.yaml",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "renovate.json",
        "mkdocs.yml",
        "action.yml",
        "action.yaml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yaml",
    }
)
# folders whose YAML is CI or editor configuration, never manifests
OWNED_FOLDERS = (".github/", ".gitlab/", ".circleci/", ".vscode/")

_MANIFEST_KEY = re.compile(r'^(?:apiVersion|kind)[ \t]*:|"(?:apiVersion|kind)"\s*:', re.M)


def owned_by_another_tool(path: str) -> bool:
    name = posixpath.basename(path)
    return (
        name in NON_MANIFEST_FILES
        or (name.startswith("values-") and name.endswith((".yaml", ".yml")))
        or any(path.startswith(folder) or f"/{folder}" in path for folder in OWNED_FOLDERS)
    )


def holds_no_manifest(documents, text: str) -> bool:
    """True when no document of the file is a manifest attempt (see the module docstring)."""
    if any(doc.blank for doc in documents):
        return False  # an empty file is reported (KD003), not taken for another format
    if any(_attempt(doc.body) for doc in documents if doc.error is None):
        return False
    return not any(doc.error is not None for doc in documents) or _MANIFEST_KEY.search(text) is None


def _attempt(body) -> bool:
    if isinstance(body, dict):
        return "apiVersion" in body or "kind" in body
    return isinstance(body, list) and any(isinstance(item, dict) and ("apiVersion" in item or "kind" in item) for item in body)
