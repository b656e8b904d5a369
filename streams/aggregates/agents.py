"""The aggregator: `events` -> daily buckets per region (a Faust table) -> `aggregates`.

Events arrive keyed by region, so a region's buckets live on one partition and one
worker. Buckets keep reports by event_id: a redelivered event is a no-op.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

import orjson

from streams import metrics
from streams.aggregates.buckets import report_of, summarize
from streams.app import aggregates_topic, app, events_topic, settings
from streams.articles.agents import send_dead_letter
from streams.errors import InvalidMessage
from streams.schemas import decode, validate

logger = logging.getLogger(__name__)

buckets = app.Table("buckets", default=None, partitions=settings.partitions)


def bucket_key(event: dict) -> str | None:
    """'UA-63|2024-01-02', or None for events that no daily regional bucket can hold."""
    location = event["location"]
    if not location["admin1_code"] or event["date_precision"] != "day":
        return None
    return f"{location['admin1_code']}|{event['occurred_on']}"


def apply_event(bucket: dict | None, event: dict) -> tuple[dict, bool]:
    """(new bucket, changed?) after folding one event report in."""
    bucket = dict(bucket or {"reports": {}})
    report = report_of(event)
    if bucket["reports"].get(event["event_id"]) == report:
        return bucket, False
    bucket["reports"] = {**bucket["reports"], event["event_id"]: report}
    bucket["meta"] = {"region_name": event["location"]["admin1_name"], "country": event["location"]["country"]}
    return bucket, True


def expired_keys(keys: list[str], retention_days: int, newest: date | None = None) -> list[str]:
    """Bucket keys more than `retention_days` older than `newest` (default: the newest day among them)."""
    days = {key: date.fromisoformat(key.rsplit("|", 1)[1]) for key in keys}
    if not days:
        return []
    cutoff = (newest or max(days.values())) - timedelta(days=retention_days)
    return [key for key, day in days.items() if day < cutoff]


async def prune_region(region: str, newest: date) -> None:
    """Drop `region`'s buckets past the retention, and tell readers (a tombstone on `aggregates`).

    Called while processing an event of that region: Faust writes a table deletion to the
    changelog partition of the event at hand, which is the region's own (events are keyed by region).
    """
    keys = [key for key in buckets.keys() if key.startswith(f"{region}|")]
    for key in expired_keys(keys, settings.retention_days, newest):
        del buckets[key]
        await aggregates_topic.send(key=key.encode(), value=None)
        logger.info("dropped bucket %s (older than %d days)", key, settings.retention_days)


@app.agent(events_topic)
async def aggregate(stream):
    newest: date | None = None
    pruned: dict[str, date] = {}  # region -> the newest day its buckets were last pruned against
    async for message_event in stream.events():
        message = message_event.message
        metrics.events_consumed.inc()
        try:
            event = decode(message.value)
            validate("event", event)
        except InvalidMessage as error:
            await send_dead_letter(error, message, settings.topic_events)
            continue
        key = bucket_key(event)
        if key is None:
            metrics.events_unbucketed.inc()
            continue
        day = date.fromisoformat(event["occurred_on"])
        newest = max(newest or day, day)
        region = event["location"]["admin1_code"]
        if pruned.get(region) != newest:
            pruned[region] = newest
            await prune_region(region, newest)
        if day < newest - timedelta(days=settings.retention_days):
            metrics.events_unbucketed.inc()
            continue
        bucket, changed = apply_event(buckets.get(key), event)
        if changed:
            buckets[key] = bucket
        else:
            # A redelivery. Its first processing may have died after the table's changelog write
            # but before the summary below reached `aggregates`, so the summary is sent again.
            metrics.events_redelivered.inc()
        summary = summarize(region, bucket["meta"]["region_name"], bucket["meta"]["country"], event["occurred_on"],
                            list(bucket["reports"].values()))
        validate("aggregate", summary)
        await aggregates_topic.send(key=key.encode(), value=orjson.dumps(summary))
