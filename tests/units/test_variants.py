"""Which plain files are variants of each other (alternatives), and which are applied together."""

from kdlint.units.variants import PlainFile, partition


def file(path: str, *names: str) -> PlainFile:
    return PlainFile(path, frozenset(("Deployment" if n.startswith("d") else "Service", "shop", n) for n in names))


def layout(*files: PlainFile) -> tuple[list[str], list[list[str]]]:
    common, groups = partition(list(files))
    return [f.path for f in common], [[f.path for f in g.files] for g in groups]


def test_a_release_bundle_and_the_per_service_files_it_concatenates_are_alternatives():
    assert layout(
        file("services/cart.yaml", "dcart", "cart"),
        file("services/web.yaml", "dweb", "web"),
        file("release/all.yaml", "dcart", "cart", "dweb", "web"),
    ) == ([], [["release/all.yaml"], ["services/cart.yaml", "services/web.yaml"]])


def test_single_object_files_of_a_bundle_are_its_parts():
    assert layout(
        file("k8s/cart-deployment.yaml", "dcart"),
        file("k8s/cart-service.yaml", "cart"),
        file("bundle.yaml", "dcart", "cart"),
    ) == ([], [["bundle.yaml"], ["k8s/cart-deployment.yaml", "k8s/cart-service.yaml"]])


def test_side_by_side_bundles_are_each_their_own_variant():
    assert layout(
        file("app.yaml", "dapi", "api"),
        file("app-psa.yaml", "dapi", "api"),
        file("app-dualstack.yaml", "dapi", "api", "extra"),
    ) == ([], [["app-dualstack.yaml"], ["app-psa.yaml"], ["app.yaml"]])


def test_files_sharing_one_object_in_passing_are_applied_together():
    # both apps define the shared ConfigMap: a genuine duplicate, not a variant
    assert layout(
        file("apps/orders.yaml", "dorders", "orders", "settings"),
        file("apps/payments.yaml", "dpayments", "payments", "settings"),
    ) == (["apps/orders.yaml", "apps/payments.yaml"], [])


def test_a_file_whose_one_object_another_file_repeats_in_passing_is_not_a_variant():
    assert layout(file("ns.yaml", "settings"), file("app.yaml", "settings", "dapp", "app")) == (["app.yaml", "ns.yaml"], [])


def test_variant_families_never_mix_and_folders_stay_together():
    common, groups = layout(
        file("providers/aws/edge.yaml", "dedge", "edge"),
        file("providers/gcp/edge.yaml", "dedge", "edge"),
        file("bundles/app.yaml", "dapi", "api"),
        file("bundles/app-psa.yaml", "dapi", "api"),
        file("shared/settings.yaml", "settings"),
    )
    assert common == ["shared/settings.yaml"]
    assert groups == [["bundles/app-psa.yaml"], ["bundles/app.yaml"], ["providers/aws/edge.yaml"], ["providers/gcp/edge.yaml"]]


def test_the_result_does_not_depend_on_input_order():
    files = [file("b.yaml", "dx", "x"), file("a.yaml", "dx", "x"), file("c.yaml", "y")]
    assert layout(*files) == layout(*reversed(files)) == (["c.yaml"], [["a.yaml"], ["b.yaml"]])


def test_two_files_defining_exactly_the_same_objects_are_copies_even_of_one_object():
    assert layout(file("manifests/namespace.yaml", "settings"), file("manifests/01-namespace.yaml", "settings")) == (
        [], [["manifests/01-namespace.yaml"], ["manifests/namespace.yaml"]])


def test_files_that_share_only_their_namespace_are_never_paired():
    from kdlint.units.variants import _holders, _partners

    namespace = ("Namespace", None, "shop")
    files = [PlainFile(f"apps/a{i}.yaml", frozenset({namespace, ("Deployment", "shop", f"a{i}"), ("Service", "shop", f"a{i}")}))
             for i in range(500)]
    holders = _holders(files)
    assert all(_partners(f, holders) == [] for f in files)  # linear: no pair is even looked at
    assert layout(*files) == (sorted(f.path for f in files), [])


def _all_pairs_partition(files):
    """The definition, pair by pair: what `partition` must agree with."""
    from kdlint.units import variants

    files = sorted(files, key=lambda f: f.path)
    bundles = variants._bundles(files, variants._holders(files))
    conflicts = {f.path: {} for f in files}
    for i, a in enumerate(files):
        for b in files[i + 1:]:
            if a.identities & b.identities and variants._repeats(a, b, bundles):
                conflicts[a.path][b.path] = conflicts[b.path][a.path] = len(a.identities & b.identities)
    return conflicts


def test_partners_find_every_repeating_pair():
    import random

    from kdlint.units import variants

    rng = random.Random(12)
    for _ in range(300):
        pool = [("Deployment", "shop", f"d{i}") for i in range(rng.randint(1, 6))]
        files = [PlainFile(f"f{n}.yaml", frozenset(rng.sample(pool, rng.randint(1, len(pool))))) for n in range(rng.randint(2, 7))]
        expected = _all_pairs_partition(files)
        holders = variants._holders(files)
        found = {f.path: {} for f in files}
        bundles = variants._bundles(files, variants._holders(files))
        for a in files:
            for b in variants._partners(a, holders):
                if variants._repeats(a, b, bundles):
                    found[a.path][b.path] = found[b.path][a.path] = len(a.identities & b.identities)
        assert found == expected, files
