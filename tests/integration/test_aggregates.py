"""Issue 4's acceptance on the embedded broker: incidents counted once, republishing is a no-op,
a higher toll moves the window by exactly the difference, an older date updates its own bucket."""

from __future__ import annotations

import time

import pytest

from streams.process import wait_for
from tests.integration.kafka_io import get_json, publish

pytestmark = pytest.mark.integration

# 2024-06-10 is a Monday. Odesa and these days are used by no other test.
FIRST = {"id": "agg-first", "published_at": "2024-06-10T08:00:00Z",
         "text": "A Russian missile struck a port warehouse in Odesa on Monday, killing two people and wounding five, "
                 "the regional governor said."}
SECOND = {"id": "agg-second", "published_at": "2024-06-10T12:00:00Z",
          "text": "At least three people were killed and five injured when a Russian missile hit a warehouse in Odesa on "
                  "Monday, officials said."}
TOLL = {"id": "agg-toll", "published_at": "2024-06-11T09:00:00Z",
        "text": "The death toll from Monday's Russian missile strike on Odesa rose to seven, the regional governor said "
                "on Tuesday."}
OLDER = {"id": "agg-older", "published_at": "2024-06-11T10:00:00Z",
         "text": "A Russian drone hit a house in Odesa on June 5, wounding two people, officials said on Tuesday."}


def processed(worker) -> float:
    return worker["process"].metric("strikewatch_events_consumed")


def odesa(worker, window: str, as_of: str = "2024-06-10") -> dict | None:
    rows = get_json(f"{worker['url']}/api/aggregates?window={window}&as_of={as_of}")["regions"]
    return next((r for r in rows if r["region"] == "UA-51"), None)


def bucket(worker, day: str) -> dict | None:
    days = get_json(f"{worker['url']}/api/regions/UA-51")["days"]
    return next((d for d in days if d["date"] == day), None)


def settle(worker, before: float, events: int) -> None:
    """Until the aggregator has consumed `events` more events and the read model shows them."""
    wait_for(lambda: processed(worker) >= before + events, timeout=90, what=f"{events} events aggregated")
    time.sleep(1.5)  # the read model polls every 0.5 s: give it a few turns


def test_incidents_once_republish_noop_toll_difference_and_older_date(worker):
    bootstrap = worker["env"]["KAFKA_BOOTSTRAP_SERVERS"]

    publish(bootstrap, [FIRST, SECOND])
    wait_for(lambda: (b := bucket(worker, "2024-06-10")) is not None and b["reports"] == 2, timeout=90,
             what="both reports in the Odesa bucket")
    day = bucket(worker, "2024-06-10")
    assert (day["strikes"], day["reports"]) == (1, 2)
    assert day["killed"] == {"low": 2, "best": 3, "high": 3}  # best = the later report
    assert day["wounded"] == {"low": 5, "best": 5, "high": 5}
    assert day["incidents"][0]["article_ids"] == ["agg-first", "agg-second"]
    week = odesa(worker, "7d")

    before = processed(worker)
    publish(bootstrap, [FIRST, SECOND])
    settle(worker, before, 2)
    assert bucket(worker, "2024-06-10") | {"updated_at": None} == day | {"updated_at": None}
    assert odesa(worker, "7d") == week

    publish(bootstrap, [TOLL])
    wait_for(lambda: bucket(worker, "2024-06-10")["killed"]["best"] == 7, timeout=90, what="the toll update")
    raised = odesa(worker, "7d")
    assert bucket(worker, "2024-06-10")["killed"] == {"low": 2, "best": 7, "high": 7}
    assert raised["killed"]["best"] - week["killed"]["best"] == 7 - 3
    assert raised["killed"]["high"] - week["killed"]["high"] == 7 - 3
    assert raised["strikes"] == week["strikes"]

    publish(bootstrap, [OLDER])
    wait_for(lambda: bucket(worker, "2024-06-05") is not None, timeout=90, what="the older day's bucket")
    older = bucket(worker, "2024-06-05")
    assert (older["strikes"], older["wounded"]["best"]) == (1, 2)
    assert bucket(worker, "2024-06-10")["killed"]["best"] == 7  # the newer day is untouched
    assert odesa(worker, "7d")["strikes"] == raised["strikes"] + 1
    assert odesa(worker, "1d")["strikes"] == 1


def test_buckets_past_the_retention_are_dropped(tmp_path):
    """Retention follows event time: a report 60 days newer drops a region's buckets older than 30 days."""
    from contextlib import ExitStack

    from streams.kafka import EmbeddedBroker, ensure_topics
    from streams.process import WorkerProcess, free_port
    from streams.settings import Settings
    from tests.integration.kafka_io import latest_aggregates, wait_quiet

    old = {"id": "ret-old", "published_at": "2025-01-10T09:00:00Z",
           "text": "A Russian missile hit Kharkiv on Friday, killing two people, the governor said."}
    new = {"id": "ret-new", "published_at": "2025-03-11T09:00:00Z",
           "text": "A Russian drone hit Kharkiv on Tuesday, wounding four people, the governor said."}
    with ExitStack() as stack:
        broker = EmbeddedBroker(free_port()).start()
        stack.callback(broker.stop)
        ensure_topics(Settings(KAFKA_BOOTSTRAP_SERVERS=broker.address))
        worker = WorkerProcess(broker.address, tmp_path / "w", env={"STRIKEWATCH_RETENTION_DAYS": "30"}).start()
        stack.callback(worker.stop)
        publish(broker.address, [old])
        wait_for(lambda: "UA-63|2025-01-10" in latest_aggregates(broker.address), timeout=90, what="the old bucket")
        publish(broker.address, [new])
        wait_for(lambda: "UA-63|2025-03-11" in latest_aggregates(broker.address), timeout=90, what="the new bucket")
        wait_quiet(broker.address, "aggregates")
        assert set(latest_aggregates(broker.address)) == {"UA-63|2025-03-11"}  # the old one got a tombstone
        time.sleep(1.5)
        days = get_json(f"{worker.url}/api/regions/UA-63")["days"]
        assert [d["date"] for d in days] == ["2025-03-11"]
        assert worker.process.poll() is None
