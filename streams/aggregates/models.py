"""The `aggregates` topic: one region's daily bucket, latest value per key wins."""

from __future__ import annotations

import faust


class Range(faust.Record, serializer="json"):
    low: int
    best: int
    high: int


class Incident(faust.Record, serializer="json"):
    incident_id: str
    place: str | None
    reports: int
    killed: Range
    wounded: Range
    event_ids: list[str]
    article_ids: list[str]
    event_type: str | None = None
    evidence: list[str] | None = None


class Aggregate(faust.Record, serializer="json"):
    schema_version: int
    region: str
    region_name: str | None
    country: str
    date: str
    strikes: int
    reports: int
    killed: Range
    wounded: Range
    updated_at: str
    incidents: list[Incident] | None = None
