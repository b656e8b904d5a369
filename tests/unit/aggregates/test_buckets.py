from __future__ import annotations

from streams.aggregates.buckets import apply_event, summarize


def event(event_id: str, killed: int | None, published: str, place: str | None = "Kharkiv") -> dict:
    return {"event_id": event_id, "article_id": f"a-{event_id}", "published_at": published, "killed": killed,
            "wounded": None, "event_type": "missile_strike", "evidence": [{"text": "...", "start": 0, "end": 3}],
            "location": {"place": place, "admin1_name": "Kharkiv Oblast", "country": "UA"}}


def fold(*events: dict) -> dict:
    bucket = None
    for e in events:
        bucket, _ = apply_event(bucket, e)
    return summarize("UA-63", "Kharkiv Oblast", "UA", "2025-05-04", list(bucket["reports"].values()))


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
