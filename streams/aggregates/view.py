"""The read side: rolling 1d/7d/30d windows over the latest daily buckets.

Fed from the `aggregates` topic (latest value per key wins); used by the HTTP API,
the dashboard and `strikewatch watch` alike.
"""

from __future__ import annotations

from datetime import date, timedelta

import orjson

from streams.aggregates.buckets import FIGURES

WINDOWS = {"1d": 1, "7d": 7, "30d": 30}
SPARK_DAYS = 14


class RollingView:
    def __init__(self) -> None:
        self.buckets: dict[str, dict] = {}
        self.version = 0  # bumps on every change; lets pollers skip unchanged snapshots

    def apply_message(self, key: bytes, value: bytes | None) -> None:
        """An `aggregates` message as it comes off the topic (a tombstone drops the bucket)."""
        self.apply(key.decode(), orjson.loads(value) if value is not None else None)

    def apply(self, key: str, value: dict | None) -> None:
        if value is None:
            self.buckets.pop(key, None)
        else:
            self.buckets[key] = value
        self.version += 1

    @property
    def strikes(self) -> int:
        """Incidents over all buckets."""
        return sum(b["strikes"] for b in self.buckets.values())

    @property
    def newest_date(self) -> date | None:
        return max((date.fromisoformat(b["date"]) for b in self.buckets.values()), default=None)

    def snapshot(self, window: str = "7d", as_of: date | None = None) -> dict:
        """Per-region totals over the window ending at as_of (default: newest event date)."""
        if window not in WINDOWS:
            raise ValueError(f"window must be one of {', '.join(WINDOWS)}")
        days = WINDOWS[window]
        end = as_of or self.newest_date
        if end is None:
            return {"window": window, "as_of": None, "regions": []}
        start = end - timedelta(days=days - 1)
        previous_start = start - timedelta(days=days)
        regions: dict[str, dict] = {}
        for bucket in self.buckets.values():
            day = date.fromisoformat(bucket["date"])
            row = regions.setdefault(bucket["region"], _empty_row(bucket, end))
            if start <= day <= end:
                _add(row, bucket)
            elif previous_start <= day < start:
                row["previous_strikes"] += bucket["strikes"]
            offset = (end - day).days
            if 0 <= offset < SPARK_DAYS:
                row["spark"][SPARK_DAYS - 1 - offset] += bucket["strikes"]
        rows = [r for r in regions.values() if r["strikes"] or r["previous_strikes"]]
        for row in rows:
            row["change"] = row["strikes"] - row["previous_strikes"]
        rows.sort(key=lambda r: (-r["strikes"], -r["killed"]["best"], r["region"]))
        return {"window": window, "as_of": end.isoformat(), "regions": rows}

    def series(self, region: str) -> dict:
        days = sorted((b for b in self.buckets.values() if b["region"] == region), key=lambda b: b["date"])
        if not days:
            return {"region": region, "days": []}
        return {"region": region, "region_name": days[-1]["region_name"], "country": days[-1]["country"], "days": days}


def _empty_row(bucket: dict, end: date) -> dict:
    row = {"region": bucket["region"], "region_name": bucket["region_name"], "country": bucket["country"],
           "strikes": 0, "reports": 0}
    for field in FIGURES:
        row |= {field: {"low": 0, "best": 0, "high": 0}, f"{field}_unreported": 0, f"{field}_lower_bound": False}
    return row | {"previous_strikes": 0, "spark": [0] * SPARK_DAYS}


def _add(row: dict, bucket: dict) -> None:
    row["strikes"] += bucket["strikes"]
    row["reports"] += bucket["reports"]
    for field in FIGURES:
        for k in ("low", "best", "high"):
            row[field][k] += bucket[field][k]
        # .get: buckets published before the unreported counts existed
        row[f"{field}_unreported"] += bucket.get(f"{field}_unreported", 0)
        row[f"{field}_lower_bound"] |= bucket.get(f"{field}_lower_bound", False)


def figure_text(total: dict, unreported: int, lower_bound: bool, incidents: int, *, ranges: bool = True) -> str:
    """How a window's or bucket's figure reads: 'n/r' when no incident reported one, '≥' for a lower bound,
    and how many incidents did not report when some did not ('5 (3–5) +1 n/r')."""
    if incidents and unreported >= incidents:
        return "n/r"
    text = ("≥" if lower_bound else "") + str(total["best"])
    if ranges and total["low"] != total["high"]:
        text += f" ({total['low']}–{total['high']})"
    if unreported:
        text += f" +{unreported} n/r"
    return text
