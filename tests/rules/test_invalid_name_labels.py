"""KD501 on labels: each key and value checked on every object, templated ones left alone."""

from functools import partial

from harness import lint_snippet

findings = partial(lint_snippet, name="in.yaml", select=("KD501",), fields=("line", "column", "message"))

DEPLOYMENTS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, "{{ .Values.key }}": "-not valid-", "bad key!": ok, tier: "-bad"}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web, tier: "{{ .Values.tier }}", "bad key!": ok}
    spec:
      containers: [{name: web, image: web}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: web, "{{ .Values.key }}": "-not valid-", "bad key!": ok, tier: "-bad"}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: {app: api, 1: "-bad", true: x}
    spec:
      containers: [{name: api, image: api}]
"""


def test_label_problems_are_found_on_every_object_that_repeats_them():
    got = findings(DEPLOYMENTS)
    key = ("label key `bad key!` is invalid: the name part contains characters that are not allowed: ' ', '!'; "
           "the name part must end with a letter or digit")
    value = "value of label `tier` is invalid: it must start with a letter or digit"
    assert [(line, column) for line, column, _ in got] == [(5, 58), (5, 80), (10, 54), (18, 58), (18, 80), (23, 29)]
    assert [message for _, _, message in got][:5] == [key, value, key, key, value]
    assert got[5][2] == "value of label `1` is invalid: it must start with a letter or digit"  # a key read as a number


def test_a_templated_key_leaves_its_value_unchecked_and_a_templated_value_passes():
    got = findings(DEPLOYMENTS)
    assert not any("{{" in message for _, _, message in got)
