"""The aggregator's retention rule (the agent itself runs against a real broker in tests/integration)."""

from __future__ import annotations

from streams.aggregates.agents import expired_keys


def test_expired_keys_follow_event_time_not_the_clock():
    keys = ["UA-63|2025-05-04", "UA-63|2024-03-01", "UA-30|2024-03-29", "UA-30|2024-03-30"]  # cutoff: 2024-03-30
    assert expired_keys(keys, 400) == ["UA-63|2024-03-01", "UA-30|2024-03-29"]
    assert expired_keys([], 400) == []
