"""Tests for the bundled Kubernetes schemas: version picking, API availability, strictness,
IntOrString/Quantity/null handling, and a sample of valid real-world objects."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from kdlint import resources
from kdlint.schema import validate as validate_mod
from kdlint.schema.store import (
    REMOVED_BEFORE_OLDEST,
    SchemaStore,
    _harden,
    api_version_sort_key,
    pick_version,
    shipped_versions,
)
from kdlint.schema.validate import validate, validator_for_kind

NEWEST = shipped_versions()[-1]
ALL = shipped_versions()


def load(text: str) -> dict:
    return YAML(typ="safe", pure=True).load(text)


def errors(body: dict, version: str | None = None) -> list[jsonschema.ValidationError]:
    store = SchemaStore(version)
    return validate(store, body["apiVersion"], body["kind"], body)


def paths(errs) -> list[tuple]:
    return [tuple(e.absolute_path) for e in errs]


def pure_errors(body: dict, version: str | None = None) -> list[jsonschema.ValidationError]:
    """Errors from the pure-Python jsonschema validator alone (no jsonschema-rs screen)."""
    store = SchemaStore(version)
    validator = validator_for_kind(store, body["apiVersion"], body["kind"])
    return list(validator.iter_errors(body))


# --------------------------------------------------------------------------- versions

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


# --------------------------------------------------------------------------- availability

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


# --------------------------------------------------------------------------- schemas

def test_schema_is_self_contained_json_and_a_valid_draft7_schema():
    store = SchemaStore(NEWEST)
    for api_version, kind in [("apps/v1", "Deployment"), ("apiextensions.k8s.io/v1", "CustomResourceDefinition")]:
        schema = store.schema_for(api_version, kind)
        text = json.dumps(schema)
        assert "#/$defs/" not in text  # every reference resolved or local
        assert "description" not in schema
        cls = jsonschema.validators.validator_for(schema)
        assert cls is jsonschema.Draft7Validator
        cls.check_schema(json.loads(text))
    assert store.schema_for("example.com/v1", "Widget") is None
    assert store.schema_for("apps/v1", "Ingress") is None


def test_every_kind_of_oldest_and_newest_builds_a_validator():
    for version in (ALL[0], ALL[-1]):
        store = SchemaStore(version)
        for kind, api_versions in store.kinds().items():
            for api_version in api_versions:
                assert store.schema_for(api_version, kind) is not None
                assert validator_for_kind(store, api_version, kind) is not None
                # a minimal object never crashes validation
                validate(store, api_version, kind, {"apiVersion": api_version, "kind": kind,
                                                    "metadata": {"name": "x"}})


def test_harden_applies_strictness_except_where_unknown_fields_are_preserved():
    schema = {
        "type": "object",
        "properties": {
            "closed": {"type": "object", "properties": {"a": {"type": "string"}}},
            "open": {"type": "object", "properties": {"a": {"type": "string"}},
                     "x-kubernetes-preserve-unknown-fields": True},
            "map": {"type": "object", "additionalProperties": {"type": "string"}},
            "ios": {"x-kubernetes-int-or-string": True},
            "mode": {"type": ["string", "null"], "enum": ["A", "B"]},
        },
    }
    hard = _harden(schema)
    assert hard["additionalProperties"] is False
    assert hard["properties"]["closed"]["additionalProperties"] is False
    assert "additionalProperties" not in hard["properties"]["open"]
    assert hard["properties"]["map"]["additionalProperties"] == {"type": "string"}
    assert hard["properties"]["ios"]["type"] == ["integer", "string", "null"]
    assert hard["properties"]["mode"]["enum"] == ["A", "B", None]
    validator = jsonschema.Draft7Validator(hard)
    assert validator.is_valid({"open": {"a": "x", "anything": [1, {"b": 2}]}, "ios": 3})
    assert validator.is_valid({"ios": "50%", "mode": None})
    assert not validator.is_valid({"closed": {"b": 1}})
    assert not validator.is_valid({"extra": 1})
    assert "additionalProperties" not in schema["properties"]["closed"]  # input untouched


# --------------------------------------------------------------------------- strictness

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
  annotations:
    deployment.kubernetes.io/revision: "3"
    example.com/anything-goes: "yes"
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
  template:
    metadata:
      labels: {app: web}
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchExpressions:
                - {key: app, operator: In, values: [web]}
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}
      tolerations:
      - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
      initContainers:
      - name: migrate
        image: registry.example.com/web-migrate:1.4.2
        command: [/bin/migrate, --up]
        envFrom:
        - secretRef: {name: db-credentials}
      containers:
      - name: web
        image: registry.example.com/web:1.4.2
        imagePullPolicy: IfNotPresent
        ports:
        - {name: http, containerPort: 8080, protocol: TCP}
        env:
        - {name: PORT, value: "8080"}
        - name: NODE
          valueFrom:
            fieldRef: {fieldPath: spec.nodeName}
        - name: MEM_LIMIT
          valueFrom:
            resourceFieldRef: {resource: limits.memory, divisor: 1Mi}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 1, memory: 1Gi}
        readinessProbe:
          httpGet: {path: /ready, port: http}
          periodSeconds: 5
        livenessProbe:
          tcpSocket: {port: 8080}
          initialDelaySeconds: 15
        startupProbe:
          exec:
            command: [cat, /tmp/started]
          failureThreshold: 30
        lifecycle:
          preStop:
            exec:
              command: [sleep, "5"]
        securityContext:
          runAsNonRoot: true
          runAsUser: 10001
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
        volumeMounts:
        - {name: config, mountPath: /etc/web, readOnly: true}
        - {name: cache, mountPath: /var/cache/web}
        - {name: tls, mountPath: /etc/tls}
      volumes:
      - name: config
        configMap:
          name: web-config
          items:
          - {key: web.yaml, path: web.yaml}
      - name: cache
        emptyDir: {sizeLimit: 1Gi}
      - name: tls
        projected:
          sources:
          - secret: {name: web-tls}
          - serviceAccountToken: {path: token, expirationSeconds: 3600}
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels: {app: web}
"""


