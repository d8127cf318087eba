"""Context files: loaded for the cross-object rules, never reported on; the split of named files does not matter."""

from kdlint import engine
from kdlint.load.sources import decode
from kdlint.selection import Selection
from kdlint.settings import Settings

ONLY = Selection(select=("KD002", "KD301"))  # other rules are not the point here

SERVICE = b"""apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{port: 80}]
"""
DEPLOYMENT = b"""apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: LABEL}}
  template:
    metadata: {labels: {app: LABEL}}
    spec: {containers: [{name: cart, image: "cart:1", ports: [{containerPort: 80}]}]}
"""
BROKEN = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, name: b}\n"


def deployment(label: str):
    return decode("deploy.yaml", DEPLOYMENT.replace(b"LABEL", label.encode()))


def codes(report):
    return [(f.location.file, f.code) for f in report.findings]


def test_a_named_service_is_judged_against_workloads_in_context_files():
    service = decode("svc.yaml", SERVICE)
    alone = engine.lint([service], Settings(), ONLY).findings  # partial input: info
    assert [(f.code, str(f.severity)) for f in alone] == [("KD301", "info")]
    assert codes(engine.lint([service], Settings(), ONLY, context=[deployment("kart")])) == [("svc.yaml", "KD301")]
    assert codes(engine.lint([service], Settings(), ONLY, context=[deployment("cart")])) == []


def test_findings_in_context_files_are_not_reported():
    report = engine.lint([decode("svc.yaml", SERVICE)], Settings(), ONLY, context=[decode("bad.yaml", BROKEN), deployment("cart")])
    assert codes(report) == []
    assert report.files == 1 and report.paths == ("svc.yaml",) and report.objects == 1


def test_a_file_named_and_in_context_is_reported_once():
    service = decode("svc.yaml", SERVICE)
    report = engine.lint([service], Settings(), ONLY, context=[service, deployment("kart")])
    assert codes(report) == [("svc.yaml", "KD301")]


def test_the_split_of_named_files_does_not_change_the_result():
    files = [
        decode("svc.yaml", SERVICE),
        deployment("kart"),
        decode("bad.yaml", BROKEN),
        decode("other-svc.yaml", SERVICE.replace(b"cart", b"till").replace(b"app: till", b"app: cart")),
    ]
    whole = engine.lint(files, Settings(), ONLY, context=files).findings
    for split in (1, 2, 3):
        parts = [files[:split], files[split:]]
        pieces = [f for part in parts for f in engine.lint(part, Settings(), ONLY, context=files).findings]
        assert sorted(pieces, key=lambda f: f.sort_key()) == whole
    assert {f.code for f in whole} == {"KD002", "KD301"}


def test_any_partition_of_the_named_files_gives_the_same_findings():
    from hypothesis import given, settings, strategies as st

    files = [
        decode("svc.yaml", SERVICE),
        deployment("kart"),
        decode("bad.yaml", BROKEN),
        decode("good.yaml", SERVICE.replace(b"cart", b"kart")),
        decode("list.yaml", b"- 1\n"),
    ]
    whole = sorted(engine.lint(files, Settings(), ONLY, context=files).findings, key=lambda f: f.sort_key())

    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.integers(0, 3), min_size=len(files), max_size=len(files)))
    def check(groups):
        parts = [[f for f, g in zip(files, groups) if g == group] for group in set(groups)]
        pieces = [f for part in parts for f in engine.lint(part, Settings(), ONLY, context=files).findings]
        assert sorted(pieces, key=lambda f: f.sort_key()) == whole

    check()
