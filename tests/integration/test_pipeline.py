"""Articles published with the CLI become events, daily buckets and dead letters on a real broker."""

from __future__ import annotations

import time

import orjson
import pytest

from streams.process import wait_for
from streams.schemas import validate
from tests.conftest import cli
from tests.integration.kafka_io import publish_raw, read_topic

pytestmark = pytest.mark.integration

KHARKIV = ("date 2025-05-04 A Russian missile hit an apartment block in Kharkiv on Sunday, killing four people "
           "and wounding 12, the regional governor said.")
KHARKIV_LATER = {"id": "second-outlet", "published_at": "2025-05-04T18:00:00Z",
                 "text": "In Kharkiv, at least six people were killed and 15 injured when a Russian missile struck "
                         "a residential building on Sunday, officials said."}


def read_all(bootstrap: str, topic: str, expected: int, timeout: float = 60) -> list[tuple[bytes, dict]]:
    wait_for(lambda: len(read_topic(bootstrap, topic)) >= expected, timeout=timeout, what=f"{expected} on {topic}")
    return [(key, orjson.loads(value)) for key, value in read_topic(bootstrap, topic)]


def latest(records: list[tuple[bytes, dict]]) -> dict[bytes, dict]:
    return {key: value for key, value in records}


def test_articles_become_events_and_aggregates(worker, tmp_path):
    env = worker["env"]
    (tmp_path / "kharkiv.txt").write_text(KHARKIV)
    (tmp_path / "later.json").write_bytes(orjson.dumps(KHARKIV_LATER))
    published = cli("publish", str(tmp_path), env=env)
    assert published.returncode == 0, published.stderr

    deadline, events = time.monotonic() + 90, []
    while time.monotonic() < deadline and len(events) < 2:
        result = cli("events", "--from-beginning", "--region", "UA-63", env=env)
        assert result.returncode == 0, result.stderr
        events = [orjson.loads(line) for line in result.stdout.splitlines()]
        time.sleep(1)
    assert {e["killed"] for e in events} == {4, 6}
    for event in events:
        validate("event", event)
        assert event["occurred_on"] == "2025-05-04"

    buckets = latest(read_all(env["KAFKA_BOOTSTRAP_SERVERS"], "aggregates", expected=2))
    bucket = buckets[b"UA-63|2025-05-04"]
    validate("aggregate", bucket)
    assert bucket["strikes"] == 1 and bucket["reports"] == 2
    assert bucket["killed"] == {"low": 4, "best": 6, "high": 6}

    snapshot = cli("watch", "--once", "--json", "--window", "7d", "--as-of", "2025-05-04", env=env)
    assert snapshot.returncode == 0, snapshot.stderr
    rows = {r["region"]: r for r in orjson.loads(snapshot.stdout)["regions"]}
    assert rows["UA-63"]["strikes"] == 1


def test_non_json_is_dead_lettered(worker):
    bootstrap = worker["env"]["KAFKA_BOOTSTRAP_SERVERS"]
    publish_raw(bootstrap, "articles", [(b"broken", b"this is {not json"), (b"binary", b"\xff\xfe\x00garbage")])
    def letters() -> dict[str, dict]:  # other tests dead-letter too: wait for these two
        return {letter["key"]: letter for _, letter in read_all(bootstrap, "deadletter", expected=0)}

    wait_for(lambda: {"broken", "binary"} <= set(letters()), timeout=60, what="both dead letters")
    by_key = letters()
    assert by_key["broken"]["error"] == "not_json"
    assert by_key["broken"]["payload"] == "this is {not json"
    assert by_key["binary"]["payload_encoding"] == "base64"
    for letter in by_key.values():
        validate("deadletter", letter)
        assert letter["source_topic"] == "articles" and letter["offset"] is not None


def test_http_api(worker):
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(f"{worker['url']}/api/events?limit=5") as response:
        assert "events" in orjson.loads(response.read())
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{worker['url']}/api/aggregates?window=9d")
    assert error.value.code == 400
    with urllib.request.urlopen(f"{worker['url']}/metrics") as response:
        body = response.read()
    assert b"strikewatch_articles_consumed" in body
    assert b"\nstrikewatch_incidents " in body  # a gauge read from the read model at scrape time