def deployment() -> dict:
    return load(DEPLOYMENT)


@pytest.mark.parametrize("version", ALL)
def test_rich_deployment_is_valid_in_every_version(version):
    assert errors(deployment(), version) == []


def test_unknown_field_is_rejected_at_its_path():
    body = deployment()
    body["spec"]["template"]["spec"]["containers"][0]["imagePullPolcy"] = "Always"
    errs = errors(body)
    assert paths(errs) == [("spec", "template", "spec", "containers", 0)]
    assert "imagePullPolcy" in errs[0].message
    assert errs[0].validator == "additionalProperties"


def test_unknown_fields_at_several_depths_sorted_by_path():
    body = deployment()
    body["extra"] = 1
    body["metadata"]["lables"] = {"a": "b"}
    body["spec"]["template"]["spec"]["volumes"][1]["emptyDir"]["medium2"] = "Memory"
    assert paths(errors(body)) == [
        (),
        ("metadata",),
        ("spec", "template", "spec", "volumes", 1, "emptyDir"),
    ]


def test_annotations_and_labels_are_open_maps_of_strings():
    body = deployment()
    body["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{}"
    assert errors(body) == []
    body["metadata"]["labels"]["replicas"] = 3  # label values must be strings
    assert paths(errors(body)) == [("metadata", "labels", "replicas")]


def test_wrong_types_are_rejected():
    body = deployment()
    body["spec"]["replicas"] = "two"
    body["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"] = 8080
    assert paths(errors(body)) == [
        ("spec", "replicas"),
        ("spec", "template", "spec", "containers", 0, "env", 0, "value"),
    ]


def test_missing_required_field_is_rejected():
    body = deployment()
    del body["spec"]["template"]["spec"]["containers"][0]["name"]
    errs = errors(body)
    assert paths(errs) == [("spec", "template", "spec", "containers", 0)]
    assert errs[0].validator == "required"


CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
  creationTimestamp: null
  annotations:
    controller-gen.kubebuilder.io/version: v0.16.1
spec:
  group: example.com
  names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget, shortNames: [wd]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    additionalPrinterColumns:
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    schema:
      openAPIV3Schema:
        type: object
        description: A widget.
        required: [spec]
        properties:
          spec:
            type: object
            x-kubernetes-validations:
            - rule: self.replicas >= 0
              message: replicas must not be negative
            properties:
              replicas: {type: integer, format: int32, default: 1, minimum: 0}
              port:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
              mode: {type: string, enum: [fast, slow], example: fast}
              template:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                x-kubernetes-embedded-resource: true
              config:
                type: object
                additionalProperties: {type: string}
              items:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [name]
                items:
                  type: object
                  properties:
                    name: {type: string, pattern: '^[a-z]+$', maxLength: 63}
                    description: {type: string}
                    properties: {type: object, x-kubernetes-preserve-unknown-fields: true}
          status:
            type: object
            properties:
              replicas: {type: integer}
              conditions:
                type: array
                items:
                  type: object
                  required: [type, status]
                  properties:
                    type: {type: string}
                    status: {type: string, enum: ["True", "False", Unknown]}
status:
  acceptedNames: {kind: "", plural: ""}
  conditions: []
  storedVersions: []
"""


@pytest.mark.parametrize("version", ALL)
def test_crd_with_rich_open_api_schema_is_valid(version):
    assert errors(load(CRD), version) == []


def test_crd_schema_rejects_unknown_schema_keyword_at_its_path():
    body = load(CRD)
    spec_schema = body["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]
    spec_schema["properties"]["mode"]["enumm"] = ["x"]
    errs = errors(body)
    assert paths(errs) == [("spec", "versions", 0, "schema", "openAPIV3Schema", "properties", "spec",
                            "properties", "mode")]
    assert "enumm" in errs[0].message


def test_crd_default_and_example_accept_any_json():
    body = load(CRD)
    props = body["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]
    props["config"]["default"] = {"a": "b", "nested": [1, 2, {"c": None}]}
    props["mode"]["example"] = ["fast"]
    props["replicas"]["enum"] = [1, 2, 3]
    assert errors(body) == []


def test_crd_selectable_fields_only_from_1_30():
    body = load(CRD)
    body["spec"]["versions"][0]["selectableFields"] = [{"jsonPath": ".spec.mode"}]
    assert paths(errors(body, "1.29")) == [("spec", "versions", 0)]
    assert errors(body, "1.30") == []


# --------------------------------------------------------------------------- IntOrString

def service(target_port) -> dict:
    return {
        "apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"},
                 "ports": [{"name": "http", "port": 80, "targetPort": target_port}]},
    }


@pytest.mark.parametrize("target_port", [8080, "http", "8080", None])
def test_int_or_string_accepts_integer_string_and_null(target_port):
    assert errors(service(target_port)) == []


@pytest.mark.parametrize("target_port", [80.5, True, [8080], {"port": 8080}])
def test_int_or_string_rejects_other_types(target_port):
    assert paths(errors(service(target_port))) == [("spec", "ports", 0, "targetPort")]


@pytest.mark.parametrize("surge", [1, "25%", 0, "0"])
def test_rolling_update_int_or_string(surge):
    body = deployment()
    body["spec"]["strategy"]["rollingUpdate"] = {"maxSurge": surge, "maxUnavailable": surge}
    assert errors(body) == []


def test_probe_port_by_name_or_number():
    body = deployment()
    container = body["spec"]["template"]["spec"]["containers"][0]
    container["readinessProbe"]["httpGet"]["port"] = 8080
    container["livenessProbe"]["tcpSocket"]["port"] = "http"
    assert errors(body) == []


def test_int_or_string_in_yaml_forms():
    for text in ("targetPort: 8080", 'targetPort: "http"', "targetPort: http"):
        port = load(text)["targetPort"]
        assert errors(service(port)) == []


# --------------------------------------------------------------------------- quantities

def with_resources(resources: dict) -> dict:
    body = deployment()
    body["spec"]["template"]["spec"]["containers"][0]["resources"] = resources
    return body


@pytest.mark.parametrize(
    "yaml_text",
    [
        "{cpu: 100m, memory: 128Mi}",
        "{cpu: 0.5, memory: 1Gi}",
        "{cpu: 1, memory: 1G}",
        "{cpu: '1', memory: '1073741824'}",
        "{cpu: 2000m, memory: 1e9}",
        "{cpu: '.5', memory: 1.5Gi}",
        "{cpu: 250m, memory: 512M, ephemeral-storage: 2Gi, nvidia.com/gpu: 1}",
        "{cpu: 1k, memory: 1Ki, hugepages-2Mi: 100Mi}",
        "{cpu: +1, memory: 1E}",
        "{cpu: 10u, memory: 100n}",
        "{cpu: null, memory: null}",
    ],
)
def test_quantity_forms_are_valid(yaml_text):
    quantities = load(yaml_text)
    assert errors(with_resources({"requests": quantities, "limits": quantities})) == []


@pytest.mark.parametrize("bad", ["1 GB", "1Gb", "abc", "100 m", "1.2.3", "", "1mi", "1Gi\n", " 1", True, [1]])
def test_quantity_rejects_malformed(bad):
    errs = errors(with_resources({"limits": {"memory": bad}}))
    assert paths(errs) == [("spec", "template", "spec", "containers", 0, "resources", "limits", "memory")]


def test_quantity_in_pvc_and_resource_field_ref():
    pvc = load("""
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  resources:
    requests: {storage: 10Gi}
""")
    assert errors(pvc) == []
    pvc["spec"]["resources"]["requests"]["storage"] = "10 gigs"
    assert paths(errors(pvc)) == [("spec", "resources", "requests", "storage")]


# --------------------------------------------------------------------------- null and empty

def test_null_optional_fields_are_accepted():
    body = deployment()
    body["metadata"]["creationTimestamp"] = None
    body["metadata"]["annotations"] = None
    body["spec"]["template"]["metadata"]["creationTimestamp"] = None
    body["spec"]["template"]["metadata"]["annotations"] = None
    body["spec"]["revisionHistoryLimit"] = None
    container = body["spec"]["template"]["spec"]["containers"][0]
    container["resources"] = {}
    container["imagePullPolicy"] = None  # an enum-constrained optional field
    container["ports"][0]["protocol"] = None
    container["args"] = None
    body["spec"]["template"]["spec"]["nodeSelector"] = None
    body["status"] = {}
    assert errors(body) == []


@pytest.mark.parametrize("version", ALL)
def test_generated_style_manifest_with_nulls_is_valid(version):
    # What `kubectl create deployment --dry-run=client -o yaml` prints.
    body = load("""
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels: {app: web}
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels: {app: web}
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
""")
    assert errors(body, version) == []


def test_object_as_read_back_from_a_cluster_is_valid():
    body = load("""
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: default
  uid: 6f1c2d3e-0000-4000-8000-000000000001
  resourceVersion: "12345"
  creationTimestamp: "2024-05-01T10:00:00Z"
  managedFields:
  - manager: kubectl-client-side-apply
    operation: Update
    apiVersion: v1
    time: "2024-05-01T10:00:00Z"
    fieldsType: FieldsV1
    fieldsV1:
      f:data:
        .: {}
        f:key: {}
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: web, uid: 6f1c2d3e-0000-4000-8000-000000000002,
     controller: true, blockOwnerDeletion: true}
