"""Finding values: Location, ObjectId and Finding are named tuples and Related a plain class
(cheaper to make at start-up than frozen dataclasses); these pin what they must keep doing."""

import pickle

from kdlint.findings import Finding, Location, ObjectId, Related, Severity

WEB = ObjectId("apps/v1", "Deployment", "dev", "web")
DB = ObjectId("v1", "Service", "dev", "db")


def test_related_compares_hashes_and_orders_by_place_and_message_never_by_object():
    place = Location("a.yaml", 3, 5)
    with_object, without = Related(place, "selected here", WEB), Related(place, "selected here")
    assert with_object == without and hash(with_object) == hash(without)
    assert sorted([Related(place, "z", DB), without, Related(Location("a.yaml", 1, 1), "z")]) == [
        Related(Location("a.yaml", 1, 1), "z"), without, Related(place, "z")]
    assert Related(place, "a") < Related(place, "b") <= Related(place, "b") and Related(place, "c") > Related(place, "b")
    assert with_object != Related(place, "another message", WEB)
    assert (with_object == (place, "selected here")) is False  # only another Related is comparable


def test_related_keeps_its_object_through_pickle_and_repr():
    related = Related(Location("a.yaml", 3, 5), "selected here", WEB)
    copy = pickle.loads(pickle.dumps(related))
    assert copy == related and copy.object == WEB
    assert repr(related) == (
        "Related(location=Location(file='a.yaml', line=3, column=5), message='selected here', "
        "object=ObjectId(api_version='apps/v1', kind='Deployment', namespace='dev', name='web'))")


def test_locations_and_object_ids_order_field_by_field():
    assert sorted([Location("b.yaml", 1, 1), Location("a.yaml", 9, 2), Location("a.yaml", 9, 1)]) == [
        Location("a.yaml", 9, 1), Location("a.yaml", 9, 2), Location("b.yaml", 1, 1)]
    assert sorted([WEB, DB]) == [WEB, DB]  # api_version first, as the dataclass ordered them
    assert WEB.label() == "Deployment dev/web"


def test_a_finding_changed_with_replace_is_a_new_equal_or_different_value():
    finding = Finding("KD301", "service-selects-nothing", Severity.INFO, "Service selects no pods", Location("a.yaml", 2, 3), DB)
    assert finding._replace(units=()) == finding and hash(finding._replace(units=())) == hash(finding)
    louder = finding._replace(severity=Severity.ERROR)
    assert louder != finding and louder.severity is Severity.ERROR and finding.severity is Severity.INFO
    assert pickle.loads(pickle.dumps(finding)) == finding


def test_identity_leaves_line_numbers_out():
    finding = Finding("KD308", "selector-overlap", Severity.WARNING, "also selected by the Service on lines 12-14",
                      Location("a.yaml", 2, 3), DB)
    assert finding.identity() == ("KD308", "a.yaml", "Service dev/db", "also selected by the Service on lines N")
