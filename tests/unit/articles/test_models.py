"""An article's published_at: as given, else the message time; an `ingest` guess stays marked as one."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from streams.articles.models import parse_article

TEXT = "A drone struck a depot near Sumy on Monday."


def parsed(record: dict):
    return parse_article(orjson.dumps(record), timestamp=1773130500.0, max_bytes=10_000)


def test_a_stated_date_is_used_and_not_flagged():
    article, fallback = parsed({"text": TEXT, "published_at": "2026-03-10T08:15:00Z"})
    assert (article.published_at, fallback) == (datetime(2026, 3, 10, 8, 15, tzinfo=UTC), False)


def test_without_a_date_the_message_time_is_used_as_the_contract_says():
    article, fallback = parsed({"text": TEXT})
    assert (article.published_at, fallback) == (datetime.fromtimestamp(1773130500.0, UTC), False)


def test_a_fetch_time_that_ingest_flagged_stays_flagged():
    article, fallback = parsed({"text": TEXT, "published_at": "2026-03-20T09:30:15Z", "published_at_fallback": True})
    assert (article.published_at, fallback) == (datetime(2026, 3, 20, 9, 30, 15, tzinfo=UTC), True)