data: {key: value}
""")
    assert errors(body) == []


def test_null_required_field_is_rejected():
    body = service(8080)
    body["spec"]["ports"][0]["port"] = None
    assert paths(errors(body)) == [("spec", "ports", 0, "port")]


def test_enum_still_rejects_wrong_values():
    # The source schemas carry enums only for apiVersion and kind (field enums such as
    # imagePullPolicy exist in the Kubernetes docs only); null is added, wrong values still fail.
    store = SchemaStore(NEWEST)
    body = deployment()
    body["kind"] = "deployment"
    errs = validate(store, "apps/v1", "Deployment", body)
    assert paths(errs) == [("kind",)] and errs[0].validator == "enum"
    body["kind"] = None
    assert validate(store, "apps/v1", "Deployment", body) == []


# --------------------------------------------------------------------------- real-world sample

VALID_OBJECTS = {
    "statefulset": """
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  podManagementPolicy: Parallel
  selector:
    matchLabels: {app: db}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {partition: 0}
  template:
    metadata:
      labels: {app: db}
    spec:
      terminationGracePeriodSeconds: 30
      containers:
      - name: postgres
        image: postgres:16
        ports: [{containerPort: 5432, name: pg}]
        volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: ssd
      resources:
        requests: {storage: 20Gi}
