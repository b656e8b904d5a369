"""Issue 6's bad-input catalogue, each published to `articles` on a real broker: a dead letter with a
machine-readable error and a useful detail, or a correct result; the worker keeps going, and
consumed = processed + dead-lettered."""

from __future__ import annotations

import orjson
import pytest

from streams.process import wait_for
from streams.schemas import validate
from tests.integration.kafka_io import publish_raw, read_topic

pytestmark = pytest.mark.integration

STRIKE = "A Russian missile hit an apartment block in Sumy on Sunday, killing two people, the governor said."
LIMIT = 200_000  # the worker fixture's STRIKEWATCH_MAX_ARTICLE_BYTES

DEAD = {  # key -> (raw message, expected error, a word the detail must contain)
    "bad-not-json": (b"this is {not json", "not_json", "JSON"),
    "bad-array": (b'["text", "a list"]', "not_an_object", "list"),
    "bad-number": (b"42", "not_an_object", "int"),
    "bad-no-text": (orjson.dumps({"title": "no body"}), "schema_violation", "text"),
    "bad-empty-text": (orjson.dumps({"text": ""}), "schema_violation", "text"),
    "bad-blank-text": (orjson.dumps({"text": "   \n "}), "schema_violation", "text"),
    "bad-text-type": (orjson.dumps({"text": 123}), "schema_violation", "text"),
    "bad-title-type": (orjson.dumps({"text": STRIKE, "title": 5}), "schema_violation", "title"),
    "bad-language-type": (orjson.dumps({"text": STRIKE, "language": ["en"]}), "schema_violation", "language"),
    "bad-date-type": (orjson.dumps({"text": STRIKE, "published_at": 1717999999}), "schema_violation", "published_at"),
    "bad-utf8": (b'{"text": "caf\xe9 \xff\xfe"}', "not_json", "UTF-8"),
    "bad-too-large": (orjson.dumps({"text": "word " * (LIMIT // 4)}), "too_large", "limit"),
    "bad-deep": (b'{"text": "x", "extra": ' + b"[" * 5000 + b"]" * 5000 + b"}", "not_json", "deeply"),
}
GOOD = {
    # the text dates itself, so the message-time fallback (today) does not date the event
    "ok-bad-date": {"text": STRIKE.replace("on Sunday", "on June 8, 2025"), "published_at": "last Sunday-ish",
                    "id": "ok-bad-date"},
    "ok-html": {"id": "ok-html", "published_at": "2025-06-09T10:00:00Z",
                "text": "<html><body><p>A Russian <b>missile</b> hit an apartment block in <a href='/x'>Sumy</a> on "
                        "Sunday, killing two people &amp; wounding five.</p><script>var x = 1;</script></body></html>"},
    "ok-french": {"id": "ok-french", "published_at": "2025-06-09T10:00:00Z",
                  "text": "Un missile russe a frappé un immeuble à Soumy dimanche, tuant deux personnes, selon le gouverneur."},
    "ok-unknown-fields": {"id": "ok-unknown-fields", "published_at": "2025-06-09T10:00:00Z", "text": STRIKE,
                          "schema_version": 7, "sentiment": {"score": -0.9}, "tags": ["war"]},
}


def test_every_bad_input_is_dead_lettered_or_handled_and_nothing_is_lost(worker):
    bootstrap = worker["env"]["KAFKA_BOOTSTRAP_SERVERS"]
    process = worker["process"]
    before = {name: process.metric(f"strikewatch_{name}") for name in ("articles_consumed", "articles_processed",
                                                                     "dead_letters")}
    publish_raw(bootstrap, "articles", [(key.encode(), raw) for key, (raw, _, _) in DEAD.items()]
                + [(key.encode(), orjson.dumps(article)) for key, article in GOOD.items()], max_request_size=4 * LIMIT)

    total = len(DEAD) + len(GOOD)
    wait_for(lambda: process.metric("strikewatch_articles_processed") + process.metric("strikewatch_dead_letters")
             >= before["articles_processed"] + before["dead_letters"] + total, timeout=120, what="the catalogue handled")

    letters = {}
    for _, value in read_topic(bootstrap, "deadletter"):
        letter = orjson.loads(value)
        validate("deadletter", letter)
        letters[letter["key"]] = letter
    for key, (_, error, word) in DEAD.items():
        assert key in letters, f"{key}: no dead letter"
        assert letters[key]["error"] == error, (key, letters[key])
        assert word.lower() in letters[key]["detail"].lower(), (key, letters[key]["detail"])
        assert letters[key]["source_topic"] == "articles" and letters[key]["offset"] is not None
    assert letters["bad-utf8"]["payload_encoding"] == "base64"
    assert not set(GOOD) & set(letters)

    events = {}
    for _, value in read_topic(bootstrap, "events"):
        event = orjson.loads(value)
        events.setdefault(event["article_id"], []).append(event)
    [fallback] = events["ok-bad-date"]
    assert fallback["published_at_fallback"] is True  # the message time stood in, and the event says so
    [html] = events["ok-html"]
    assert (html["location"]["admin1_code"], html["killed"], html["wounded"]) == ("UA-59", 2, 5)
    assert all("<" not in e["text"] for e in html["evidence"])
    assert "ok-french" not in events  # not English: processed, no events
    assert [e["killed"] for e in events["ok-unknown-fields"]] == [2]

    consumed = process.metric("strikewatch_articles_consumed") - before["articles_consumed"]
    handled = (process.metric("strikewatch_articles_processed") - before["articles_processed"]
               + process.metric("strikewatch_dead_letters") - before["dead_letters"])
    assert consumed == handled == total
