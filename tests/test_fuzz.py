"""Fuzzing: generated and mutated input through the engine and every reporter (issue 10).

The short profile runs in the normal test run; `KDLINT_FUZZ=long` runs 50,000 mutated inputs
and many more generated ones (see tests/fuzzing.py for the invariants).
"""

import os

from hypothesis import HealthCheck, given, settings, strategies as st

import fuzzing

LONG = os.environ.get("KDLINT_FUZZ") == "long"
# KDLINT_FUZZ_INPUTS splits a long run over processes (each with its own KDLINT_FUZZ_SEED)
MUTATED_INPUTS = int(os.environ.get("KDLINT_FUZZ_INPUTS", 50_000)) if LONG else 150
GENERATED_INPUTS = 2_000 if LONG else 60

FRAGMENTS = [
    "apiVersion: v1", "apiVersion: apps/v1", "kind: Service", "kind: Deployment", "kind: Pod", "kind: ConfigMap",
    "metadata:", "  name: web", "  namespace: shop", "  labels: {app: web}", "spec:", "  selector: {app: web}",
    "  ports: [{port: 80, targetPort: http}]", "  containers:", "  - name: c", "    image: nginx:1.27",
    "    env: [{name: URL, value: http://web.shop.svc:80}]", "data:", "  run.sh: |", "    {{ define \"x\" }}{{ end }}",
    "---", "...", "%YAML 1.1", "a: &a [1, 2]", "b: *a", "<<: *a", "key: [sh, -c, echo a:b]", "# kdlint: ignore=KD301 ok",
]
HOSTILE_TEXT = st.text(alphabet=st.sampled_from(list("ab:-#{}[]\"' \t\\|>&*!%") + ["\x1b", "\n", "\r", "\x85", "\u2028", "\u202e", "\x07", "\x00", "\ufeff", "é"]), max_size=30)
LINES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), HOSTILE_TEXT), max_size=25)
NAMES = st.text(alphabet=st.sampled_from(list("ab.-_/ %,:") + ["\n", "\x1b", "\u202e", "\udcff"]), min_size=1, max_size=8)


def test_mutated_fixtures_keep_every_invariant():
    inputs, findings = fuzzing.run_mutations(MUTATED_INPUTS, seed=int(os.environ.get("KDLINT_FUZZ_SEED", "0")))
    assert inputs == MUTATED_INPUTS and findings > 0
    if LONG:
        print(f"\nmutation fuzzer: {inputs:,} inputs, {findings:,} findings, no invariant broken")


@settings(max_examples=GENERATED_INPUTS, deadline=None, suppress_health_check=list(HealthCheck), derandomize=not LONG)
@given(st.lists(st.tuples(NAMES, LINES), min_size=1, max_size=3, unique_by=lambda item: item[0]))
def test_generated_input_keeps_every_invariant(files):
    fuzzing.check({f"{name}.yaml": "\n".join(lines).encode("utf-8", "surrogateescape") for name, lines in files})