""",
    "cronjob": """
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "*/15 * * * *"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  startingDeadlineSeconds: 200
  jobTemplate:
    spec:
      backoffLimit: 2
      activeDeadlineSeconds: 600
      ttlSecondsAfterFinished: 3600
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            command: [sh, -c, date; echo done]
""",
    "ingress": """
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  defaultBackend:
    service: {name: fallback, port: {number: 80}}
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {name: http}}
      - path: /api
        pathType: ImplementationSpecific
        backend:
          service: {name: api, port: {number: 8080}}
""",
    "networkpolicy": """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-allow, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: api}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector:
        matchLabels: {kubernetes.io/metadata.name: shop}
      podSelector:
        matchLabels: {app: web}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    ports:
    - {protocol: TCP, port: 8080}
    - {protocol: TCP, port: http}
  egress:
  - to:
    - namespaceSelector: {}
    ports:
    - {protocol: UDP, port: 53}
""",
    "role": """
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- apiGroups: [""]
  resources: [pods, pods/log, configmaps]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments]
  resourceNames: [web]
  verbs: [get, patch]
""",
    "rolebinding": """
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: web, namespace: shop}
- {kind: User, name: jane@example.com, apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
""",
    "clusterrole": """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: aggregate-view
  labels: {rbac.example.com/aggregate-to-view: "true"}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {rbac.example.com/aggregate-to-view: "true"}
rules:
- nonResourceURLs: [/metrics]
  verbs: [get]
""",
    "hpa": """
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization, averageUtilization: 70}
  - type: Resource
    resource:
      name: memory
      target: {type: AverageValue, averageValue: 500Mi}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
      policies: [{type: Percent, value: 50, periodSeconds: 60}]
