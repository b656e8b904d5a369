"""The `events` topic: one strike incident as one article reports it."""

from __future__ import annotations

import faust


class Location(faust.Record, serializer="json"):
    place: str | None
    country: str
    admin1_code: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None
    precision: str


class Evidence(faust.Record, serializer="json"):
    text: str
    start: int
    end: int


class ExtractorInfo(faust.Record, serializer="json"):
    name: str
    version: str


class Event(faust.Record, serializer="json"):
    schema_version: int
    event_id: str
    article_id: str
    source: str | None
    url: str | None
    published_at: str
    occurred_on: str
    date_precision: str
    event_type: str
    weapons: list[str]
    actor: str | None
    location: Location
    killed: int | None
    wounded: int | None
    killed_is_lower_bound: bool
    wounded_is_lower_bound: bool
    launched: int | None
    intercepted: int | None
    background: bool
    evidence: list[Evidence]
    extractor: ExtractorInfo
    published_at_fallback: bool = False
    date_basis: str | None = None  # stated | same_day | reported | published | toll_update


def event_key(event: dict) -> str:
    """Events are keyed by region so that one region's buckets live on one partition."""
    location = event["location"]
    return location["admin1_code"] or location["country"]
