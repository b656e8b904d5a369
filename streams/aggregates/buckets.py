"""Incidents, not reports: folding event reports into one region's daily bucket.

A bucket holds every report (event) of one region and day, by event_id, so that the
summary is recomputed from scratch: the same event twice changes nothing, a higher toll
moves best/high by exactly the difference, and arrival order never matters.

Unknown is not zero: an incident whose reports give no figure has ``killed: null`` and is
counted in the bucket's ``killed_unreported`` instead of adding 0 to the sums.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, date, datetime, timedelta

FIGURES = ("killed", "wounded")
EVIDENCE_CHARS = 400
PRECISION_RANK = {"place": 0, "admin1": 1, "country": 2}


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
    meta = {"region_name": event["location"]["admin1_name"], "country": event["location"]["country"]}
    return with_report(bucket, report_of(event), meta)


def with_report(bucket: dict | None, report: dict, meta: dict | None = None) -> tuple[dict, bool]:
    """(new bucket, changed?) with `report` in it; `meta` (region name, country) for a new bucket."""
    bucket = dict(bucket or {"reports": {}})
    if bucket["reports"].get(report["event_id"]) == report:
        return bucket, False
    bucket["reports"] = {**bucket["reports"], report["event_id"]: report}
    bucket["meta"] = meta or bucket["meta"]
    return bucket, True


def without_report(bucket: dict, event_id: str) -> dict | None:
    """The bucket with one report taken out (it moved to another day), or None when none is left."""
    reports = {k: r for k, r in bucket["reports"].items() if k != event_id}
    return {**bucket, "reports": reports} if reports else None


def retention_cutoff(newest: date, retention_days: int) -> date:
    """The oldest day a region keeps when its newest event is on `newest`."""
    return newest - timedelta(days=retention_days)


def expired_keys(keys: list[str], cutoff: date) -> list[str]:
    """The bucket keys ('REGION|YYYY-MM-DD') of days before `cutoff`."""
    return [key for key in keys if date.fromisoformat(key.rsplit("|", 1)[1]) < cutoff]


def report_of(event: dict) -> dict:
    """The part of an event a bucket keeps (enough to rebuild its incident's merged view)."""
    location = event["location"]
    return {
        "event_id": event["event_id"],
        "article_id": event["article_id"],
        "source": event["source"],
        "url": event["url"],
        "published_at": event["published_at"],
        "occurred_on": event["occurred_on"],  # the day it names: a toll update may live in an earlier bucket
        "date_basis": event.get("date_basis"),  # how that day was found (absent from older extractors)
        "place": location["place"],
        "lat": location["lat"],
        "lon": location["lon"],
        "precision": location["precision"],
        "event_type": event["event_type"],
        "weapons": event["weapons"],
        "actor": event["actor"],
        "killed": event["killed"],
        "wounded": event["wounded"],
        "killed_lower_bound": event["killed_is_lower_bound"],
        "wounded_lower_bound": event["wounded_is_lower_bound"],
        "evidence": [{**e, "text": e["text"][:EVIDENCE_CHARS]} for e in event["evidence"][:3]],
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


def figure_range(reports: list[dict], field: str) -> dict | None:
    """low/high over the reports that state a figure; best = the latest published one's; None if none does.

    ``lower_bound`` is the best figure's own ('at least 21'): it is what a reader sees.
    """
    stated = [r for r in reports if r[field] is not None]
    if not stated:
        return None
    latest = max(stated, key=lambda r: (r["published_at"], r["event_id"]))
    values = [r[field] for r in stated]
    return {"low": min(values), "best": latest[field], "high": max(values),
            "lower_bound": bool(latest.get(f"{field}_lower_bound", False))}


def incident_id(region: str, day: str, place: str | None) -> str:
    return hashlib.sha1(f"{region}|{day}|{(place or '').casefold()}".encode()).hexdigest()[:16]


def incident_ids(region: str, day: str, reports: list[dict]) -> set[str]:
    """The ids of the incidents these reports make (to tombstone one that a regrouping dissolved)."""
    return {incident_id(region, day, _place(group)) for group in group_incidents(reports)}


def incidents_of(region: str, region_name: str | None, country: str, day: str, reports: list[dict]) -> list[dict]:
    """Each incident's merged view: the messages of the `incidents` topic."""
    now = datetime.now(UTC).isoformat()
    return [_merged(region, region_name, country, day, group, now) for group in group_incidents(reports)]


def _place(group: list[dict]) -> str | None:
    return next((r["place"] for r in group if r["place"]), None)


def _merged(region: str, region_name: str | None, country: str, day: str, group: list[dict], now: str) -> dict:
    located = sorted((r for r in group if r.get("lat") is not None and r.get("lon") is not None),
                     key=lambda r: (PRECISION_RANK.get(r.get("precision"), 3), r["event_id"]))
    actors = Counter(r.get("actor") for r in group if r.get("actor"))
    place = _place(group)
    return {
        "incident_id": incident_id(region, day, place),
        "date": day,
        "region": region,
        "region_name": region_name,
        "country": country,
        "place": place,
        "lat": located[0]["lat"] if located else None,
        "lon": located[0]["lon"] if located else None,
        "precision": located[0].get("precision", "admin1") if located else "admin1",
        "event_type": max((r["event_type"] for r in group), key=lambda t: t != "strike_unspecified"),
        "weapons": sorted({w for r in group for w in r.get("weapons", [])}),
        "actor": actors.most_common(1)[0][0] if actors else None,
        "killed": figure_range(group, "killed"),
        "wounded": figure_range(group, "wounded"),
        "reports": [{
            "event_id": r["event_id"], "article_id": r["article_id"], "source": r.get("source"), "url": r.get("url"),
            "published_at": r["published_at"], "killed": r["killed"], "wounded": r["wounded"],
            "evidence": _evidence(r), **{k: r[k] for k in ("occurred_on", "date_basis") if k in r},
        } for r in sorted(group, key=lambda r: (r["published_at"], r["event_id"]))],
        "updated_at": now,
    }


def _evidence(report: dict) -> list[dict]:
    evidence = report["evidence"]
    if isinstance(evidence, str):  # buckets written before reports kept the sentence's offsets
        return [{"text": evidence, "start": 0, "end": len(evidence)}] if evidence else []
    return evidence


def summarize(region: str, region_name: str | None, country: str, day: str, reports: list[dict],
              incidents: list[dict] | None = None) -> dict:
    """The bucket's `aggregates` message: sums over the incidents that reported a figure, and counts of the rest."""
    if incidents is None:
        incidents = incidents_of(region, region_name, country, day, reports)
    summary = {
        "schema_version": 1,
        "region": region,
        "region_name": region_name,
        "country": country,
        "date": day,
        "strikes": len(incidents),
        "reports": len(reports),
    }
    for field in FIGURES:
        stated = [i[field] for i in incidents if i[field] is not None]
        summary[field] = {k: sum(r[k] for r in stated) for k in ("low", "best", "high")}
        summary[f"{field}_unreported"] = len(incidents) - len(stated)
        summary[f"{field}_lower_bound"] = any(r["lower_bound"] for r in stated)
    summary["incidents"] = [{
        "incident_id": i["incident_id"],
        "place": i["place"],
        "event_type": i["event_type"],
        "reports": len(i["reports"]),
        "killed": i["killed"],
        "wounded": i["wounded"],
        "event_ids": sorted(r["event_id"] for r in i["reports"]),
        "article_ids": sorted({r["article_id"] for r in i["reports"]}),
        "evidence": sorted({e["text"] for r in i["reports"] for e in r["evidence"][:1]})[:5],
    } for i in incidents]
    summary["updated_at"] = datetime.now(UTC).isoformat()
    return summary