""",
    "configmap_secret_service": """
apiVersion: v1
kind: List
items: []
""",
    "pdb": """
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 25%
  selector:
    matchLabels: {app: web}
""",
    "secret": """
apiVersion: v1
kind: Secret
metadata: {name: creds}
type: Opaque
stringData: {password: hunter2}
data: {token: aGVsbG8=}
immutable: true
""",
    "configmap": """
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data:
  app.yaml: |
    a: 1
binaryData:
  blob: AAEC
""",
    "nodeport_service": """
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  ipFamilyPolicy: PreferDualStack
  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP: {timeoutSeconds: 600}
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http, nodePort: 30080, protocol: TCP}
""",
}


@pytest.mark.parametrize("name", sorted(VALID_OBJECTS))
@pytest.mark.parametrize("version", ["1.25", "1.30", NEWEST])
def test_real_world_objects_are_valid(name, version):
    body = load(VALID_OBJECTS[name])
    store = SchemaStore(version)
    if store.schema_for(body["apiVersion"], body["kind"]) is None:
        assert body["kind"] == "List"  # v1 List is not in the OpenAPI spec
        return
    assert errors(body, version) == []


# --------------------------------------------------------------------------- screen consistency

def test_screen_and_pure_validator_agree_on_hand_made_cases():
    cases = [deployment(), load(CRD), service(8080), service(80.5), with_resources({"limits": {"cpu": "x"}})]
    bad = deployment()
    bad["spec"]["template"]["spec"]["containers"][0]["bogus"] = 1
    cases.append(bad)
    for body in cases:
        assert sorted(paths(errors(body))) == sorted(paths(pure_errors(body)))


def test_validate_without_screen_gives_same_errors(monkeypatch):
    body = deployment()
    body["spec"]["replicas"] = "x"
    with_screen = [(tuple(e.absolute_path), e.message) for e in errors(body)]
    monkeypatch.setattr(validate_mod, "_jsonschema_rs", lambda: None)
    monkeypatch.setattr(validate_mod, "_screens", {})
    without = [(tuple(e.absolute_path), e.message) for e in errors(body)]
    assert with_screen == without and len(without) == 1


def test_non_string_api_version_or_kind_has_no_schema():
    store = SchemaStore(NEWEST)
    assert store.schema_for(["apps/v1"], "Deployment") is None
    assert store.schema_for("apps/v1", None) is None
    assert validate(store, None, {"a": 1}, {}) == []
    assert store.removed(None, "Ingress") is None


def test_non_json_values_fall_back_to_jsonschema():
    body = deployment()
    body["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = float("inf")
    assert errors(body) == []  # a number: the schema allows it; the screen cannot take inf


_json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(["100m", "1Gi", "1Gi\n", "http", "TCP", "Always", "25%", "x y", "1e3", ".5", "+1"]),
)
_json_value = st.recursive(
    _json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)


def _all_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _all_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _all_paths(value, prefix + (i,))


_DEPLOYMENT_PATHS = [p for p in _all_paths(load(DEPLOYMENT)) if p]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_DEPLOYMENT_PATHS), value=_json_value, add_key=st.booleans())
def test_screen_agrees_with_jsonschema_on_mutated_objects(path, value, add_key):
    body = copy.deepcopy(load(DEPLOYMENT))
    parent = body
    for part in path[:-1]:
        parent = parent[part]
    if add_key and isinstance(parent, dict):
        parent[str(path[-1]) + "X"] = value
    else:
        parent[path[-1]] = value
    store = SchemaStore(NEWEST)
    screen = validate_mod._screen_for(store, "apps/v1", "Deployment")
    pure = validator_for_kind(store, "apps/v1", "Deployment")
    pure_valid = pure.is_valid(body)
    if screen:
        assert screen.is_valid(body) == pure_valid
    assert (validate(store, "apps/v1", "Deployment", body) == []) == pure_valid
