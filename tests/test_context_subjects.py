"""With --context, cluster rules judge only the subjects of the named files: what a file gets
must be exactly what a run over everything reports in that file."""

from pathlib import Path

import pytest

from kdlint import engine
from kdlint.load.sources import decode
from kdlint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = sorted(p for p in (ROOT / "fixtures" / "projects").iterdir() if p.is_dir())
BOOK = sorted(p for p in (ROOT / "rules").glob("KD*/*") if p.is_dir() and len(list(p.rglob("*.yaml"))) > 1)


def sources_of(folder: Path) -> list:
    return [decode(str(p.relative_to(ROOT)), p.read_bytes()) for p in sorted(folder.rglob("*.y*ml"))]


def seen(findings) -> list:
    return sorted((f.code, f.location.file, f.location.line, f.location.column, f.message, str(f.severity)) for f in findings)


@pytest.mark.parametrize("folder", PROJECTS + BOOK, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_file_with_the_rest_as_context_gets_what_the_whole_run_reports_there(folder):
    everything = sources_of(folder)
    whole = engine.lint(everything, Settings()).findings
    for source in everything:
        rest = [s for s in everything if s is not source]
        alone = engine.lint([source], Settings(), context=rest).findings
        assert seen(alone) == seen(f for f in whole if f.location.file == source.path), source.path


CONFIG = b"""apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: dev}
data:
  DB_URL: http://ent:8080
"""
READER = b"""apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: dev}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: web:1
          envFrom: [{configMapRef: {name: settings}}]
"""
ENT = b"""apiVersion: v1
kind: Service
metadata: {name: ent, namespace: prod}
spec:
  selector: {app: ent}
  ports: [{port: 8080}]
"""


def test_a_host_in_a_named_config_map_read_by_a_pod_of_a_context_file_is_judged():
    config, reader, ent = decode("config.yaml", CONFIG), decode("reader.yaml", READER), decode("ent.yaml", ENT)
    whole = [f for f in engine.lint([config, reader, ent], Settings()).findings if f.location.file == "config.yaml"]
    assert [(f.code, f.location.line, f.location.column) for f in whole] == [("KD401", 5, 18)]
    alone = engine.lint([config], Settings(), context=[reader, ent]).findings
    assert seen(alone) == seen(whole)


def test_a_host_in_a_named_config_map_read_by_a_pod_with_its_own_dns_settings_is_judged():
    """KD407 judges the place the host is written, not the pod template that reads it."""
    custom = b"    spec:\n      dnsPolicy: None\n      dnsConfig: {nameservers: [10.0.0.10]}\n      containers:"
    reader = decode("reader.yaml", READER.replace(b"    spec:\n      containers:", custom))
    config, ent = decode("config.yaml", CONFIG), decode("ent.yaml", ENT.replace(b"prod", b"dev"))
    whole = [f for f in engine.lint([config, reader, ent], Settings()).findings if f.location.file == "config.yaml"]
    assert [(f.code, f.location.line, f.location.column) for f in whole] == [("KD407", 5, 18)]
    alone = engine.lint([config], Settings(), context=[reader, ent]).findings
    assert seen(alone) == seen(whole)
