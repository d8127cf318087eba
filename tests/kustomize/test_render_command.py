"""`kdlint render DIR` through the CLI: YAML on stdout with # Source lines, notes on stderr, exit codes."""

from click.testing import CliRunner
from ruamel.yaml import YAML

from kdlint.cli import main
from kustomize_cases import FIXTURES, write_tree


def _run(*args):
    return CliRunner().invoke(main, ["render", *args])


def test_render_prints_each_object_after_its_source(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = _run("base-overlays/overlays/dev")
    assert result.exit_code == 0 and result.stderr == ""
    sources = [line for line in result.stdout.splitlines() if line.startswith("# Source:")]
    assert sources == ["# Source: base-overlays/base/deployment.yaml:37", "# Source: base-overlays/base/kustomization.yaml:8",
                       "# Source: base-overlays/base/service.yaml:4", "# Source: base-overlays/base/deployment.yaml:4",
                       "# Source: base-overlays/base/ingress.yaml:4"]
    documents = list(YAML(typ="safe", pure=True).load_all(result.stdout))
    assert [(d["kind"], d["metadata"]["name"]) for d in documents] == [
        ("ServiceAccount", "dev-web"), ("ConfigMap", "dev-web-config-hf678c7m2b"), ("Service", "dev-web"),
        ("Deployment", "dev-web"), ("Ingress", "dev-web")]


def test_render_text_has_kubectls_layout():
    result = _run(str(FIXTURES / "labels-selectors"))
    service = result.stdout.split("---\n")[0]
    assert service.splitlines()[1:] == [
        "apiVersion: v1", "kind: Service", "metadata:", "  labels:", "    app.kubernetes.io/name: shop",
        '    app.kubernetes.io/version: "2"', "    backup: daily", "  name: shop",
        "spec:", "  ports:", "  - port: 80", "  selector:", "    app.kubernetes.io/name: shop"]
    assert '      app.kubernetes.io/version: "2"' in result.stdout


def test_notes_go_to_stderr_and_errors_exit_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        "app/kustomization.yaml": "resources:\n  - cm.yaml\n  - gone.yaml\nhelmCharts:\n  - name: x\n",
        "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
        "info/kustomization.yaml": "resources:\n  - ../app/cm.yaml\nvars: []\nreplacements:\n  - path: r.yaml\n",
    })
    result = _run("app")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "app/kustomization.yaml:4:1: unsupported: helmCharts: Helm charts are not inflated, so their objects are "
        "missing (`kustomize build --enable-helm` shows them)",
        "app/kustomization.yaml:3:5: error: missing file: gone.yaml does not exist (named in resources of app/kustomization.yaml)",
    ]
    assert result.stdout.startswith("# Source: app/cm.yaml:4\napiVersion: v1\n")
    result = _run("info")
    assert result.exit_code == 1 and "is outside the kustomization's folder" in result.stderr


def test_only_unsupported_notes_exit_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"app/kustomization.yaml": "resources:\n  - cm.yaml\nreplacements:\n  - path: r.yaml\n",
                          "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"})
    result = _run("app")
    assert result.exit_code == 0 and result.stderr.startswith("app/kustomization.yaml:3:1: unsupported: replacements: replacements are not applied;")


def test_a_folder_without_kustomization_is_a_usage_error(tmp_path):
    result = _run(str(tmp_path))
    assert result.exit_code == 2 and "holds no kustomization.yaml" in result.stderr


def test_names_from_the_input_cannot_forge_output_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"app/kustomization.yaml": 'resources:\n  - "evil\\nname.yaml"\n'})
    result = _run("app")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "evil\\nname.yaml does not exist" in result.stderr
