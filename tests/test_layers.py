"""Data flows one way: no part of the package imports a later one, and only the CLI knows about
click, config files and output formats.

Every module of kdlint/ belongs to a part (a top-level module, or a top-level package); parts
are ordered in layers, and a part imports only parts of earlier layers. Parts of one layer are
independent of each other: the graph (selectors, ports, backends) and the references (host
names workloads write) are both read by the DNS index, which neither of them knows.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kdlint"

LAYERS = (
    ("kdlint", "resources", "escaping", "fixes", "suggest", "collector", "forked"),  # the package (its version), leaves
    ("findings", "load", "dns"),
    ("selection", "settings", "kustomize", "model"),
    ("schema", "units"),
    ("graph", "references"),
    ("dns_index",),
    ("rules",),
    ("suppress", "fixer", "cache", "cached_rules", "rulebook"),
    ("engine",),
    ("commands", "config", "reporters", "output_files", "run_cache"),
    ("baseline",),
    ("cli",),
    ("__main__",),
)
LAYER_OF = {part: number for number, parts in enumerate(LAYERS) for part in parts}
NEVER_OUTSIDE_CLI = ("click", "kdlint.cli", "kdlint.reporters", "kdlint.config")
CLI_PARTS = {"config", "reporters", "output_files", "baseline", "cli", "__main__"}

RULES = PACKAGE / "rules"
RULE_FAMILIES = sorted(path.name for path in RULES.iterdir() if (path / "__init__.py").is_file())


def imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function (`from kdlint import x`
    counts as importing kdlint.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "kdlint":
                found.update(f"kdlint.{alias.name}" for alias in node.names if _is_part(alias.name))
    return found


def _is_part(name: str) -> bool:
    return (PACKAGE / f"{name}.py").is_file() or (PACKAGE / name / "__init__.py").is_file()


def part_of(module: str) -> str | None:
    """`kdlint.graph.view` -> `graph`; None for modules outside kdlint."""
    names = module.split(".")
    if names[0] != "kdlint":
        return None
    return names[1] if len(names) > 1 else "kdlint"


def modules() -> list[tuple[str, Path]]:
    """(part, file) for every module of the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        part = relative.parts[0].removesuffix(".py") if relative != Path("__init__.py") else "kdlint"
        found.append((part, path))
    return found


def test_every_part_has_a_layer():
    parts = {part for part, _ in modules()}
    assert sorted(parts - set(LAYER_OF)) == []
    assert sorted(set(LAYER_OF) - parts) == []


@pytest.mark.parametrize("part", sorted(LAYER_OF))
def test_part_imports_only_earlier_layers(part):
    offenders = []
    for owner, path in modules():
        if owner != part:
            continue
        for module in imports(path):
            target = part_of(module)
            if target is not None and target != part and LAYER_OF.get(target, len(LAYERS)) >= LAYER_OF[part]:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
            if part not in CLI_PARTS and any(module == banned or module.startswith(banned + ".") for banned in NEVER_OUTSIDE_CLI):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module} (only the CLI does)")
    assert offenders == []


@pytest.mark.parametrize("family", RULE_FAMILIES)
def test_rule_families_do_not_import_each_other(family):
    """A rule module imports its own family, kdlint.rules.base and the helpers families share
    (kdlint.rules.common, kdlint.rules.partial), never another family."""
    others = [f"kdlint.rules.{other}" for other in RULE_FAMILIES if other != family]
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in sorted((RULES / family).rglob("*.py"))
        for module in imports(path)
        if any(module == other or module.startswith(other + ".") for other in others)
    ]
    assert offenders == []


def test_shared_rule_helpers_import_no_family():
    families = [f"kdlint.rules.{family}" for family in RULE_FAMILIES]
    offenders = [
        f"{path.name} imports {module}"
        for path in sorted(RULES.glob("*.py")) if path.name != "__init__.py"  # the registry lists every rule
        for module in imports(path)
        if any(module == family or module.startswith(family + ".") for family in families)
    ]
    assert offenders == []


def test_the_check_catches_an_import_back_up(tmp_path):
    """The checks above read imports from source: this one proves they see every form."""
    source = tmp_path / "probe.py"
    source.write_text("from kdlint import engine\n\ndef f():\n    import kdlint.rules.dns.kd401_cross_namespace_short_name\n")
    found = imports(source)
    assert {"kdlint.engine", "kdlint.rules.dns.kd401_cross_namespace_short_name"} <= found
    assert part_of("kdlint.graph.view") == "graph" and part_of("kdlint") == "kdlint" and part_of("click") is None
