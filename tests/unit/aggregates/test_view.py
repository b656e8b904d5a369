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


def test_watch_shows_n_r_for_unreported_and_a_sign_for_lower_bounds():
    from rich.console import Console

    from streams.aggregates.commands import render

    view = RollingView()
    view.apply("UA-63|2025-03-01", {"region": "UA-63", "region_name": "Kharkiv Oblast", "country": "UA",
                                    "date": "2025-03-01", "strikes": 1, "reports": 1,
                                    "killed": {"low": 5, "best": 5, "high": 5}, "killed_unreported": 0,
                                    "killed_lower_bound": True, "wounded": {"low": 0, "best": 0, "high": 0},
                                    "wounded_unreported": 1, "wounded_lower_bound": False})
    console = Console(record=True, width=140)
    console.print(render(view.snapshot("7d")))
    row = next(line for line in console.export_text().splitlines() if "UA-63" in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[4:6] == ["≥5", "n/r"]  # killed, wounded: never "0 (0–0)" for a figure nobody gave
