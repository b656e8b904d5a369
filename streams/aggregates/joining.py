"""A toll update joins its strike: which region-day bucket a report lives in.

Death tolls rise for days after a big strike, and the follow-ups that report them often give no
day for the strike itself: 'on November 23 it became known that the toll in Ternopil had risen
to 34'. The extractor dates such a report by the day the toll was told (the labelling rule) and
marks it ``date_basis: "toll_update"``. Left on that day, it would be a second strike.

The rule, a pure function of the region's reports (so any arrival order, a redelivery or a
restart gives the same buckets): a toll update with a place lives in the bucket of the latest
day, from its own day back ``window`` days, on which its region has a report of the same place
whose day the text gives (an *anchor*: any report that is not itself a toll update); with no
such day it stays on its own. Two strikes of one town on different stated days are both anchors
and never join each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from streams.aggregates.buckets import with_report, without_report

TOLL_UPDATE = "toll_update"

Buckets = Callable[[str], dict | None]  # day (YYYY-MM-DD) -> the region's bucket of that day, or None


def is_toll_update(report: dict) -> bool:
    """A placed report dated only by when its toll became known: it may join an earlier strike."""
    return report.get("date_basis") == TOLL_UPDATE and bool(report.get("place"))


def is_anchor(report: dict, place: str) -> bool:
    """A report of `place` whose day is the strike's own (stated, 'overnight', or the only day known)."""
    return report.get("date_basis") != TOLL_UPDATE and (report.get("place") or "").casefold() == place.casefold()


def own_day(report: dict, bucket_day: str) -> str:
    """The day the report's event names (a bucket written before reports kept it: the bucket's day)."""
    return report.get("occurred_on") or bucket_day


def home_day(report: dict, bucket_of: Buckets, window: int) -> str:
    """The day whose bucket holds `report`: its own, or for a toll update the latest anchored day in reach."""
    own = report["occurred_on"]
    if not is_toll_update(report):
        return own
    for day in days_back(own, window):
        bucket = bucket_of(day)
        if bucket and any(is_anchor(r, report["place"]) for r in bucket["reports"].values()):
            return day
    return own


def days_back(day: str, window: int) -> list[str]:
    """`day` and the `window` days before it, newest first."""
    start = date.fromisoformat(day)
    return [(start - timedelta(days=n)).isoformat() for n in range(window + 1)]


def days_after(day: str, window: int) -> list[str]:
    """The `window` days after `day`, oldest first."""
    start = date.fromisoformat(day)
    return [(start + timedelta(days=n)).isoformat() for n in range(1, window + 1)]


def strays(anchor: dict, anchor_day: str, bucket_of: Buckets, window: int) -> Iterator[tuple[str, dict, str]]:
    """(day, report, home day): the toll updates of the anchor's place sitting in a later bucket that belong
    on an earlier day now (an update published, or processed, before the strike it counts)."""
    place = anchor.get("place")
    if not place or is_toll_update(anchor):
        return
    for day in days_after(anchor_day, window):
        bucket = bucket_of(day)
        for report in (bucket or {"reports": {}})["reports"].values():
            if not is_toll_update(report) or report["place"].casefold() != place.casefold():
                continue
            home = home_day({**report, "occurred_on": own_day(report, day)}, bucket_of, window)
            if home != day:
                yield day, report, home


def place_report(report: dict, meta: dict, table: Buckets, window: int) -> tuple[str, dict[str, dict | None]]:
    """(the day whose bucket holds `report`, every bucket it changes by day: None for one left empty).

    Besides folding the report into its home bucket, it takes a copy of the same event out of another
    day of its reach (a corrected report the extractor now dates otherwise), and, for an anchor, brings
    in the toll updates of its place that arrived first and sit on their own later day. `table` is read
    only; applying the changes is the caller's.
    """
    changes: dict[str, dict | None] = {}

    def bucket_of(day: str) -> dict | None:
        return changes[day] if day in changes else table(day)

    home = home_day(report, bucket_of, window)
    for day in days_back(report["occurred_on"], window):
        other = bucket_of(day)
        if day != home and other and report["event_id"] in other["reports"]:
            changes[day] = without_report(other, report["event_id"])
    changes[home], _ = with_report(bucket_of(home), report, meta)
    for day, stray, to in list(strays(report, home, bucket_of, window)):
        changes[day] = without_report(bucket_of(day), stray["event_id"])
        changes[to], _ = with_report(bucket_of(to), stray, meta)
    return home, changes
