"""Incidents, not reports: folding event reports into one region's daily bucket.

A bucket holds every report (event) of one region and day, by event_id, so that the
summary is recomputed from scratch: the same event twice changes nothing, a higher toll
moves best/high by exactly the difference, and arrival order never matters.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta


def bucket_key(event: dict) -> tuple[str | None, str | None]:
    """('UA-63|2024-01-02', None), or (None, why no daily regional bucket can hold the event)."""
    location = event["location"]
    if not location["admin1_code"]:
        return None, "no_region"
    if event["date_precision"] != "day":
        return None, "no_day"
    return f"{location['admin1_code']}|{event['occurred_on']}", None


def apply_event(bucket: dict | None, event: dict) -> tuple[dict, bool]:
    """(new bucket, changed?) after folding one event report in."""
    bucket = dict(bucket or {"reports": {}})
    report = report_of(event)
    if bucket["reports"].get(event["event_id"]) == report:
        return bucket, False
    bucket["reports"] = {**bucket["reports"], event["event_id"]: report}
    bucket["meta"] = {"region_name": event["location"]["admin1_name"], "country": event["location"]["country"]}
    return bucket, True


def retention_cutoff(newest: date, retention_days: int) -> date:
    """The oldest day a region keeps when its newest event is on `newest`."""
    return newest - timedelta(days=retention_days)


def expired_keys(keys: list[str], cutoff: date) -> list[str]:
    """The bucket keys ('REGION|YYYY-MM-DD') of days before `cutoff`."""
    return [key for key in keys if date.fromisoformat(key.rsplit("|", 1)[1]) < cutoff]


def report_of(event: dict) -> dict:
    """The part of an event a bucket keeps."""
    return {
        "event_id": event["event_id"],
        "article_id": event["article_id"],
        "place": event["location"]["place"],
        "published_at": event["published_at"],
        "killed": event["killed"],
        "wounded": event["wounded"],
        "event_type": event["event_type"],
        "evidence": event["evidence"][0]["text"][:400] if event["evidence"] else "",
    }


def group_incidents(reports: list[dict]) -> list[list[dict]]:
    """Same place = same incident; a report with no place joins the day's one placed incident."""
    by_place: dict[str, list[dict]] = {}
    unplaced: list[dict] = []
    for report in sorted(reports, key=lambda r: r["event_id"]):
        if report["place"]:
            by_place.setdefault(report["place"].casefold(), []).append(report)
        else:
            unplaced.append(report)
    groups = list(by_place.values())
    if unplaced:
        if len(groups) == 1:
            groups[0].extend(unplaced)
        else:
            groups.append(unplaced)
    return groups


def figure_range(reports: list[dict], field: str) -> dict:
    """low/high over the reports that state a figure; best = the latest published one's."""
    stated = [r for r in reports if r[field] is not None]
    if not stated:
        return {"low": 0, "best": 0, "high": 0}
    latest = max(stated, key=lambda r: (r["published_at"], r["event_id"]))
    values = [r[field] for r in stated]
    return {"low": min(values), "best": latest[field], "high": max(values)}


def summarize(region: str, region_name: str | None, country: str, day: str, reports: list[dict]) -> dict:
    incidents = []
    for group in group_incidents(reports):
        place = next((r["place"] for r in group if r["place"]), None)
        incidents.append({
            "incident_id": hashlib.sha1(f"{region}|{day}|{(place or '').casefold()}".encode()).hexdigest()[:16],
            "place": place,
            "event_type": max((r["event_type"] for r in group), key=lambda t: t != "strike_unspecified"),
            "reports": len(group),
            "killed": figure_range(group, "killed"),
            "wounded": figure_range(group, "wounded"),
            "event_ids": sorted(r["event_id"] for r in group),
            "article_ids": sorted({r["article_id"] for r in group}),
            "evidence": sorted({r["evidence"] for r in group if r["evidence"]})[:5],
        })
    return {
        "schema_version": 1,
        "region": region,
        "region_name": region_name,
        "country": country,
        "date": day,
        "strikes": len(incidents),
        "reports": len(reports),
        "killed": _sum(incidents, "killed"),
        "wounded": _sum(incidents, "wounded"),
        "incidents": incidents,
        "updated_at": datetime.now(UTC).isoformat(),
    }


def _sum(incidents: list[dict], field: str) -> dict:
    return {k: sum(i[field][k] for i in incidents) for k in ("low", "best", "high")}
