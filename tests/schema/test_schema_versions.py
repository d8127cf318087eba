"""Which Kubernetes versions ship, how a requested version is picked, and which APIs each one serves or removed."""

from __future__ import annotations

import pytest

from kdlint import resources
from kdlint.schema.store import REMOVED_BEFORE_OLDEST, SchemaStore, api_version_sort_key, pick_version, shipped_versions
from schema_cases import NEWEST, ALL


def test_shipped_versions_are_contiguous_from_1_25():
    versions = shipped_versions()
    assert versions[0] == "1.25"
    minors = [int(v.split(".")[1]) for v in versions]
    assert minors == list(range(25, 25 + len(minors)))
    assert len(versions) >= 13  # 1.25 .. 1.37 at least


@pytest.mark.parametrize("requested", ["1.28", "v1.28", "1.28.3", "v1.28.3", "v1.28.3-eks-4f4795d", " 1.28 "])
def test_pick_version_accepts_common_spellings(requested):
    assert pick_version(requested) == "1.28"


def test_pick_version_none_and_newer_pick_newest():
    assert pick_version(None) == NEWEST
    assert pick_version("1.99") == NEWEST
    assert pick_version("v1.99.1") == NEWEST


@pytest.mark.parametrize("requested", ["1.24", "v1.0", "1.24.17"])
def test_pick_version_too_old_names_shipped_versions(requested):
    with pytest.raises(ValueError) as info:
        pick_version(requested)
    message = str(info.value)
    assert "older than the oldest" in message
    assert "1.25" in message and NEWEST in message


@pytest.mark.parametrize("requested", ["", "latest", "1", "1.x", "one.two", "1.28.3.4"])
def test_pick_version_malformed_names_shipped_versions(requested):
    with pytest.raises(ValueError) as info:
        pick_version(requested)
    message = str(info.value)
    assert "invalid Kubernetes version" in message
    assert ", ".join(ALL) in message


def test_store_instances_are_cached_per_picked_version():
    assert SchemaStore("1.28") is SchemaStore("v1.28.3")
    assert SchemaStore(None) is SchemaStore(NEWEST)
    assert SchemaStore("1.28") is not SchemaStore("1.29")
    assert SchemaStore("1.28.9").version == "1.28"


def test_schemas_root_finds_the_data():
    root = resources.schemas_root()
    assert (root / "kubernetes" / "definitions.json.gz").is_file()
    assert resources.rules_root().name == "rules"


def test_data_root_prefers_packaged_copy(tmp_path, monkeypatch):
    pkg = tmp_path / "site" / "kdlint"
    (pkg / "_data" / "schemas").mkdir(parents=True)
    monkeypatch.setattr(resources, "package_dir", lambda: pkg)
    assert resources.schemas_root() == pkg / "_data" / "schemas"
    assert resources.rules_root() == tmp_path / "site" / "rules"  # no packaged copy: source layout


@pytest.mark.parametrize("version", ALL)
def test_extensions_ingress_removed_replaced_by_networking_v1(version):
    store = SchemaStore(version)
    assert store.removed("extensions/v1beta1", "Ingress") == "networking.k8s.io/v1"
    assert store.removed("networking.k8s.io/v1beta1", "Ingress") == "networking.k8s.io/v1"
    assert store.removed_in("extensions/v1beta1", "Ingress") == "1.22"
    assert store.removed("networking.k8s.io/v1", "Ingress") is None
    assert store.schema_for("extensions/v1beta1", "Ingress") is None


