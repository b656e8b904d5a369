"""The broker missing at start, or going away mid-run: the worker retries with a clear log line,
keeps serving, and carries on when a broker is back."""

from __future__ import annotations

import time
import urllib.request

import orjson
import pytest

from streams.kafka import EmbeddedBroker, ensure_topics
from streams.process import WorkerProcess, free_port, wait_for
from streams.settings import Settings
from tests.integration.kafka_io import publish, read_topic

pytestmark = pytest.mark.integration

STRIKE = {"id": "trouble-1", "published_at": "2025-06-02T09:00:00Z",
          "text": "A Russian drone hit a house in Chernihiv on Sunday, wounding three people, officials said."}


def events_of(bootstrap: str, article: str) -> list[dict]:
    return [e for _, v in read_topic(bootstrap, "events") if (e := orjson.loads(v))["article_id"] == article]


def test_worker_waits_for_a_broker_then_survives_it_going_away_and_coming_back(tmp_path):
    port = free_port()
    address = f"127.0.0.1:{port}"
    worker = WorkerProcess(address, tmp_path / "w", env={"STRIKEWATCH_WORKER_WAIT": "60"})
    worker.start(wait=0)
    try:
        wait_for(lambda: "retrying in" in worker.log.read_text(), timeout=20, what="a retry log line")
        assert worker.process.poll() is None
        line = next(ln for ln in worker.log.read_text().splitlines() if "retrying in" in ln)
        assert f"no Kafka broker answers at {address}" in line

        broker = EmbeddedBroker(port).start()
        ensure_topics(Settings(KAFKA_BOOTSTRAP_SERVERS=address))
        worker.wait_healthy(120)
        publish(address, [STRIKE])
        wait_for(lambda: events_of(address, "trouble-1"), timeout=90, what="the first event")

        broker.stop()  # memory storage: topics, offsets and data are gone with it
        time.sleep(8)
        assert worker.process.poll() is None, worker.log.read_text()[-2000:]
        with urllib.request.urlopen(f"{worker.url}/healthz", timeout=5) as response:
            assert response.status == 200  # still serving what it has

        broker = EmbeddedBroker(port).start()
        ensure_topics(Settings(KAFKA_BOOTSTRAP_SERVERS=address))
        second = STRIKE | {"id": "trouble-2"}
        deadline = time.monotonic() + 180
        while not events_of(address, "trouble-2"):
            assert time.monotonic() < deadline, worker.log.read_text()[-3000:]
            assert worker.process.poll() is None, worker.log.read_text()[-3000:]
            publish(address, [second])  # republishing is harmless: same article, same event id
            time.sleep(5)
        broker.stop()
    finally:
        worker.stop()
