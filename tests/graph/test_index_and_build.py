"""The namespace-keyed index and the frozen graph built from it."""

import networkx as nx
import pytest

from helpers import deployment, service, view_of

from kdlint.engine import load
from kdlint.graph import build_views
from kdlint.graph.build import EdgeKind
from kdlint.graph.selectors import service_selector
from kdlint.load.sources import SourceFile
from kdlint.settings import Settings


def test_service_selects_only_its_own_namespace():
    view = view_of(deployment("api", {"app": "api"}, namespace="a"), deployment("api", {"app": "api"}, namespace="b"), service("api", {"app": "api"}, namespace="a"))
    (svc,) = view.services()
    assert [b.source.obj.namespace for b in view.pods_selected_by(svc)] == ["a"]


def test_nearest_candidate_names_the_exact_difference():
    view = view_of(deployment("api", {"app": "api-server", "tier": "web"}), deployment("db", {"app": "db"}))
    candidate = view.nearest(service_selector({"app": "api", "tier": "web"}), "shop")
    assert candidate.source.obj.name == "api"
    assert candidate.text() == "`app: api` vs `app: api-server`"


def test_graph_is_frozen_and_typed_and_keyed_by_namespace():
    view = view_of(deployment("api", {"app": "api"}), service("api", {"app": "api"}))
    graph = view.graph
    assert nx.is_frozen(graph)
    with pytest.raises(nx.NetworkXError):
        graph.add_node("x")
    edges = list(graph.edges(keys=True, data=True))
    assert [(s, t, d["kind"]) for s, t, _, d in edges] == [(("Service", "shop", "api"), ("Deployment", "shop", "api"), EdgeKind.SELECTS)]
    (resolution,) = edges[0][3]["ports"]
    assert resolution.status == "resolved" and resolution.container_port.number == 8080


def test_broken_references_get_missing_nodes():
    view = view_of("""
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: i, namespace: shop}
    spec: {defaultBackend: {service: {name: nowhere, port: {number: 80}}}}
    """, """
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db, namespace: shop}
    spec:
      serviceName: db
      selector: {matchLabels: {app: db}}
      template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, image: i}]}}
    """)
    assert view.graph.nodes[("Service", "shop", "nowhere")]["missing"]
    assert view.graph.nodes[("Service", "shop", "db")]["missing"]
    ((ref, problem),) = view.backend_refs(view.of_kind("Ingress")[0])
    assert (ref.name, ref.port, problem) == ("nowhere", 80, "missing-service")


def test_scope_dir_makes_one_cluster_per_path_argument():
    text = deployment("api", {"app": "api"}) + "---" + service("api", {"app": "api"})
    srcs = [SourceFile("one/a.yaml", text, root="one"), SourceFile("two/a.yaml", text, root="two")]
    assert len(build_views(load(srcs, Settings(scope="run")), Settings(scope="run"))) == 1
    views = build_views(load(srcs, Settings(scope="dir")), Settings(scope="dir"))
    assert [v.name for v in views] == ["one", "two"]
    # by default the two copies are variants of each other: never one cluster
    assert [v.name for v in build_views(load(srcs, Settings()), Settings())] == ["one/a.yaml", "two/a.yaml"]
    assert all(len(v.pods_selected_by(v.services()[0])) == 1 for v in views)


def test_extra_edges_hook_for_dns_references():
    srcs = [SourceFile("a.yaml", deployment("api", {"app": "api"}) + "---" + service("db", {"app": "db"}), root=".")]
    def dns_edges(view):
        return [(("Deployment", "shop", "api"), ("Service", "shop", "db"), EdgeKind.REFERS_TO_DNS, {"host": "db"})]
    (view,) = build_views(load(srcs, Settings()), Settings(), extra_edges=dns_edges)
    assert view.graph.has_edge(("Deployment", "shop", "api"), ("Service", "shop", "db"), key=EdgeKind.REFERS_TO_DNS)


def test_duplicates_keep_the_first_object():
    # in one cluster view: files defining the same objects are variants under the default scope
    view = view_of(service("api", {"app": "a"}), service("api", {"app": "b"}), settings=Settings(scope="run"))
    assert view.graph.nodes[("Service", "shop", "api")]["obj"] is view.services()[0]
    assert [s.get("spec", "selector") for s in view.services()] == [{"app": "a"}, {"app": "b"}]  # both kept: they differ


def test_identical_copies_are_one_object_in_the_index_and_every_copy_in_all_objects():
    view = view_of(service("api", {"app": "a"}), service("api", {"app": "a"}), settings=Settings(scope="run"))
    assert [s.file for s in view.services()] == ["in/doc0.yaml"]
    assert [o.file for o in view.all_objects] == ["in/doc0.yaml", "in/doc1.yaml"]


def test_matching_elsewhere_is_the_first_other_namespace_whatever_the_asking_one():
    view = view_of(
        deployment("web", {"app": "web"}, namespace="b"),
        deployment("api", {"app": "web"}, namespace="b"),
        deployment("web", {"app": "web"}, namespace="a"),
        deployment("web", {"app": "web"}, namespace="c"),
    )
    selector = service_selector({"app": "web"})
    found = {ns: view.matching_elsewhere(selector, ns) for ns in ("a", "b", "c", "z")}
    assert {ns: (s.obj.namespace, s.obj.name) for ns, s in found.items()} == {
        "a": ("b", "api"), "b": ("a", "web"), "c": ("a", "web"), "z": ("a", "web"),
    }
    assert view.matching_elsewhere(service_selector({"app": "none"}), "a") is None


def test_matching_elsewhere_in_the_only_namespace_is_none():
    view = view_of(deployment("web", {"app": "web"}, namespace="a"))
    assert view.matching_elsewhere(service_selector({"app": "web"}), "a") is None
