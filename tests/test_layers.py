"""Data flows one way: no stage imports a later one, and only the CLI knows about click and output."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kdlint"

# stage -> modules it must never import (later stages, the CLI, output, config files)
FORBIDDEN = {
    "load": ("kdlint.model", "kdlint.graph", "kdlint.rules", "kdlint.engine"),
    "kustomize": ("kdlint.model", "kdlint.schema", "kdlint.dns", "kdlint.graph", "kdlint.references", "kdlint.rules", "kdlint.engine"),
    "model": ("kdlint.graph", "kdlint.rules", "kdlint.engine"),
    "dns": ("kdlint.graph", "kdlint.rules", "kdlint.engine", "kdlint.references"),
    "schema": ("kdlint.graph", "kdlint.rules", "kdlint.engine"),
    "graph": ("kdlint.rules", "kdlint.engine"),
    "references": ("kdlint.rules", "kdlint.engine"),
    "rules": ("kdlint.engine",),
}
NEVER_OUTSIDE_CLI = ("click", "kdlint.cli", "kdlint.reporters", "kdlint.config")


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stage_imports_only_earlier_stages(stage):
    offenders = []
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        for module in imports(path):
            if any(module == banned or module.startswith(banned + ".") for banned in FORBIDDEN[stage] + NEVER_OUTSIDE_CLI):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offenders == []
