"""The aggregator's retention rule (the agent itself runs against a real broker in tests/integration)."""

from __future__ import annotations

from datetime import date

from streams.aggregates.buckets import expired_keys, retention_cutoff


def test_expired_keys_follow_the_region_newest_event_not_the_clock():
    cutoff = retention_cutoff(date(2025, 5, 4), 400)
    assert cutoff == date(2024, 3, 30)
    keys = ["UA-63|2025-05-04", "UA-63|2024-03-01", "UA-63|2024-03-29", "UA-63|2024-03-30"]
    assert expired_keys(keys, cutoff) == ["UA-63|2024-03-01", "UA-63|2024-03-29"]
    assert expired_keys([], cutoff) == []
