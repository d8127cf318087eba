"""Every reporter's output for fixed scenarios, compared with fixtures/golden/<scenario>.<ext>.

After an intended change, rewrite them with `python -m pytest tests/test_golden.py --update-golden`
and review the diff.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kdlint import __version__
from kdlint.cli import main
from kdlint.findings import Finding, Location, ObjectId, Related, Report, Severity
from kdlint.reporters import render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "fixtures" / "golden"
EXTENSIONS = {"txt": "text", "json": "json", "sarif": "sarif", "github": "github", "junit": "junit", "md": "markdown"}
# only the rules these scenarios are about, so that new rules elsewhere do not change them
SELECT = "KD0,KD1"


def cli_output(scenario: str, format_name: str) -> str:
    result = CliRunner().invoke(main, ["check", f"fixtures/golden/{scenario}", "--select", SELECT, "--format", format_name])
    assert result.exit_code in (0, 1), result.output
    return result.output


def services_report() -> Report:
    """Services with related objects across namespaces, and odd characters; made-up codes, so rule edits elsewhere do not change it."""
    cart = ObjectId("v1", "Service", "shop", "cart")
    deployment = ObjectId("apps/v1", "Deployment", "shop", "cart-v2")
    other = ObjectId("v1", "Service", "payments", 'quote"d')
    findings = [
        Finding("KD991", "example-selects-nothing", Severity.ERROR, "Service selects no pods | nothing has `app: cart`",
                Location("deploy/shop.yaml", 7, 3), cart,
                (Related(Location("deploy/shop.yaml", 30, 9), "closest pod template", deployment),), "make the labels agree"),
        Finding("KD992", "example-port-undeclared", Severity.INFO, "port 8080 is not declared\nby any container",
                Location("deploy/shop.yaml", 12, 17), cart),
        Finding("KD993", "example-short-name", Severity.WARNING, "100% sure: `cart` is in namespace shop, not payments",
                Location("deploy/payments.yaml", 20, 11), other,
                (Related(Location("deploy/shop.yaml", 4, 9), "the Service it means", cart),)),
    ]
    return Report(findings, files=2, documents=3, objects=3, paths=("deploy/payments.yaml", "deploy/shop.yaml"))


def output(scenario: str, format_name: str) -> str:
    if scenario == "services":
        return render(format_name, services_report())
    return cli_output(scenario, format_name)


def normalise(text: str, ext: str) -> str:
    text = text.replace(f'"{__version__}"', '"<version>"')
    if ext == "sarif":
        document = json.loads(text)
        for rule in document["runs"][0]["tool"]["driver"]["rules"]:
            for key in ("fullDescription", "help"):
                if key in rule:  # prose from the rule book; tests/test_sarif.py checks it
                    rule[key] = {"text": f"<rule book {rule['id']}>"}
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return text


@pytest.mark.parametrize("ext", sorted(EXTENSIONS))
@pytest.mark.parametrize("scenario", ["clean", "findings", "services"])
def test_golden(scenario, ext, request, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    actual = normalise(output(scenario, EXTENSIONS[ext]), ext)
    path = GOLDEN / f"{scenario}.{ext}"
    if request.config.getoption("--update-golden"):
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing; create it with `python -m pytest tests/test_golden.py --update-golden`"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs; if the change is intended run `python -m pytest tests/test_golden.py --update-golden` and review the diff"
