"""Values Kubernetes reads in several forms: IntOrString, quantities, null and empty fields."""

from __future__ import annotations

import pytest

from kdlint.schema.store import SchemaStore
from kdlint.schema.validate import validate
from schema_cases import NEWEST, ALL, load, deployment, service, with_resources, errors, paths



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
