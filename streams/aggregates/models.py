"""The `aggregates` topic: one region's daily bucket, latest value per key wins."""

from __future__ import annotations

import faust


class Range(faust.Record, serializer="json"):
    """Summed figures; `lower_bound` only on one incident's own range ('at least 21')."""

    low: int
    best: int
    high: int
    lower_bound: bool | None = None


class BucketIncident(faust.Record, serializer="json"):
    """An incident as its bucket lists it (the full merged view is on the `incidents` topic)."""

    incident_id: str
    place: str | None
    reports: int
    killed: Range | None  # None: no report gave a figure
    wounded: Range | None
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
    killed: Range  # sums over the incidents that reported a figure
    wounded: Range
    killed_unreported: int  # incidents with no killed figure at all
    wounded_unreported: int
    killed_lower_bound: bool  # some summed figure was 'at least N'
    wounded_lower_bound: bool
    updated_at: str
    incidents: list[BucketIncident] | None = None
