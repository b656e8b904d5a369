"""What /api/incidents and its exports accept, and the formats they answer in (GeoJSON, CSV).

Parsing refuses anything malformed with InvalidQuery (the API's 400), so a typo in a filter
never silently returns everything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from streams.errors import InvalidQuery
from streams.incidents.store import Query

EVENT_TYPES = ("missile_strike", "drone_strike", "air_strike", "shelling", "strike_unspecified")
PAGE_LIMIT = (100, 1000)  # (default, max) incidents per /api/incidents page
EXPORT_LIMIT = (10_000, 100_000)  # (default, max) incidents per export
REGION = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
COUNTRY = re.compile(r"[A-Z]{2}")

#: The CSV export's columns, in order (README documents them). Empty cell = not reported.
CSV_COLUMNS = ("incident_id", "date", "country", "region", "region_name", "place", "lat", "lon", "precision",
               "event_type", "weapons", "actor", "killed_low", "killed_best", "killed_high", "killed_lower_bound",
               "wounded_low", "wounded_best", "wounded_high", "wounded_lower_bound", "reports", "sources", "urls",
               "updated_at")


@dataclass(frozen=True)
class Request:
    query: Query
    limit: int
    cursor: str | None


def parse(params: Mapping[str, str], *, limits: tuple[int, int] = PAGE_LIMIT) -> Request:
    start, end = _date(params, "from"), _date(params, "to")
    if start and end and start > end:
        raise InvalidQuery("from must not be after to")
    country = _match(params, "country", COUNTRY, "a two-letter ISO 3166-1 code, e.g. UA")
    region = _match(params, "region", REGION, "an ISO 3166-2 code, e.g. UA-63")
    kind = params.get("type") or None
    if kind is not None and kind not in EVENT_TYPES:
        raise InvalidQuery(f"type must be one of {', '.join(EVENT_TYPES)}")
    default, most = limits
    try:
        limit = int(params.get("limit") or default)
    except ValueError:
        raise InvalidQuery("limit must be an integer") from None
    if not 1 <= limit <= most:
        raise InvalidQuery(f"limit must be between 1 and {most}")
    return Request(Query(start, end, country, region, kind), limit, params.get("cursor") or None)


def _date(params: Mapping[str, str], name: str) -> str | None:
    text = params.get(name) or None
    if text is None:
        return None
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise InvalidQuery(f"{name} must be a date, YYYY-MM-DD") from None


def _match(params: Mapping[str, str], name: str, pattern: re.Pattern, what: str) -> str | None:
    text = params.get(name) or None
    if text is None:
        return None
    if not pattern.fullmatch(text.upper()):
        raise InvalidQuery(f"{name} must be {what}")
    return text.upper()


def feature_collection(incidents: list[dict]) -> dict:
    """RFC 7946: one Point per incident, [lon, lat]; an incident with no coordinates has a null geometry."""
    features = []
    for incident in incidents:
        located = incident["lat"] is not None and incident["lon"] is not None
        properties = {k: v for k, v in incident.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": incident["incident_id"],
                         "geometry": {"type": "Point", "coordinates": [incident["lon"], incident["lat"]]} if located else None,
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def csv_text(incidents: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    for incident in incidents:
        writer.writerow(_csv_row(incident))
    return out.getvalue()


def _csv_row(incident: dict) -> list:
    row = {k: incident.get(k) for k in ("incident_id", "date", "country", "region", "region_name", "place", "lat", "lon",
                                        "precision", "event_type", "actor", "updated_at")}
    row["weapons"] = ";".join(incident["weapons"])
    for field in ("killed", "wounded"):
        figure = incident[field] or {}  # not reported: empty cells, never 0
        for k in ("low", "best", "high", "lower_bound"):
            row[f"{field}_{k}"] = figure.get(k)
    row["reports"] = len(incident["reports"])
    row["sources"] = ";".join(dict.fromkeys(r["source"] for r in incident["reports"] if r["source"]))
    row["urls"] = " ".join(dict.fromkeys(r["url"] for r in incident["reports"] if r["url"]))
    return ["" if row[c] is None else str(row[c]).lower() if isinstance(row[c], bool) else row[c] for c in CSV_COLUMNS]
