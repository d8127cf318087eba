"""End to end on the seed document's manifests (fixtures/seed/, faults included)."""

from pathlib import Path

import pytest

from kdlint.engine import lint
from kdlint.load.discovery import read_files
from kdlint.settings import Settings

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"


@pytest.fixture(scope="module")
def findings():
    settings = Settings()
    sources = read_files([str(SEED)], settings.max_file_size)
    return lint(sources, settings).findings


def where(finding) -> tuple:
    return (finding.code, Path(finding.location.file).name, finding.location.line, finding.location.column)


def test_indentation_and_schema_findings(findings):
    """The two documents that do not parse (KD101), and the `dev` Deployment whose container
    fields `name` and `ports` landed in the pod spec (KD102); no other KD1xx/KD2xx finding."""
    found = sorted(where(f) for f in findings if f.code.startswith(("KD1", "KD2")))
    assert found == [
        ("KD101", "04-deployment-prod.yaml", 20, 9),
        ("KD101", "07-pod-jump.yaml", 10, 9),
        ("KD102", "03-deployment-dev.yaml", 20, 7),
        ("KD102", "03-deployment-dev.yaml", 21, 7),
    ]


def test_misplaced_fields_say_where_they_belong(findings):
    messages = {f.location.line: f for f in findings if f.code == "KD102"}
    for line, field in ((20, "name"), (21, "ports")):
        finding = messages[line]
        assert finding.message == (
            f"`{field}` at column 7 lands in spec.template.spec, which has no field `{field}`; "
            "it belongs in spec.template.spec.containers[0] (the list item on line 19), at column 11"
        )
        assert finding.object.kind == "Deployment" and finding.object.namespace == "dev"
    assert messages[20].fix == "indent line 20 to column 11"
    assert messages[21].fix == "indent lines 21-22 by 4 spaces (`ports` to column 11)"
