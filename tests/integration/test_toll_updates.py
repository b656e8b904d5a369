"""A toll update joins its strike, on the embedded broker (streams/aggregates/joining.py).

Our own articles about one town: a strike on a stated Monday, a follow-up four days later that only says
the toll rose (dated by the day that became known), and a different strike three days before the first,
on its own stated day. The follow-up is published first, as a late-crawled strike report would be.
"""

from __future__ import annotations

import time

import pytest

from streams.process import wait_for
from tests.integration.kafka_io import get_json, publish

pytestmark = pytest.mark.integration

# 2023-02-06 is a Monday. Poltava (UA-53) and these days are used by no other test.
UPDATE, STRIKE, EARLIER = ({"id": id_, "published_at": published, "text": text} for id_, published, text in [
    ("toll-update", "2023-02-10T15:00:00Z", "On February 10, it became known that the death toll in Poltava after the "
     "Russian missile strike on a five-storey building had increased to 14 people."),
    ("toll-strike", "2023-02-07T09:00:00Z", "A Russian missile hit a five-storey building in Poltava on Monday, killing "
     "nine people and wounding 20, the regional governor said."),
    ("toll-earlier", "2023-02-04T09:00:00Z", "A Russian drone struck a school in Poltava on Friday, killing two people, "
     "officials said."),
])


def days(worker) -> dict[str, dict]:
    return {d["date"]: d for d in get_json(f"{worker['url']}/api/regions/UA-53")["days"]}


def incidents(worker) -> dict[str, dict]:
    return {i["date"]: i for i in get_json(f"{worker['url']}/api/incidents?region=UA-53")["incidents"]}


def test_a_toll_update_joins_its_strike_and_two_strikes_of_one_town_stay_apart(worker):
    bootstrap = worker["env"]["KAFKA_BOOTSTRAP_SERVERS"]
    publish(bootstrap, [UPDATE])
    wait_for(lambda: "2023-02-10" in days(worker), timeout=90, what="the toll update on its own day (no strike known yet)")

    publish(bootstrap, [STRIKE, EARLIER])
    wait_for(lambda: set(days(worker)) == {"2023-02-03", "2023-02-06"} and set(incidents(worker)) == {"2023-02-03", "2023-02-06"},
             timeout=90, what="the update moved to its strike's day, its own day and incident gone")
    monday = days(worker)["2023-02-06"]
    assert (monday["strikes"], monday["reports"]) == (1, 2)
    assert monday["killed"] == {"low": 9, "best": 14, "high": 14}  # best: the later report's toll
    assert monday["wounded"] == {"low": 20, "best": 20, "high": 20}
    friday = days(worker)["2023-02-03"]
    assert (friday["strikes"], friday["killed"]["best"]) == (1, 2)  # the other strike is not joined

    incident = incidents(worker)["2023-02-06"]
    assert [(r["article_id"], r["occurred_on"], r["date_basis"]) for r in incident["reports"]] == [
        ("toll-strike", "2023-02-06", "stated"), ("toll-update", "2023-02-10", "toll_update")]
    month = get_json(f"{worker['url']}/api/aggregates?window=30d&as_of=2023-02-10")["regions"]
    assert next(r for r in month if r["region"] == "UA-53")["strikes"] == 2

    before = worker["process"].metric("strikewatch_events_consumed")
    publish(bootstrap, [UPDATE, STRIKE, EARLIER])  # at-least-once: all of it again changes nothing
    wait_for(lambda: worker["process"].metric("strikewatch_events_consumed") >= before + 3, timeout=90, what="the republished events")
    time.sleep(1.5)  # the read model polls every 0.5 s
    assert days(worker)["2023-02-06"] | {"updated_at": None} == monday | {"updated_at": None}
    assert set(days(worker)) == {"2023-02-03", "2023-02-06"}
