"""The renderer's pieces on their own: strategic merge, JSON patch, image rules, target selectors, the name hash."""

import pytest

from kdlint.kustomize.generators import content_hash
from kdlint.kustomize.jsonpatch import JsonPatch, PatchError
from kdlint.kustomize.merge import StrategicMerge
from kdlint.kustomize.model import Resource
from kdlint.kustomize.patches import select
from kdlint.kustomize.transformers import _new_image, _split_image

PATCH = 1  # document index standing for the patch in these tests


def _resource(body):
    return Resource(body, {(): (0, ())})


def _deployment(containers):
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
            "spec": {"template": {"spec": {"containers": containers}}}}


def test_containers_merge_by_name_patch_items_first_and_positions_follow_the_moves():
    resource = _resource(_deployment([{"name": "a", "image": "a"}, {"name": "b", "image": "b", "env": [{"name": "X", "value": "1"}]}]))
    patch = _deployment([{"name": "b", "env": [{"name": "Y", "value": "2"}]}, {"name": "c", "image": "c"}])
    assert StrategicMerge(resource, (PATCH, ())).apply(patch)
    containers = resource.body["spec"]["template"]["spec"]["containers"]
    assert containers == [{"name": "b", "image": "b", "env": [{"name": "Y", "value": "2"}, {"name": "X", "value": "1"}]},
                          {"name": "c", "image": "c"}, {"name": "a", "image": "a"}]
    at = ("spec", "template", "spec", "containers")
    assert resource.lookup(at + (0, "image")) == (0, at + (1, "image"))  # base item b, now first
    assert resource.lookup(at + (0, "env", 0, "value")) == (PATCH, at + (0, "env", 0, "value"))
    assert resource.lookup(at + (0, "env", 1, "value")) == (0, at + (1, "env", 0, "value"))
    assert resource.lookup(at + (1, "image")) == (PATCH, at + (1, "image"))
    assert resource.lookup(at + (2, "image")) == (0, at + (0, "image"))


def test_unknown_kinds_replace_lists_and_null_deletes_keys():
    resource = _resource({"kind": "Widget", "spec": {"items": [{"name": "a"}], "drop": 1, "keep": 2}})
    StrategicMerge(resource, (PATCH, ())).apply({"kind": "Widget", "spec": {"items": [{"name": "b"}], "drop": None}})
    assert resource.body["spec"] == {"items": [{"name": "b"}], "keep": 2}
    assert resource.lookup(("spec", "items", 0, "name")) == (PATCH, ("spec", "items", 0, "name"))


def test_patch_delete_replace_and_list_replace_directives():
    resource = _resource(_deployment([{"name": "a"}, {"name": "b"}]))
    patch = _deployment([{"$patch": "replace"}, {"name": "z"}])
    StrategicMerge(resource, (PATCH, ())).apply(patch)
    assert resource.body["spec"]["template"]["spec"]["containers"] == [{"name": "z"}]
    assert StrategicMerge(resource, (PATCH, ())).apply({"$patch": "delete"}) is False


def test_json_patch_operations_and_pointer_escapes():
    resource = _resource({"metadata": {"annotations": {"a/b": "1", "c~d": "2"}}, "spec": {"ports": [{"port": 1}, {"port": 2}]}})
    ops = [
        {"op": "test", "path": "/metadata/annotations/a~1b", "value": "1"},
        {"op": "move", "from": "/metadata/annotations/c~0d", "path": "/metadata/annotations/e"},
        {"op": "add", "path": "/spec/ports/0", "value": {"port": 0}},
        {"op": "copy", "from": "/spec/ports/2", "path": "/spec/ports/-"},
        {"op": "remove", "path": "/spec/ports/1"},
        {"op": "replace", "path": "/metadata/annotations/a~1b", "value": "3"},
    ]
    JsonPatch(resource, lambda index, field: (PATCH, (index, field))).apply(ops)
    assert resource.body == {"metadata": {"annotations": {"a/b": "3", "e": "2"}}, "spec": {"ports": [{"port": 0}, {"port": 2}, {"port": 2}]}}
    assert resource.lookup(("spec", "ports", 0, "port")) == (PATCH, (2, "value", "port"))
    assert resource.lookup(("spec", "ports", 1, "port")) == (0, ("spec", "ports", 1, "port"))
    assert resource.lookup(("spec", "ports", 2)) == (0, ("spec", "ports", 1))
    assert resource.lookup(("metadata", "annotations", "e")) == (0, ("metadata", "annotations", "c~d"))
    assert resource.lookup(("metadata", "annotations", "a/b")) == (PATCH, (5, "value"))


