"""One stream of every kind of bad input (RELIABILITY.md), articles of 1.5 MB and 3 MB and JSON
nested 5,000 deep, then a good article: each bad message gives exactly one dead letter that fits
the broker (cut to 64 KiB, its size and SHA-256 kept), the good one becomes an event within 10 s,
and the worker never restarts."""

from __future__ import annotations

import hashlib
import time
from contextlib import ExitStack

import orjson
import pytest

from streams.deadletter.models import KEY_LIMIT, PAYLOAD_LIMIT
from streams.process import WorkerProcess, wait_for
from streams.schemas import validate
from tests.integration.kafka_io import fresh_broker, get_json, publish, publish_raw, read_topic
from tests.integration.test_bad_input import DEAD, STRIKE

pytestmark = pytest.mark.integration


def big_article(size: int) -> bytes:
    return orjson.dumps({"text": (STRIKE + " ") * (size // (len(STRIKE) + 1))})


POISON = {key: raw for key, (raw, _, _) in DEAD.items() if key != "bad-too-large"} | {
    "big-1.5MB": big_article(1_500_000),
    "big-3MB": big_article(3_000_000),
    "deep-5000": b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
}
HUGE_KEY = "huge-key-" + "k" * 1_500_000  # a dead letter's own Kafka key is cut too, or it would not fit
GOOD = {"id": "good-after-poison", "published_at": "2025-06-09T10:00:00Z",
        "text": "A Russian drone hit a bus in Kherson on Sunday, killing one person, the governor said."}
WARM = {"id": "warm-up", "published_at": "2025-06-09T10:00:00Z",
        "text": "A Russian missile hit a school in Odesa on Saturday, wounding four people, officials said."}


def events_of(bootstrap: str, article_id: str) -> list[dict]:
    return [e for _, v in read_topic(bootstrap, "events") if (e := orjson.loads(v)).get("article_id") == article_id]


def test_poison_messages_each_give_one_dead_letter_and_the_stream_goes_on(tmp_path):
    with ExitStack() as stack:
        bootstrap = fresh_broker(stack)
        worker = WorkerProcess(bootstrap, tmp_path / "w").start()  # the default 1 MB article limit
        stack.callback(worker.stop)
        pid = worker.process.pid
        publish(bootstrap, [WARM])  # the model is loaded and the pipeline warm before the clock starts
        wait_for(lambda: events_of(bootstrap, "warm-up"), timeout=120, what="the warm-up event")

        publish_raw(bootstrap, "articles", [(key.encode(), raw) for key, raw in POISON.items()]
                    + [(HUGE_KEY.encode(), b"not json, under a 1.5 MB key")], max_request_size=8_000_000)
        publish_raw(bootstrap, "events", [(b"bad-event", b'{"event_id": 5}')])
        started = time.monotonic()
        publish(bootstrap, [GOOD])
        wait_for(lambda: events_of(bootstrap, GOOD["id"]), timeout=60, interval=0.1, what="the good article's event")
        assert time.monotonic() - started < 10, "the good article took more than 10 s to become an event"

        expected = len(POISON) + 2
        wait_for(lambda: len(read_topic(bootstrap, "deadletter")) >= expected, timeout=30, what="every dead letter")
        letters: dict[str, list[dict]] = {}
        for _, value in read_topic(bootstrap, "deadletter"):
            letter = orjson.loads(value)
            validate("deadletter", letter)
            letters.setdefault(letter["key"], []).append(letter)
        assert {key: len(found) for key, found in letters.items()} == dict.fromkeys([*POISON, "bad-event"], 1) | {
            HUGE_KEY[:KEY_LIMIT]: 1}

        for key in ("big-1.5MB", "big-3MB"):
            [letter] = letters[key]
            raw = POISON[key]
            assert letter["error"] == "too_large"
            assert letter["payload_truncated"] is True and letter["payload_bytes"] == len(raw)
            assert letter["payload_sha256"] == hashlib.sha256(raw).hexdigest()
            assert letter["payload"].encode() == raw[:PAYLOAD_LIMIT]
        [deep] = letters["deep-5000"]
        assert deep["error"] == "not_json" and deep["payload_truncated"] is False
        assert letters["bad-event"][0]["source_topic"] == "events"

        [huge] = letters[HUGE_KEY[:KEY_LIMIT]]
        assert huge["error"] == "not_json"
        assert worker.process.poll() is None and worker.process.pid == pid, "the worker restarted"
        assert get_json(f"{worker.url}/healthz")["status"] == "ok"
        assert worker.metric("strikewatch_dead_letters_failed") == 0
        assert "crashed" not in worker.log.read_text()


def test_a_worker_whose_extractor_cannot_load_fails_health_and_exits_4(tmp_path):
    """A spaCy model folder that exists but cannot load (no meta.json): the extractor's load dies in
    the worker, /healthz answers 503 with the reason, and the worker exits with status 4 for its
    supervisor, instead of answering OK while no article is ever processed."""
    import urllib.error
    import urllib.request

    from streams.process import EXIT_CRASHED

    (tmp_path / "broken-model").mkdir()
    with ExitStack() as stack:
        bootstrap = fresh_broker(stack)
        worker = WorkerProcess(bootstrap, tmp_path / "w", env={"STRIKEWATCH_SPACY_MODEL": str(tmp_path / "broken-model")})
        worker.start()
        stack.callback(worker.stop)
        answers: list[int] = []
        deadline = time.monotonic() + 120
        while worker.process.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{worker.url}/healthz", timeout=1) as response:
                    answers.append(response.status)
            except urllib.error.HTTPError as error:
                answers.append(error.code)
                assert orjson.loads(error.read())["status"] == "crashed"
            except OSError:
                pass
            time.sleep(0.05)
        assert worker.process.wait(timeout=10) == EXIT_CRASHED, worker.log.read_text()[-2000:]
        assert 503 in answers
        assert "crashed" in worker.log.read_text()


def test_a_dead_letter_that_cannot_be_sent_is_logged_counted_and_skipped(tmp_path):
    """A deadletter topic that cannot be written (here an invalid name): the letter's send gives up
    after its timeout, the failure is logged with topic[partition]@offset and counted, and the
    stream goes on (the next article becomes an event, the offsets are committed)."""
    from streams.deadletter.policy import SEND_TIMEOUT
    from tests.integration.test_recovery import caught_up

    with ExitStack() as stack:
        bootstrap = fresh_broker(stack)
        worker = WorkerProcess(bootstrap, tmp_path / "w", env={"STRIKEWATCH_TOPIC_DEADLETTER": "no such topic!"}).start()
        stack.callback(worker.stop)
        publish_raw(bootstrap, "articles", [(b"unsendable", b"not json")])
        publish(bootstrap, [GOOD])
        wait_for(lambda: events_of(bootstrap, GOOD["id"]), timeout=SEND_TIMEOUT + 90, what="the next article's event")
        assert worker.metric("strikewatch_dead_letters_failed") == 1 and worker.metric("strikewatch_dead_letters") == 0
        [line] = [line for line in worker.log.read_text().splitlines() if "could not be sent" in line]
        assert "dead letter articles[" in line and "]@0 could not be sent to no such topic!" in line
        wait_for(lambda: caught_up(bootstrap), timeout=60, what="the offsets committed past the unsendable letter")
        assert worker.process.poll() is None