@pytest.mark.parametrize(
    "version, api_version, kind, expected",
    [
        ("1.25", "policy/v1beta1", "PodSecurityPolicy", ""),
        ("1.37", "extensions/v1beta1", "PodSecurityPolicy", ""),
        ("1.25", "batch/v1beta1", "CronJob", "batch/v1"),
        ("1.25", "apps/v1beta1", "Deployment", "apps/v1"),
        ("1.25", "apps/v1beta2", "StatefulSet", "apps/v1"),
        ("1.25", "extensions/v1beta1", "NetworkPolicy", "networking.k8s.io/v1"),
        ("1.25", "extensions/v1beta1", "DaemonSet", "apps/v1"),
        ("1.25", "rbac.authorization.k8s.io/v1beta1", "ClusterRole", "rbac.authorization.k8s.io/v1"),
        ("1.25", "apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "apiextensions.k8s.io/v1"),
        ("1.25", "admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration",
         "admissionregistration.k8s.io/v1"),
        ("1.25", "policy/v1beta1", "PodDisruptionBudget", "policy/v1"),
        ("1.25", "events.k8s.io/v1beta1", "Event", "events.k8s.io/v1"),  # same group wins over core v1
        ("1.25", "autoscaling/v2beta1", "HorizontalPodAutoscaler", "autoscaling/v2"),
        ("1.25", "autoscaling/v2beta2", "HorizontalPodAutoscaler", None),  # still served in 1.25
        ("1.26", "autoscaling/v2beta2", "HorizontalPodAutoscaler", "autoscaling/v2"),
        ("1.28", "flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", None),
        ("1.29", "flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", "flowcontrol.apiserver.k8s.io/v1"),
        ("1.26", "storage.k8s.io/v1beta1", "CSIStorageCapacity", None),
        ("1.27", "storage.k8s.io/v1beta1", "CSIStorageCapacity", "storage.k8s.io/v1"),
        ("1.30", "apps/v1", "Deployment", None),
        ("1.30", "example.com/v1", "Widget", None),  # a custom resource, not a removed API
        ("1.30", "monitoring.coreos.com/v1", "ServiceMonitor", None),
    ],
)
def test_removed(version, api_version, kind, expected):
    assert SchemaStore(version).removed(api_version, kind) == expected


def test_removed_in_is_derived_for_shipped_versions():
    assert SchemaStore("1.26").removed_in("autoscaling/v2beta2", "HorizontalPodAutoscaler") == "1.26"
    assert SchemaStore("1.37").removed_in("autoscaling/v2beta2", "HorizontalPodAutoscaler") == "1.26"
    assert SchemaStore("1.37").removed_in("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema") == "1.29"
    assert SchemaStore("1.25").removed_in("policy/v1beta1", "PodSecurityPolicy") == "1.25"


def test_api_version_not_yet_introduced_is_not_removed():
    # ValidatingAdmissionPolicy went GA (admissionregistration.k8s.io/v1) in 1.30.
    old = SchemaStore("1.25")
    assert not old.serves("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy")
    assert old.removed("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy") is None
    assert SchemaStore("1.30").serves("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy")


def test_api_versions_for_and_has_kind():
    store = SchemaStore("1.25")
    assert store.api_versions_for("Ingress") == ["networking.k8s.io/v1"]
    assert store.api_versions_for("HorizontalPodAutoscaler") == [
        "autoscaling/v2", "autoscaling/v1", "autoscaling/v2beta2"]
    assert store.api_versions_for("Deployment") == ["apps/v1"]
    assert store.api_versions_for("Widget") == []
    assert store.has_kind("Deployment") and store.has_kind("ConfigMap")
    assert not store.has_kind("PodSecurityPolicy")
    assert not store.has_kind("Widget")
    assert "v1" in store.api_versions_for("Event") and "events.k8s.io/v1" in store.api_versions_for("Event")


def test_removed_table_entries_are_not_served_anywhere():
    for (api_version, kind), removed_in in REMOVED_BEFORE_OLDEST.items():
        assert removed_in <= "1.25"
        for version in ALL:
            assert not SchemaStore(version).serves(api_version, kind), (api_version, kind, version)


def test_builtin_api_versions():
    store = SchemaStore("1.30")
    assert store.is_builtin_api_version("apps/v1")
    assert store.is_builtin_api_version("extensions/v1beta1")
    assert store.is_builtin_api_version("autoscaling/v2beta2")
    assert not store.is_builtin_api_version("cert-manager.io/v1")


def test_api_version_sort_key_orders_by_stability():
    ordered = ["v1alpha1", "v1alpha2", "v1beta1", "v1beta2", "v1", "v2"]
    assert sorted(reversed(ordered), key=api_version_sort_key) == ordered
    assert api_version_sort_key("apps/v1") > api_version_sort_key("apps/v1beta2")
