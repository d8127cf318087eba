"""The schema rules (KD102, KD201-KD204) through the engine: versions, CRDs, schema
directories, messages and positions, and what they must never report."""

from __future__ import annotations

from functools import partial
import json
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kdlint.engine import lint
from kdlint.load.discovery import read_files
from kdlint.load.sources import read_source
from kdlint.schema.schema_dirs import SchemaDirError, load_schema_dirs
from kdlint.selection import Selection
from kdlint.settings import Settings
from paths import CORPORA, ROOT
from harness import all_paths, lint_snippet



# (line, column, code, message) of the findings in snippets given as separate files
findings = partial(lint_snippet, select=("KD1", "KD2"), fields=("line", "column", "code", "message"))
# the fix of each finding
fixes = partial(lint_snippet, select=("KD1", "KD2"), fields="fix")


def codes(*texts: str, **kwargs) -> list[tuple]:
    return [(line, code) for line, _, code, _ in findings(*texts, **kwargs)]


CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                port: {x-kubernetes-int-or-string: true}
                note: {type: string, nullable: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                pod:
                  type: object
                  x-kubernetes-embedded-resource: true
                  x-kubernetes-preserve-unknown-fields: true
"""


def widget(spec: str, metadata: str = "  name: w\n") -> str:
    return "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n" + metadata + "spec:\n" + textwrap.indent(spec, "  ")


# --------------------------------------------------------------------------- CRDs


def test_custom_resource_is_checked_against_its_crd_in_another_file():
    text = widget("size: 2\nport: http\nnote: null\nextra: {anything: [1, {deep: true}]}\n")
    assert findings(text, CRD) == []
    assert findings(CRD, text) == []


def test_custom_resource_strictness_int_or_string_nullable_and_required():
    found = codes(CRD, widget("sise: 2\nport: [80]\nnote: 5\n"))
    assert found == [(6, "KD202"), (7, "KD201"), (8, "KD201")]
    messages = [m for *_, m in findings(CRD, widget("sise: 2\n"))]
    assert messages == ["unknown field `sise` in spec; did you mean `size`?"]
    assert codes(CRD, widget("size: null\n")) == [(6, "KD201")]  # a required field is not pruned


def test_custom_resource_metadata_is_object_meta_and_embedded_metadata_too():
    assert codes(CRD, widget("size: 1\n", metadata="  name: w\n  lables: {a: b}\n")) == [(5, "KD202")]
    embedded = "size: 1\npod:\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: p, nmae: q}\n  spec: {anything: goes}\n"
    assert [(c, m) for _, _, c, m in findings(CRD, widget(embedded))] == [
        ("KD202", "unknown field `nmae` in spec.pod.metadata; did you mean `name`?")
    ]


def test_invalid_crd_schema_is_a_finding_on_the_crd_never_a_crash():
    broken = CRD.replace("size: {type: integer}", "size: {type: integr}").replace(
        "note: {type: string, nullable: true}", "note: {type: string, pattern: '(['}"
    )
    found = findings(broken, widget("size: 1\nnote: x\n"))
    assert [(line, code) for line, _, code, _ in found] == [(21, "KD201")]
    assert "spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.type is not a schema type" in found[0][3]
    only_pattern = CRD.replace("note: {type: string, nullable: true}", "note: {type: string, pattern: '(['}")
    assert codes(only_pattern, widget("size: 1\nnote: x\n")) == [(23, "KD201")]


def test_go_regular_expressions_python_cannot_read_are_not_findings():
    go_pattern = CRD.replace("note: {type: string, nullable: true}", "note: {type: string, pattern: '^((?i)a|b)$'}")
    assert findings(go_pattern, widget("size: 1\nnote: A\n")) == []


def test_crd_version_that_is_not_served():
    unserved = CRD.replace("served: true", "served: false")
    (found,) = findings(unserved, widget("size: 1\n"))
    assert found[2] == "KD203" and "does not serve example.com/v1" in found[3]


# --------------------------------------------------------------------------- KD203 / KD204


def test_missing_schema_once_per_kind_with_a_count():
    cr = "apiVersion: example.org/v1\nkind: Gadget\nmetadata:\n  name: {name}\n"
    found = findings(cr.format(name="a"), cr.format(name="b"), cr.format(name="c"), select=("KD203",))
    assert len(found) == 1
    assert found[0][3].startswith("no schema for example.org/v1 Gadget, so its fields are not checked (nor those of 2 more Gadget objects)")


def test_removed_api_hides_schema_findings_of_that_object():
    ingress = """\
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: web}
        spec:
          backend: {serviceName: web, servicePort: 80}
          bogus: 1
    """
    (found,) = findings(ingress)
    assert found[:3] == (1, 13, "KD204")
    assert "removed in Kubernetes 1.22" in found[3]
    assert fixes(ingress)[0].startswith("change apiVersion to networking.k8s.io/v1")


def test_removed_alpha_apis_are_kd204_with_the_version_that_removed_them():
    initializers = "apiVersion: admissionregistration.k8s.io/v1alpha1\nkind: InitializerConfiguration\nmetadata: {name: i}\ninitializers: []\n"
    (found,) = findings(initializers)
    assert found[:3] == (1, 13, "KD204")
    assert found[3].startswith("admissionregistration.k8s.io/v1alpha1 InitializerConfiguration was removed in Kubernetes 1.14 without a replacement API")
    assert fixes(initializers) == ["move to its successor, a mutating admission webhook (MutatingWebhookConfiguration)"]
    preset = "apiVersion: settings.k8s.io/v1alpha1\nkind: PodPreset\nmetadata: {name: p}\nspec: {}\n"
    (found,) = findings(preset)
    assert found[:3] == (1, 13, "KD204") and "removed in Kubernetes 1.20" in found[3]


def test_target_version_decides_removed_and_added_apis():
    hpa = "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: d}\n  maxReplicas: 3\n"
    assert codes(hpa, kubernetes_version="1.25") == []
    assert codes(hpa, kubernetes_version="1.26") == [(1, "KD204")]
    device_class = "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu}\nspec: {}\n"
    (found,) = findings(device_class, kubernetes_version="1.30")
    assert found[2] == "KD204" and "added in 1.34" in found[3]
    assert codes(device_class, kubernetes_version="1.34") == []


def test_fields_are_checked_against_the_target_version():
    pod = """\
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: app
              image: app:1
              resizePolicy:
                - {resourceName: cpu, restartPolicy: NotRequired}
    """
    assert codes(pod) == []
    (found,) = findings(pod, kubernetes_version="1.25")
    assert found[:3] == (8, 7, "KD202")
    assert "does not exist in Kubernetes 1.25 (see --kubernetes-version): it was added in 1." in found[3]


def test_a_field_of_a_newer_version_is_not_taken_for_a_misplaced_one():
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a}]\n  resources: {limits: {cpu: '1'}}\n"
    assert codes(pod) == []
    (found,) = findings(pod, kubernetes_version="1.25")
    assert found[2] == "KD202" and "it was added in 1.32" in found[3]


def test_unknown_kind_in_a_builtin_group_is_a_schema_violation():
    found = findings("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n")
    assert [(f[0], f[1], f[2]) for f in found] == [(2, 7, "KD201")]
    assert "did you mean Deployment?" in found[0][3]


# --------------------------------------------------------------------------- KD201 / KD202 / KD102 details


def test_messages_and_positions():
    deployment = """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          replicas: "2"
          selector: {matchLabels: {app: d}}
          template:
            metadata: {labels: {app: d}}
            spec:
              containers:
                - image: app:1
    """
    assert findings(deployment) == [
        (5, 13, "KD201", 'spec.replicas must be an integer, not the string "2"'),
        (11, 11, "KD201", 'spec.template.spec.containers[0] is missing the required field "name"'),
    ]


def test_problems_inside_a_misspelt_or_misplaced_field_are_found():
    pod = """\
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          contianers:
            - name: app
              image: app:1
              ports:
                - containerPort: "80"
    """
    assert codes(pod) == [(5, "KD202"), (9, "KD201")]
    misplaced = """\
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - image: app:1
          name: app
          ports:
            - containerPort: "80"
    """
    assert codes(misplaced) == [(7, "KD102"), (8, "KD102"), (9, "KD201")]


def test_one_finding_per_problem_for_alternatives():
    crd = CRD.replace(
        "              required: [size]\n",
        "              required: [size]\n              oneOf:\n                - required: [port]\n                - required: [note]\n",
    )
    assert [m for *_, m in findings(crd, widget("size: 1\n"))] == ["spec must set exactly one of `note`, `port`"]
    assert [m for *_, m in findings(crd, widget("size: 1\nport: 1\nnote: x\n"))] == ["spec must set only one of `note`, `port`"]


def test_valid_fixtures_have_no_schema_or_indentation_findings():
    paths = sorted((ROOT / "fixtures" / "rules").glob("KD20[12]/valid-*.yaml"))
    assert len(paths) >= 5
    sources = [read_source(p, Settings().max_file_size, root=str(p)) for p in paths]
    report = lint(sources, Settings(), Selection(select=("KD1", "KD2")))
    assert [(f.location.file, f.location.line, f.code, f.message) for f in report.findings] == []


@pytest.mark.skipif(not CORPORA.is_dir(), reason="real-world corpora not available")
@pytest.mark.parametrize("corpus", ["cert-manager", "ingress-nginx", "kube-prometheus", "voting-app"])
def test_real_world_corpora_have_no_schema_findings(corpus, monkeypatch):
    monkeypatch.chdir(CORPORA / corpus)  # from the repository's root, as pre-commit runs it
    settings = Settings()
    sources = read_files(["."], settings.max_file_size)
    report = lint(sources, settings, Selection(select=("KD1", "KD2")))
    assert [(f.location.file, f.location.line, f.code, f.message) for f in report.findings] == []


# --------------------------------------------------------------------------- schema directories


def schema_dir(tmp_path: Path, layout: str) -> Path:
    schema = {
        "type": "object",
        "properties": {
            "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
            "spec": {"type": "object", "properties": {"secretName": {"type": "string"}}, "required": ["secretName"]},
        },
    }
    path = tmp_path / "schemas" / layout
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(schema))
    return tmp_path / "schemas"


CERTIFICATE = "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec:\n  secretNmae: c\n"


@pytest.mark.parametrize("layout", ["certificate-cert-manager-v1.json", "cert-manager.io/certificate_v1.json"])
def test_schema_dir_layouts(tmp_path, layout):
    directory = schema_dir(tmp_path, layout)
    # the misspelt required field is one problem: no KD201 for the missing `secretName`
    assert findings(CERTIFICATE, schema_dirs=(str(directory),)) == [
        (5, 3, "KD202", "unknown field `secretNmae` in spec; did you mean `secretName`?")
    ]
    assert codes(CERTIFICATE.replace("secretNmae", "secretName: 1\n  other"), schema_dirs=(str(directory),)) == [(5, "KD201"), (6, "KD202")]
    assert codes(CERTIFICATE, select=("KD203",)) == [(2, "KD203")]


def test_schema_dir_errors_name_the_problem(tmp_path):
    with pytest.raises(SchemaDirError, match="does not exist"):
        load_schema_dirs([str(tmp_path / "missing")])
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(SchemaDirError, match=r"bad\.json:1:2: invalid JSON"):
        load_schema_dirs([str(tmp_path)])


def test_schema_dir_never_fetches_a_remote_reference(tmp_path, monkeypatch):
    schema = {
        "type": "object",
        "properties": {
            "spec": {"$ref": "https://example.com/spec.json"},
            "status": {"$ref": "#/definitions/missing"},  # dangling: accepts anything, never a crash
            "kind": {"type": "string"},
        },
    }
    (tmp_path / "gizmo-example-v1.json").write_text(json.dumps(schema))

    def no_network(*args, **kwargs):
        raise AssertionError("kdlint tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    text = "apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {x: 1}\nstatus: {y: 2}\nextra: 1\n"
    assert codes(text, schema_dirs=(str(tmp_path),)) == [(6, "KD202")]


# --------------------------------------------------------------------------- start-up cost


def test_a_clean_run_does_not_import_jsonschema():
    script = (
        "import sys\n"
        "from kdlint.engine import lint\nfrom kdlint.load.sources import decode\nfrom kdlint.settings import Settings\n"
        "text = b'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: s}\\ndata: {a: b}\\n'\n"
        "assert lint([decode('s.yaml', text)], Settings()).findings == []\n"
        "print('jsonschema' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# --------------------------------------------------------------------------- robustness


def _mutations():
    from hypothesis import strategies as st

    values = st.one_of(
        st.none(), st.booleans(), st.integers(-5, 70000), st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(["", "x", "8080", "1Gi", "ClusterIP", "name", "ports", "containers"]),
        st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.sampled_from(["name", "image", "a"]), st.integers(0, 3), max_size=2),
    )
    kinds = st.sampled_from(["set", "delete", "rename", "move-up", "move-down"])
    return st.lists(st.tuples(kinds, st.integers(0, 10_000), values, st.sampled_from(["name", "nmae", "ports", "type", "spec"])), max_size=4)


def _mutate(body, mutations):
    from kdlint.schema.diagnose import value_at

    for kind, pick, value, key in mutations:
        paths = [p for p in all_paths(body) if p and p[0] not in ("apiVersion", "kind")]
        if not paths:
            return body
        path = paths[pick % len(paths)]
        parent = value_at(body, path[:-1])
        if kind == "set":
            parent[path[-1]] = value
        elif kind == "delete":
            parent.pop(path[-1]) if isinstance(parent, dict) else parent.pop(path[-1])
        elif kind == "rename" and isinstance(parent, dict) and key not in parent:
            parent[key] = parent.pop(path[-1])
        elif kind == "move-up" and isinstance(parent, dict) and len(path) >= 3:
            grand = value_at(body, path[:-2])
            if isinstance(grand, dict) and path[-1] not in grand:
                grand[path[-1]] = parent.pop(path[-1])
        elif kind == "move-down" and isinstance(parent, dict):
            inner = parent[path[-1]]
            target = inner[-1] if isinstance(inner, list) and inner and isinstance(inner[-1], dict) else inner
            if isinstance(target, dict) and key in parent and key != path[-1] and key not in target:
                target[key] = parent.pop(key)
    return body


def test_mutated_manifests_never_crash_the_schema_rules():
    from hypothesis import HealthCheck, given, settings
    from ruamel.yaml import YAML

    yaml = YAML()
    texts = (ROOT / "fixtures" / "rules" / "KD202" / "valid-deployment-full.yaml").read_text()
    originals = [YAML(typ="safe").load(texts), YAML(typ="safe").load(CRD)]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_mutations(), _mutations())
    def run(first, second):
        import copy
        import io

        bodies = [_mutate(copy.deepcopy(originals[0]), first), _mutate(copy.deepcopy(originals[1]), second)]
        out = io.StringIO()
        yaml.dump_all(bodies, out)
        text = out.getvalue()
        found = findings(text, widget("size: 1\n"), select=("KD0", "KD1", "KD2"))
        assert not [f for f in found if f[2] == "KD009"], found
        assert all(1 <= line <= text.count("\n") + 1 for line, *_ in found)

    run()


@pytest.mark.parametrize(
    "before, after, spec, expected",
    [
        ("              required: [size]\n", "              required: []\n", "size: 1\n", []),
        ("size: {type: integer}", "size: {type: integer, enum: []}", "size: 1\n", []),
        ("size: {type: integer}", "size: {type: integer, minimum: 1, exclusiveMinimum: true}", "size: 1\n",
         ["spec.size must be more than 1, not 1"]),
        ("size: {type: integer}", "size: {type: integer, maximum: 5}", "size: 7\n", ["spec.size must be at most 5, not 7"]),
        ("size: {type: integer}", "size: {type: integer, enum: [1, 2]}", "size: 7\n",
         ["spec.size must be one of 1, 2, not the number 7"]),
    ],
)
def test_crd_constraints_in_plain_words(before, after, spec, expected):
    """OpenAPI v3 forms the API server accepts (empty lists, draft 4's boolean exclusiveMinimum)."""
    assert [m for *_, m in findings(CRD.replace(before, after), widget(spec))] == expected
