"""A toll update joins its strike: the bucket a report lives in, in any arrival order (streams/aggregates/joining.py).

The reports are our own: a strike on a town on a stated day, follow-ups days later that only say the toll
rose (dated by the day it became known), and a second strike on the same town on its own stated day.
"""

from __future__ import annotations

from itertools import permutations

from streams.aggregates.buckets import summarize
from streams.aggregates.joining import TOLL_UPDATE, place_report

WINDOW = 7
META = {"region_name": "Kharkiv Oblast", "country": "UA"}


def report(event_id: str, day: str, killed: int | None, *, basis: str = "stated", place: str | None = "Kharkiv",
           published: str | None = None) -> dict:
    return {"event_id": event_id, "article_id": f"a-{event_id}", "source": "Wire", "url": None,
            "published_at": published or f"{day}T18:00:00+00:00", "occurred_on": day, "date_basis": basis,
            "place": place, "lat": 49.99, "lon": 36.23, "precision": "place", "event_type": "missile_strike",
            "weapons": ["missile"], "actor": "RU", "killed": killed, "wounded": None, "killed_lower_bound": False,
            "wounded_lower_bound": False, "evidence": []}


def update(event_id: str, day: str, killed: int, **kw) -> dict:
    return report(event_id, day, killed, basis=TOLL_UPDATE, **kw)


def fold(*reports: dict, table: dict[str, dict] | None = None) -> dict[str, dict]:
    """The region's buckets by day after the reports arrive in this order (as the agent applies them)."""
    table = dict(table or {})
    for r in reports:
        home, changes = place_report(r, META, table.get, WINDOW)
        for day, bucket in changes.items():
            if bucket is None:
                table.pop(day, None)
            else:
                table[day] = bucket
    return table


def day_summary(table: dict[str, dict], day: str) -> dict:
    return summarize("UA-63", "Kharkiv Oblast", "UA", day, list(table[day]["reports"].values()))


def test_a_toll_update_days_later_joins_its_strike_and_no_second_strike_is_counted():
    table = fold(report("strike", "2025-03-10", 25), update("later", "2025-03-14", 34))
    assert list(table) == ["2025-03-10"]
    summary = day_summary(table, "2025-03-10")
    assert (summary["strikes"], summary["reports"]) == (1, 2)
    assert summary["killed"] == {"low": 25, "best": 34, "high": 34}  # best: the later report's toll


def test_an_update_that_arrives_first_moves_to_its_strike_when_the_strike_arrives():
    first = fold(update("later", "2025-03-14", 34))
    assert list(first) == ["2025-03-14"]  # no strike known yet: it stays on its own day
    table = fold(report("strike", "2025-03-10", 25), table=first)
    assert list(table) == ["2025-03-10"]  # the later day's bucket is emptied (the agent tombstones it)
    assert day_summary(table, "2025-03-10")["killed"] == {"low": 25, "best": 34, "high": 34}


def test_every_arrival_order_and_redelivery_gives_the_same_buckets():
    reports = [report("strike", "2025-03-10", 25), update("u1", "2025-03-12", 30), update("u2", "2025-03-14", 34),
               report("other", "2025-03-11", 2, place="Izium")]
    expected = fold(*reports)
    for order in permutations(reports):
        assert fold(*order) == expected
        assert fold(*order, *order) == expected  # at-least-once: everything delivered twice
    assert sorted(expected) == ["2025-03-10", "2025-03-11"]
    assert set(expected["2025-03-10"]["reports"]) == {"strike", "u1", "u2"}


def test_two_strikes_on_one_town_with_their_own_stated_days_stay_apart():
    table = fold(report("monday", "2025-03-10", 3), report("thursday", "2025-03-13", 2))
    assert sorted(table) == ["2025-03-10", "2025-03-13"]
    assert day_summary(table, "2025-03-10")["killed"]["best"] == 3
    assert day_summary(table, "2025-03-13")["killed"]["best"] == 2


def test_an_update_joins_the_latest_strike_of_its_place_within_reach():
    table = fold(report("monday", "2025-03-10", 3), report("thursday", "2025-03-13", 2), update("sat", "2025-03-15", 4))
    assert set(table["2025-03-13"]["reports"]) == {"thursday", "sat"}
    assert set(table["2025-03-10"]["reports"]) == {"monday"}


def test_an_update_with_no_strike_of_its_place_in_reach_stays_on_its_own_day():
    assert sorted(fold(report("strike", "2025-03-01", 5), update("late", "2025-03-14", 9))) == ["2025-03-01", "2025-03-14"]
    assert sorted(fold(report("strike", "2025-03-10", 5, place="Izium"), update("u", "2025-03-12", 9))) == ["2025-03-10", "2025-03-12"]
    assert sorted(fold(report("strike", "2025-03-10", 5), update("u", "2025-03-12", 9, place=None))) == ["2025-03-10", "2025-03-12"]


def test_a_strike_told_only_by_the_day_it_was_said_is_no_toll_update_and_does_not_join():
    table = fold(report("strike", "2025-03-10", 5), report("said", "2025-03-12", 2, basis="reported"))
    assert sorted(table) == ["2025-03-10", "2025-03-12"]


def test_a_corrected_report_now_dated_by_its_own_day_leaves_the_strike_it_had_joined():
    table = fold(report("strike", "2025-03-10", 25), update("later", "2025-03-14", 34))
    table = fold(report("later", "2025-03-14", 34), table=table)  # the same event, re-extracted with a stated day
    assert set(table["2025-03-10"]["reports"]) == {"strike"}
    assert set(table["2025-03-14"]["reports"]) == {"later"}
