"""Multi-file scenarios: fixtures/projects/<scenario>/ with expected.yaml listing findings by object."""

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from kdlint.engine import lint
from kdlint.load.discovery import read_files
from kdlint.selection import Selection
from kdlint.settings import Settings
from paths import ROOT

PROJECTS = ROOT / "fixtures" / "projects"
SCENARIOS = sorted(p for p in PROJECTS.iterdir() if (p / "expected.yaml").is_file())


def run_scenario(folder: Path, select=("KD3",)):
    spec = YAML(typ="safe").load((folder / "expected.yaml").read_text())
    select = tuple(spec.get("select", select))  # a scenario may check other rule families too
    settings = Settings(**spec.get("settings", {}))
    paths = [str((folder / p).resolve()) for p in spec.get("paths", ["."])]
    sources = [s for s in read_files(paths, settings.max_file_size) if not s.path.endswith("/expected.yaml")]
    return spec, lint(sources, settings, Selection(select=select)).findings


def codes_by_object(found) -> dict:
    """{code: sorted ['Kind/ns/name', ...]} as expected.yaml files list them."""
    table: dict = {}
    for f in found:
        obj = f.object
        ident = f"{obj.kind}/{obj.namespace}/{obj.name}" if obj.namespace else f"{obj.kind}/{obj.name}"
        table.setdefault(f.code, []).append(ident)
    return {code: sorted(objs) for code, objs in sorted(table.items())}


@pytest.mark.parametrize("folder", SCENARIOS, ids=lambda p: p.name)
def test_scenario_yields_exactly_the_expected_findings(folder):
    spec, found = run_scenario(folder)
    expected = {code: sorted(objs) for code, objs in sorted((spec.get("expected") or {}).items())}
    assert codes_by_object(found) == expected, "\n".join(f"{f.location.file}:{f.location.line} {f.code} {f.message}" for f in found)


def test_the_seed_scenario_explains_the_parse_failure():
    _, found = run_scenario(PROJECTS / "seed")
    (kd301,) = [f for f in found if f.code == "KD301"]
    assert "the Deployment `enterprise` in " in kd301.message and "04-deployment-prod.yaml:2 could not be parsed" in kd301.message
    assert "could not be parsed" in kd301.message


def test_messages_name_the_nearest_candidate_and_the_difference():
    _, found = run_scenario(PROJECTS / "shop")
    messages = {(f.code, f.object.name): f.message for f in found}
    assert "closest is Deployment shop/cart (`app: cart` vs `app: cart-svc`)" in messages[("KD301", "cart")]
    assert "Deployment default/search matches but is in another namespace" in messages[("KD301", "search")]
    assert "declares `http` (8080/TCP)" in messages[("KD304", "checkout")]


def test_operator_resources_make_kd301_a_warning_naming_them():
    _, found = run_scenario(PROJECTS / "operator-managed")
    (kd301,) = [f for f in found if f.code == "KD301"]
    assert str(kd301.severity) == "warning"
    assert "pods may come from Alertmanager monitoring/main" in kd301.message
