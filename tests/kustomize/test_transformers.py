"""Each transformer on the fixtures: exact rendered values and the file, line and column each came from."""

import os
import pickle

import pytest

from kdlint.kustomize import render
from kustomize_cases import FIXTURES, find, where


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)


def test_overlay_namespace_prefix_and_patch_keep_base_and_patch_positions():
    rendering = render(FIXTURES / "base-overlays/overlays/dev")
    assert rendering.complete and rendering.notes == []
    deployment = find(rendering, "Deployment", "dev-web")
    body = deployment.body
    assert body["metadata"]["namespace"] == "dev"
    assert body["spec"]["replicas"] == 2
    spec = body["spec"]["template"]["spec"]
    assert spec["serviceAccountName"] == "dev-web"
    assert spec["containers"][0]["envFrom"][0]["configMapRef"]["name"] == "dev-web-config-hf678c7m2b"
    assert spec["containers"][0]["env"] == [{"name": "BACKEND_URL", "value": "http://dev-api:8080"}]
    # a field the patch changed points into the patch, one from the base into the base
    assert where(deployment, "spec", "replicas") == ("base-overlays/overlays/dev/replicas.yaml", 6, 13)
    assert where(deployment, "spec", "template", "spec", "containers", 0, "env", 0, "value") == ("base-overlays/overlays/dev/replicas.yaml", 13, 22)
    assert where(deployment, "spec", "template", "spec", "containers", 1, "image") == ("base-overlays/base/deployment.yaml", 31, 18)
    # values a transformer set point at the kustomization entry that set them
    assert where(deployment, "metadata", "namespace") == ("base-overlays/overlays/dev/kustomization.yaml", 1, 12)
    assert where(deployment, "metadata", "name") == ("base-overlays/overlays/dev/kustomization.yaml", 2, 13)
    # a rewritten reference stays where the reference is written
    assert where(deployment, "spec", "template", "spec", "serviceAccountName") == ("base-overlays/base/deployment.yaml", 17, 27)
    assert deployment.source() == ("base-overlays/base/deployment.yaml", 4)
    ingress = find(rendering, "Ingress")
    assert ingress.body["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] == "dev-web"


def test_two_overlays_render_the_same_base_into_different_namespaces():
    dev = find(render(FIXTURES / "base-overlays/overlays/dev"), "Service")
    prod = find(render(FIXTURES / "base-overlays/overlays/prod"), "Service")
    assert (dev.body["metadata"]["namespace"], dev.body["metadata"]["name"]) == ("dev", "dev-web")
    assert (prod.body["metadata"]["namespace"], prod.body["metadata"]["name"]) == ("prod", "prod-web-v2")
    assert where(dev, "spec", "ports", 0, "port") == where(prod, "spec", "ports", 0, "port") == ("base-overlays/base/service.yaml", 10, 13)


def test_labels_with_selectors_images_replicas_annotations_and_json_patch():
    rendering = render(FIXTURES / "base-overlays/overlays/prod")
    service = find(rendering, "Service")
    assert service.body["spec"]["selector"] == {"app": "web", "tier": "frontend"}
    assert service.body["metadata"]["labels"] == {"team": "shop", "tier": "frontend"}
    assert where(service, "spec", "selector", "tier") == ("base-overlays/overlays/prod/kustomization.yaml", 10, 13)
    assert where(service, "metadata", "annotations", "owner") == ("base-overlays/overlays/prod/kustomization.yaml", 15, 10)
    deployment = find(rendering, "Deployment")
    body = deployment.body
    assert body["spec"]["replicas"] == 5
    assert where(deployment, "spec", "replicas") == ("base-overlays/overlays/prod/kustomization.yaml", 24, 12)
    assert body["spec"]["selector"]["matchLabels"] == {"app": "web", "tier": "frontend"}
    assert "team" not in body["spec"]["template"]["metadata"]["labels"]  # labels without includeTemplates
    web, sidecar = body["spec"]["template"]["spec"]["containers"]
    assert web["image"] == "registry.example.com/nginx:1.26"
    assert where(deployment, "spec", "template", "spec", "containers", 0, "image") == ("base-overlays/overlays/prod/kustomization.yaml", 19, 13)
    assert sidecar["image"] == "busybox@sha256:" + "0123456789abcdef" * 4
    # the inline JSON patch: positions fall on the kustomization's own lines
    assert web["ports"][1] == {"containerPort": 9090, "name": "metrics"}
    assert where(deployment, "spec", "template", "spec", "containers", 0, "ports", 1) == ("base-overlays/overlays/prod/kustomization.yaml", 39, 11)
    assert where(deployment, "spec", "template", "spec", "containers", 0, "ports", 0, "name") == ("base-overlays/base/deployment.yaml", 23, 21)
    config = find(rendering, "ConfigMap")
    assert config.body["data"] == {"LOG_LEVEL": "warn", "REGION": "eu"}
    assert config.body["metadata"]["name"] == "prod-web-config-v2-9655kbf7td"
    assert where(config, "data", "LOG_LEVEL") == ("base-overlays/overlays/prod/kustomization.yaml", 29, 9)


def test_labels_complete_a_selectorless_deployment_a_service_and_templates():
    rendering = render(FIXTURES / "labels-selectors")
    deployment, service, cronjob = find(rendering, "Deployment"), find(rendering, "Service"), find(rendering, "CronJob")
    assert deployment.body["spec"]["selector"] == {"matchLabels": {"app.kubernetes.io/name": "shop"}}
    assert deployment.body["spec"]["template"]["metadata"]["labels"] == {
        "app.kubernetes.io/name": "shop", "app.kubernetes.io/version": "2", "backup": "daily"}  # the last from `fields`
    assert service.body["spec"]["selector"] == {"app.kubernetes.io/name": "shop"}
    assert where(service, "spec", "selector") == ("labels-selectors/kustomization.yaml", 5, 7)
    assert where(service, "spec", "selector", "app.kubernetes.io/name") == ("labels-selectors/kustomization.yaml", 5, 31)
    job_template = cronjob.body["spec"]["jobTemplate"]
    assert job_template["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/version"] == "2"
    assert "selector" not in job_template["spec"]  # kustomize does not create a Job selector
    assert "annotations" not in cronjob.body["metadata"]  # a `fields` entry without create: true adds no map
    claim = find(rendering, "StatefulSet").body["spec"]["volumeClaimTemplates"][0]
    assert claim["metadata"]["labels"] == {"app.kubernetes.io/name": "shop", "app.kubernetes.io/version": "2"}


def test_patch_directives_delete_replace_and_list_merge_order():
    rendering = render(FIXTURES / "patch-directives")
    assert [o.body["kind"] for o in rendering.objects] == ["Service", "Deployment"]  # the ConfigMap was deleted
    deployment = find(rendering, "Deployment")
    spec = deployment.body["spec"]["template"]["spec"]
    assert [c["name"] for c in spec["containers"]] == ["app"]
    assert spec["nodeSelector"] == {"disk": "ssd"}
    # merged by name: the patch's items first, in its order, then the rest of the original
    assert spec["volumes"] == [{"name": "cache", "emptyDir": {"medium": "Memory"}}, {"name": "scratch", "emptyDir": {}}]
    assert where(deployment, "spec", "template", "spec", "nodeSelector") == ("patch-directives/kustomization.yaml", 17, 13)
    assert where(deployment, "spec", "template", "spec", "volumes", 0, "emptyDir", "medium") == ("patch-directives/kustomization.yaml", 22, 25)
    assert where(deployment, "spec", "template", "spec", "volumes", 1) == ("patch-directives/kustomization.yaml", 23, 15)
    assert where(deployment, "spec", "template", "spec", "containers", 0, "volumeMounts", 0, "mountPath") == ("patch-directives/app.yaml", 24, 26)
    service = find(rendering, "Service")
    assert service.body["spec"]["ports"] == [{"name": "http", "port": 80, "targetPort": 8080}, {"name": "https", "port": 443, "targetPort": 8080}]
    assert service.body["metadata"]["annotations"] == {"example.com/moved": "moved-value"}
    assert where(service, "spec", "ports", 1, "port") == ("patch-directives/service-ops.yaml", 14, 10)
    assert where(service, "spec", "ports", 1, "targetPort") == ("patch-directives/app.yaml", 51, 19)
    assert where(service, "metadata", "annotations", "example.com/moved") == ("patch-directives/app.yaml", 44, 23)


def test_component_adds_objects_annotations_and_a_container():
    rendering = render(FIXTURES / "components")
    deployment, service = find(rendering, "Deployment"), find(rendering, "Service")
    assert service.body["metadata"] == {"name": "api-metrics", "namespace": "shop", "annotations": {"prometheus.io/scrape": "true"}}
    containers = deployment.body["spec"]["template"]["spec"]["containers"]
    assert [c["name"] for c in containers] == ["exporter", "api"]
    assert where(deployment, "spec", "template", "spec", "containers", 0, "image") == ("components/monitoring/kustomization.yaml", 20, 24)
    assert where(deployment, "spec", "template", "spec", "containers", 1, "image") == ("components/base/api.yaml", 16, 18)
    assert rendering.files == ["components/kustomization.yaml", "components/base/kustomization.yaml", "components/base/api.yaml",
                               "components/monitoring/kustomization.yaml", "components/monitoring/metrics-service.yaml"]


def test_generators_hash_names_like_kustomize_and_rewrite_references():
    rendering = render(FIXTURES / "generators")
    names = [(o.body["kind"], o.body["metadata"]["name"]) for o in rendering.objects]
    assert names == [("ConfigMap", "gen-settings-t6dhmhk4kh"), ("ConfigMap", "gen-static"),
                     ("Secret", "gen-credentials-bf5fk5d75b"), ("Deployment", "gen-app")]
    settings = find(rendering, "ConfigMap", "gen-settings-t6dhmhk4kh")
    assert settings.body["data"] == {"MODE": "fast", "GREETING": "hello world", "TIMEOUT": "30", "RETRIES": "3",
                                     "app.properties": "color=blue\nsize=large\n", "renamed.conf": "color=blue\nsize=large\n"}
    assert settings.body["metadata"]["labels"] == {"generated": "yes"}
    assert where(settings, "data", "TIMEOUT") == ("generators/kustomization.yaml", 16, 9)
    assert find(rendering, "Secret").body["data"] == {"password": "czNjcmV0"}
    spec = find(rendering, "Deployment").body["spec"]["template"]["spec"]
    assert spec["containers"][0]["envFrom"][0]["configMapRef"]["name"] == "gen-settings-t6dhmhk4kh"
    assert spec["containers"][0]["env"][0]["valueFrom"]["secretKeyRef"]["name"] == "gen-credentials-bf5fk5d75b"
    assert [v["configMap"]["name"] for v in spec["volumes"]] == ["gen-settings-t6dhmhk4kh", "gen-static"]
    assert "generators/defaults.env" in rendering.files and "generators/app.properties" in rendering.files


def test_rbac_subjects_webhooks_and_statefulset_service_name():
    rendering = render(FIXTURES / "rbac-references")
    binding = find(rendering, "RoleBinding")
    assert binding.body["roleRef"]["name"] == "t-runner"
    assert binding.body["subjects"] == [{"kind": "ServiceAccount", "name": "runner", "namespace": "elsewhere"},
                                        {"kind": "ServiceAccount", "name": "default", "namespace": "tools"}]
    cluster_binding = find(rendering, "ClusterRoleBinding")
    assert cluster_binding.body["roleRef"]["name"] == "view"  # not in the input: unchanged
    assert cluster_binding.body["subjects"] == [{"kind": "ServiceAccount", "name": "t-runner", "namespace": "tools"}]
    assert where(cluster_binding, "subjects", 0, "namespace") == ("rbac-references/kustomization.yaml", 1, 12)
    webhook = find(rendering, "ValidatingWebhookConfiguration")
    assert webhook.body["metadata"] == {"name": "t-checker"}  # cluster-scoped: no namespace
    assert webhook.body["webhooks"][0]["clientConfig"]["service"] == {"name": "t-db", "namespace": "tools", "path": "/validate"}
    assert find(rendering, "StatefulSet").body["spec"]["serviceName"] == "t-db"


def test_provenance_pickles_and_keeps_documents_shared():
    rendering = render(FIXTURES / "base-overlays/overlays/dev")
    copy = pickle.loads(pickle.dumps(rendering))
    before = [o.position(("spec",)) for o in rendering.objects]
    assert [o.position(("spec",)) for o in copy.objects] == before
    assert copy.objects[0].provenance.documents is copy.objects[1].provenance.documents


def test_the_given_loader_reads_every_yaml_file(tmp_path):
    from kdlint.load.documents import load_documents

    seen = []

    def load(path):
        seen.append(os.path.relpath(path, FIXTURES))
        return load_documents(str(path), path.read_text())

    rendering = render(FIXTURES / "components", load)
    assert len(rendering.objects) == 2
    assert seen == ["components/kustomization.yaml", "components/base/kustomization.yaml", "components/base/api.yaml",
                    "components/monitoring/kustomization.yaml", "components/monitoring/metrics-service.yaml"]
