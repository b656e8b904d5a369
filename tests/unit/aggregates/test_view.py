from __future__ import annotations

import orjson

from streams.aggregates.view import RollingView


def _bucket(region: str, day: str, strikes: int) -> bytes:
    return orjson.dumps({"region": region, "region_name": region, "country": "UA", "date": day, "strikes": strikes})


def test_the_strike_total_follows_updates_and_tombstones():
    view = RollingView()
    view.apply_message(b"UA-63|2025-03-01", _bucket("UA-63", "2025-03-01", 2))
    view.apply_message(b"UA-30|2025-03-01", _bucket("UA-30", "2025-03-01", 1))
    view.apply_message(b"UA-63|2025-03-01", _bucket("UA-63", "2025-03-01", 3))  # a newer summary of the same bucket
    assert view.strikes == 4
    view.apply_message(b"UA-63|2025-03-01", None)
    view.apply_message(b"UA-51|2025-03-01", None)  # a tombstone for a bucket never seen
    assert view.strikes == 1 == sum(b["strikes"] for b in view.buckets.values())
