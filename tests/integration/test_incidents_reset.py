"""A worker whose stored incident history came from another broker (the embedded one restarted, its
topics recreated) starts over from the new topic instead of mixing two histories."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from bench.history import publish_events, synthetic_event
from streams.process import WorkerProcess, wait_for
from tests.integration.kafka_io import fresh_broker, get_json

pytestmark = pytest.mark.integration


def stored(url: str) -> set[str]:
    return {i["date"] for i in get_json(f"{url}/api/incidents?limit=1000")["incidents"]}


def test_a_new_broker_replaces_the_history_of_the_old_one(tmp_path):
    data = tmp_path / "worker"
    with ExitStack() as first:
        worker = WorkerProcess(fresh_broker(first), data).start()
        first.callback(worker.stop)
        publish_events(worker.env["KAFKA_BOOTSTRAP_SERVERS"], [synthetic_event(n) for n in range(40)])
        wait_for(lambda: len(stored(worker.url)) == 8, timeout=120, what="the first broker's 8 days")
    with ExitStack() as second:
        worker = WorkerProcess(fresh_broker(second), data).start()
        second.callback(worker.stop)
        # the old history does not survive onto a broker that never had it
        wait_for(lambda: stored(worker.url) == set(), timeout=30, what="the old history dropped")
        later = [synthetic_event(n) for n in range(400, 410)]
        publish_events(worker.env["KAFKA_BOOTSTRAP_SERVERS"], later)
        wait_for(lambda: stored(worker.url) == {e["occurred_on"] for e in later}, timeout=120,
                 what="only the new broker's incidents")
