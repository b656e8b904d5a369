from __future__ import annotations

from streams.aggregates.buckets import apply_event, incident_ids, incidents_of, summarize
from streams.aggregates.view import RollingView, figure_text
from streams.schemas import validate


def event(event_id: str, killed: int | None, published: str, place: str | None = "Kharkiv", *,
          wounded: int | None = None, killed_at_least: bool = False) -> dict:
    return {"event_id": event_id, "article_id": f"a-{event_id}", "source": "Wire", "url": f"https://example.org/{event_id}",
            "published_at": published, "occurred_on": published[:10], "killed": killed, "wounded": wounded,
            "killed_is_lower_bound": killed_at_least,
            "wounded_is_lower_bound": False, "event_type": "missile_strike", "weapons": ["missile"], "actor": "RU",
            "evidence": [{"text": f"The strike on {place} killed people.", "start": 0, "end": 30}],
            "location": {"place": place, "admin1_name": "Kharkiv Oblast", "country": "UA", "lat": 49.99, "lon": 36.23,
                         "precision": "place" if place else "admin1"}}


def reports(*events: dict) -> list[dict]:
    bucket = None
    for e in events:
        bucket, _ = apply_event(bucket, e)
    return list(bucket["reports"].values())


def fold(*events: dict) -> dict:
    return summarize("UA-63", "Kharkiv Oblast", "UA", "2025-05-04", reports(*events))


def test_two_reports_of_one_incident_count_once_with_a_range():
    summary = fold(event("e1", 2, "2025-05-04T08:00:00Z"), event("e2", 5, "2025-05-04T18:00:00Z"))
    assert summary["strikes"] == 1 and summary["reports"] == 2
    assert summary["killed"] == {"low": 2, "best": 5, "high": 5}


def test_redelivered_event_changes_nothing():
    first = event("e1", 2, "2025-05-04T08:00:00Z")
    bucket, changed = apply_event(None, first)
    assert changed
    _, changed_again = apply_event(bucket, first)
    assert not changed_again


def test_region_level_report_joins_the_one_placed_incident():
    summary = fold(event("e1", 3, "2025-05-04T08:00:00Z"), event("e2", 4, "2025-05-04T09:00:00Z", place=None))
    assert summary["strikes"] == 1


def test_different_places_are_different_incidents():
    summary = fold(event("e1", 3, "2025-05-04T08:00:00Z"), event("e2", 1, "2025-05-04T09:00:00Z", place="Izium"))
    assert summary["strikes"] == 2 and summary["killed"]["best"] == 4


def test_unreported_figures_are_counted_not_summed_as_zero():
    summary = fold(event("e1", 3, "2025-05-04T08:00:00Z", wounded=7), event("e2", None, "2025-05-04T09:00:00Z", place="Izium"))
    assert summary["killed"] == {"low": 3, "best": 3, "high": 3} and summary["killed_unreported"] == 1
    assert summary["wounded"]["best"] == 7 and summary["wounded_unreported"] == 1
    izium = next(i for i in summary["incidents"] if i["place"] == "Izium")
    assert izium["killed"] is None and izium["wounded"] is None
    validate("aggregate", summary)


def test_a_lower_bound_is_carried_to_the_bucket_and_the_window():
    summary = fold(event("e1", 5, "2025-05-04T08:00:00Z", killed_at_least=True))
    assert summary["killed_lower_bound"] and not summary["wounded_lower_bound"]
    view = RollingView()
    view.apply("UA-63|2025-05-04", summary)
    row = view.snapshot("7d")["regions"][0]
    assert (row["killed_lower_bound"], row["wounded_unreported"]) == (True, 1)
    assert figure_text(row["killed"], row["killed_unreported"], row["killed_lower_bound"], row["strikes"]) == "≥5"
    assert figure_text(row["wounded"], row["wounded_unreported"], row["wounded_lower_bound"], row["strikes"]) == "n/r"


def test_the_merged_incident_keeps_every_report_and_validates():
    merged = incidents_of("UA-63", "Kharkiv Oblast", "UA", "2025-05-04",
                          reports(event("e2", 5, "2025-05-04T18:00:00Z"), event("e1", 2, "2025-05-04T08:00:00Z")))
    assert len(merged) == 1
    incident = merged[0]
    validate("incident", incident)
    assert [r["event_id"] for r in incident["reports"]] == ["e1", "e2"]  # oldest report first
    assert incident["killed"] == {"low": 2, "best": 5, "high": 5, "lower_bound": False}
    assert incident["wounded"] is None
    assert (incident["lat"], incident["lon"], incident["actor"]) == (49.99, 36.23, "RU")
    assert incident["reports"][0]["evidence"][0]["text"] == "The strike on Kharkiv killed people."


def test_an_unplaced_report_that_joins_a_placed_one_dissolves_its_own_incident():
    alone = reports(event("e1", 1, "2025-05-04T08:00:00Z", place=None), event("e2", 1, "2025-05-04T08:00:00Z", place="Izium"),
                    event("e3", 1, "2025-05-04T08:00:00Z", place="Kupiansk"))
    assert len(incident_ids("UA-63", "2025-05-04", alone)) == 3
    joined = [r for r in alone if r["place"] != "Kupiansk"]
    assert len(incident_ids("UA-63", "2025-05-04", joined)) == 1
