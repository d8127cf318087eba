"""What is not rendered, and what kustomize would reject: one Note each, at the kustomization's line, never an exception."""

from kdlint.kustomize import Note, referenced_paths, render
from kustomize_cases import write_tree

CONFIG_MAP = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
"""


def _notes(rendering):
    return [(n.feature, n.kind, n.line, n.column) for n in rendering.notes]


def test_unsupported_features_are_info_notes_and_the_rest_still_renders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        "app/kustomization.yaml": """
            resources:
              - settings.yaml
              - https://github.com/example/repo/deploy?ref=v1
            helmCharts:
              - name: redis
            replacements:
              - path: replacement.yaml
            vars:
              - name: X
            namespace: apps
        """,
        "app/settings.yaml": CONFIG_MAP,
    })
    rendering = render(tmp_path / "app")
    assert _notes(rendering) == [
        ("helmCharts", "unsupported", 4, 1),
        ("replacements", "unsupported", 6, 1),
        ("vars", "unsupported", 8, 1),
        ("remote resource", "unsupported", 3, 5),
    ]
    assert rendering.notes[0].file == "app/kustomization.yaml"
    assert "kustomize build --enable-helm" in rendering.notes[0].message
    assert not rendering.complete and not rendering.failed
    assert [o.body["metadata"] for o in rendering.objects] == [{"name": "settings", "namespace": "apps"}]


def test_missing_file_and_bad_patch_target_are_errors_at_their_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        "app/kustomization.yaml": """
            resources:
              - settings.yaml
              - missing.yaml
            patches:
              - patch: |-
                  apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: other
              - path: absent-patch.yaml
              - target:
                  kind: ConfigMap
                patch: |-
                  - op: replace
                    path: /data/missing
                    value: x
        """,
        "app/settings.yaml": CONFIG_MAP,
    })
    rendering = render(tmp_path / "app")
    assert _notes(rendering) == [
        ("missing file", "error", 3, 5),
        ("patch target", "error", 5, 5),
        ("missing file", "error", 10, 11),
        ("patches", "error", 11, 5),
    ]
    assert "missing.yaml does not exist" in rendering.notes[0].message
    assert "ConfigMap/other matches no object" in rendering.notes[1].message
    assert "missing key 'data'" in rendering.notes[3].message
    assert rendering.failed and len(rendering.objects) == 1


def test_cycles_id_conflicts_and_components_of_the_wrong_kind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        "a/kustomization.yaml": "resources:\n  - ../b\n  - settings.yaml\n  - copy.yaml\ncomponents:\n  - ../c\n",
        "a/settings.yaml": CONFIG_MAP,
        "a/copy.yaml": CONFIG_MAP,
        "b/kustomization.yaml": "resources:\n  - ../a\n",
        "c/kustomization.yaml": "resources: []\n",
    })
    rendering = render(tmp_path / "a")
    assert [(n.feature, n.file, n.line) for n in rendering.notes] == [
        ("cycle", "b/kustomization.yaml", 2),
        ("id conflict", "a/kustomization.yaml", 4),
        ("components", "a/kustomization.yaml", 6),
    ]
    assert "ConfigMap/settings is defined twice" in rendering.notes[1].message
    assert len(rendering.objects) == 1


def test_bad_input_never_raises(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        "bad-yaml/kustomization.yaml": "resources: [\n",
        "not-a-map/kustomization.yaml": "- a\n",
        "bad-resource/kustomization.yaml": "resources:\n  - r.yaml\nunknownField: 1\n",
        "bad-resource/r.yaml": "kind: [\n",
        "bad-generator/kustomization.yaml": "configMapGenerator:\n  - name: g\n    literals: [novalue]\n    envs: [nope.env]\n",
        "outside/kustomization.yaml": "configMapGenerator:\n  - name: g\n    files: [../secret.txt]\n",
        "secret.txt": "x",
    })
    results = {d: _notes(render(tmp_path / d)) for d in ("bad-yaml", "not-a-map", "bad-resource", "bad-generator", "outside")}
    assert results == {
        "bad-yaml": [("invalid YAML", "error", 2, 1)],
        "not-a-map": [("invalid kustomization", "error", 1, 1)],
        "bad-resource": [("unknown field", "error", 3, 1), ("invalid YAML", "error", 2, 5)],
        "bad-generator": [("missing file", "error", 2, 5)],
        "outside": [("missing file", "error", 2, 5)],
    }
    assert render(tmp_path / "nowhere").notes == [Note("missing file", "nowhere holds no kustomization.yaml", "nowhere", 1, 1, "error")]


def test_referenced_paths_lists_local_files_without_rendering(tmp_path):
    write_tree(tmp_path, {
        "app/kustomization.yaml": """
            resources:
              - deploy.yaml
              - ../base
              - https://example.com/x.yaml
            components: [../monitoring]
            patches:
              - path: patch.yaml
            patchesStrategicMerge: [old-patch.yaml]
            configMapGenerator:
              - name: g
                files: [key=data.txt]
                envs: [vars.env]
        """,
        "app/deploy.yaml": CONFIG_MAP, "app/patch.yaml": CONFIG_MAP, "app/old-patch.yaml": CONFIG_MAP,
        "app/data.txt": "x", "app/vars.env": "A=1\n",
        "base/kustomization.yaml": "resources: []\n", "monitoring/kustomization.yaml": "kind: Component\n",
    })
    found = [p.relative_to(tmp_path.resolve()).as_posix() for p in referenced_paths(tmp_path / "app")]
    assert found == ["app/deploy.yaml", "base", "monitoring", "app/patch.yaml", "app/old-patch.yaml", "app/data.txt", "app/vars.env"]
    assert referenced_paths(tmp_path / "base") == [] and referenced_paths(tmp_path / "none") == []


def test_wrong_types_everywhere_give_notes_not_exceptions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    odd_values = ["5", "text", "[1, 2]", "{a: {b: 1}}", "[{path: 5}]", "[text]", "[{name: x, literals: 5, files: [7], envs: {}}]",
                  "[{pairs: {a: [1]}, fields: [{path: 5}]}]", "[{name: web, count: x}]", "null", "[{target: 5, patch: 5}]",
                  "[{target: {name: '('}, patch: '[]'}]", "[{patch: '- op: add'}]", "[{patch: '{kind: Deployment, metadata: 5}'}]"]
    fields = ["resources", "components", "namespace", "namePrefix", "patches", "patchesStrategicMerge", "patchesJson6902",
              "configMapGenerator", "secretGenerator", "labels", "commonLabels", "commonAnnotations", "images", "replicas",
              "generatorOptions", "sortOptions"]
    deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers: 5\n"
    for index, value in enumerate(odd_values):
        for field in fields:
            folder = tmp_path / f"case{index}-{field}"
            write_tree(folder, {"kustomization.yaml": f"resources:\n  - app.yaml\n{field}: {value}\n" if field != "resources" else f"resources: {value}\n",
                                "app.yaml": deployment})
            rendering = render(folder)  # must not raise
            assert all(isinstance(note, Note) and note.line >= 1 for note in rendering.notes)