@pytest.mark.parametrize("ops, problem", [
    ([{"op": "replace", "path": "/spec/missing", "value": 1}], "missing key 'missing'"),
    ([{"op": "test", "path": "/spec/x", "value": 2}], "the value is 1, not 2"),
    ([{"op": "add", "path": "spec/x", "value": 2}], "is not a JSON pointer"),
    ([{"op": "remove", "path": "/spec/list/5"}], "past the end"),
    ([{"op": "frobnicate", "path": "/spec"}], "unknown op"),
])
def test_json_patch_failures_name_the_operation(ops, problem):
    resource = _resource({"spec": {"x": 1, "list": [1]}})
    with pytest.raises(PatchError, match="operation 1") as raised:
        JsonPatch(resource, lambda index, field: (PATCH, ())).apply(ops)
    assert problem in str(raised.value)


@pytest.mark.parametrize("image, parts", [
    ("nginx", ("nginx", "", "")),
    ("nginx:1.25", ("nginx", "1.25", "")),
    ("localhost:5000/app:1", ("localhost:5000/app", "1", "")),
    ("localhost:5000/app", ("localhost:5000/app", "", "")),
    ("app@sha256:abc", ("app", "", "sha256:abc")),
    ("app:1@sha256:abc", ("app", "1", "sha256:abc")),
])
def test_image_references_split_like_kustomize(image, parts):
    assert _split_image(image) == parts


def test_image_rules():
    assert _new_image("nginx:1.25", {"name": "nginx", "newTag": "1.26"}) == "nginx:1.26"
    assert _new_image("nginx:1.25", {"name": "nginx", "digest": "sha256:ff"}) == "nginx@sha256:ff"
    assert _new_image("nginx:1.25", {"name": "nginx", "newName": "mirror/nginx"}) == "mirror/nginx:1.25"
    assert _new_image("nginx-extra:1", {"name": "nginx", "newTag": "2"}) is None
    assert _new_image("localhost:5000/a:1", {"name": "localhost:5000/a", "newTag": "2"}) == "localhost:5000/a:2"


def test_target_selectors_anchor_names_and_read_label_selectors():
    def make(kind, name, labels):
        return _resource({"apiVersion": "v1", "kind": kind, "metadata": {"name": name, "labels": labels}})
    resources = [make("Service", "web", {"tier": "front"}), make("Service", "web-admin", {"tier": "back"}), make("ConfigMap", "web", {})]
    names = lambda target: [(r.kind, r.name) for r in select(resources, target)]  # noqa: E731
    assert names({"name": "web"}) == [("Service", "web"), ("ConfigMap", "web")]
    assert names({"name": "web.*", "kind": "Service"}) == [("Service", "web"), ("Service", "web-admin")]
    assert names({"labelSelector": "tier in (front,side)"}) == [("Service", "web")]
    assert names({"labelSelector": "tier,tier!=front"}) == [("Service", "web-admin")]
    assert names({"labelSelector": "!tier"}) == [("ConfigMap", "web")]
    assert names({"namespace": "default"}) == [("Service", "web"), ("Service", "web-admin"), ("ConfigMap", "web")]


def test_content_hash_matches_kustomize():
    # names taken from `kubectl kustomize` (kustomize v5.5) output for the same data
    assert content_hash({"kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"A": "1"}}) == "89g4tffbfk"
    assert content_hash({"kind": "ConfigMap", "metadata": {"name": "p-cfg"}, "data": {"A": "1", "B": "<&>"}}) == "6mggc5fd49"
    assert content_hash({"kind": "ConfigMap", "metadata": {"name": "e"}}) == "6ct58987ht"


def test_ports_merge_by_number_and_protocol_as_kustomize_does():
    service = {"kind": "Service", "spec": {"ports": [{"port": 80, "protocol": "TCP", "name": "http"},
                                                     {"port": 53, "protocol": "TCP", "name": "dns"}, {"port": 9}]}}
    patch = {"kind": "Service", "spec": {"ports": [{"port": 80, "name": "renamed"}, {"port": 53, "protocol": "UDP", "name": "dns-udp"},
                                                   {"port": 9, "targetPort": 99}]}}
    resource = _resource(service)
    StrategicMerge(resource, (PATCH, ())).apply(patch)
    assert resource.body["spec"]["ports"] == [
        {"port": 53, "protocol": "UDP", "name": "dns-udp"},  # only in the patch: first
        {"port": 80, "protocol": "TCP", "name": "http"},  # the patch's port 80 has no protocol: dropped
        {"port": 53, "protocol": "TCP", "name": "dns"},
        {"port": 9, "targetPort": 99},
    ]
    assert resource.lookup(("spec", "ports", 0)) == (PATCH, ("spec", "ports", 1))
    assert resource.lookup(("spec", "ports", 1, "name")) == (0, ("spec", "ports", 0, "name"))
    assert resource.lookup(("spec", "ports", 3, "targetPort")) == (PATCH, ("spec", "ports", 2, "targetPort"))
