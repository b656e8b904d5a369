"""The `incidents` topic: one incident's merged view (all its reports), latest value per key wins."""

from __future__ import annotations

import faust

from streams.aggregates.models import Range
from streams.events.models import Evidence


class Report(faust.Record, serializer="json"):
    """One event message (one article's account) merged into the incident."""

    event_id: str
    article_id: str
    source: str | None
    url: str | None
    published_at: str
    killed: int | None
    wounded: int | None
    evidence: list[Evidence]
    occurred_on: str | None = None  # the day the event names (a toll update's: later than the incident's)
    date_basis: str | None = None


class Incident(faust.Record, serializer="json"):
    incident_id: str
    date: str
    region: str
    region_name: str | None
    country: str
    place: str | None
    lat: float | None
    lon: float | None
    precision: str
    event_type: str
    weapons: list[str]
    actor: str | None
    killed: Range | None  # None: no report gave a figure (not reported is not zero)
    wounded: Range | None
    reports: list[Report]
    updated_at: str
