"""The one "did you mean" of object names (kdlint.suggest.NameIndex) and the schema words' one."""

import time

import pytest

from kdlint.suggest import NameIndex, closest_term

SERVICES = ["payments", "web-svc", "shop-api", "db-0", "db-1", "cache", "cache-headless"]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("paymnets", "payments"),  # two letters swapped
        ("payment", "payments"),  # a letter dropped
        ("paymentss", "payments"),  # a letter added
        ("paymentz", "payments"),  # a letter changed
        ("web", "web-svc"),  # a conventional suffix left out
        ("api", "shop-api"),  # a chart's release prefix left out
        ("web-svc-svc", "web-svc"),  # a part too many
        ("cache-svc", "cache"),
    ],
)
def test_a_name_near_exactly_one_other_is_suggested(written, meant):
    assert NameIndex(SERVICES).closest(written) == meant


@pytest.mark.parametrize(
    "written",
    [
        "db-2",  # one typo from db-0 and db-1: a guess, not a hint
        "ledger",  # nothing near
        "pay",  # a prefix, not a dash-separated part
        "payments",  # the name itself
    ],
)
def test_no_suggestion_when_none_or_several_are_near(written):
    assert NameIndex(SERVICES).closest(written) is None


def test_several_names_sharing_the_part_are_a_guess():
    assert NameIndex(["web-svc", "shop-web"]).closest("web") is None


def test_a_typo_wins_over_a_part_and_typos_only_can_be_asked():
    names = NameIndex(["web", "webs-svc"])
    assert names.closest("wbe") == "web"
    assert NameIndex(["web-svc"]).closest("web", ends=False) is None
    assert NameIndex(["web-svc"]).closest("web") == "web-svc"


def test_a_lookup_does_not_compare_with_every_name():
    names = NameIndex(f"service-{i:05d}" for i in range(20_000))
    started = time.perf_counter()
    for i in range(2_000):
        names.closest(f"servise-{i:05d}")
    assert time.perf_counter() - started < 1.0  # a few dictionary reads each (difflib took seconds)


def test_schema_words_are_ranked_by_similarity_ignoring_case():
    assert closest_term("contianers", ["containers", "initContainers"]) == "containers"
    assert closest_term("terminationGracePeriod", ["terminationGracePeriodSeconds", "nodeName"]) == "terminationGracePeriodSeconds"
    assert closest_term("restartpolicy", ["restartPolicy"]) == "restartPolicy"
    assert closest_term("zzz", ["containers"]) is None
