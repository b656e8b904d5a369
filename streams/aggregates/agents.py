"""The aggregator: `events` -> daily buckets per region (a Faust table) -> `aggregates`.

Events arrive keyed by region, so a region's buckets live on one partition and one
worker. Buckets keep reports by event_id: a redelivered event is a no-op. A toll update
dated only by when it became known lives in the bucket of its place's strike a few days
earlier (streams/aggregates/joining.py), so it is not counted as a second strike.

Retention is relative to each region's newest event, as the `regions` table holds it
(recovered from its changelog like the buckets), never to this process's history: an event
that raises a region's newest day first drops (tombstones) that region's buckets older than the
retention, and an event older than the retention before its region's newest is not bucketed
(logged with its id, counted as strikewatch_events_unbucketed{reason="retention"}). So the same
events give the same buckets in any order and across restarts, and an archive replayed after
recent news of other regions is kept.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date

import orjson

from streams import metrics
from streams.aggregates.buckets import (
    bucket_key,
    expired_keys,
    incident_ids,
    incidents_of,
    report_of,
    retention_cutoff,
    summarize,
)
from streams.aggregates.joining import place_report
from streams.deadletter.policy import send_dead_letter
from streams.errors import InvalidMessage
from streams.schemas import decode, validate

logger = logging.getLogger(__name__)

class Aggregator:
    def __init__(self, app) -> None:
        self.app = app
        self.settings = app.settings
        self.aggregates = app.roles["aggregates"]
        self.incidents = app.roles["incidents"]
        self.buckets = app.Table("buckets", default=None, partitions=self.settings.partitions)
        self.regions = app.Table("regions", default=None, partitions=self.settings.partitions)  # region -> newest day

    async def handle(self, message) -> None:
        metrics.events_consumed.inc()
        try:
            event = decode(message.value)
            validate("event", event)
        except InvalidMessage as error:
            await send_dead_letter(self.app, error, message, self.settings.topic_events)
            return
        key, reason = bucket_key(event)
        if key is None:
            metrics.events_unbucketed.labels(reason).inc()
            return
        region, day = event["location"]["admin1_code"], date.fromisoformat(event["occurred_on"])
        newest = self.regions.get(region)
        if newest is None or day > date.fromisoformat(newest):
            await self.prune(region, retention_cutoff(day, self.settings.retention_days))
            self.regions[region] = day.isoformat()
        elif day < retention_cutoff(date.fromisoformat(newest), self.settings.retention_days):
            metrics.events_unbucketed.labels("retention").inc()
            logger.info("event %s (%s) not bucketed: more than %d days before %s's newest event (%s)",
                        event["event_id"], key, self.settings.retention_days, region, newest)
            return
        meta = {"region_name": event["location"]["admin1_name"], "country": event["location"]["country"]}
        home, changes = place_report(report_of(event), meta, lambda d: self.buckets.get(f"{region}|{d}"),
                                     self.settings.toll_update_days)
        key = f"{region}|{home}"
        bucket = changes.pop(home)
        await self.publish_moves(region, changes)
        previous = self.buckets.get(key)
        if bucket != previous:
            self.buckets[key] = bucket
        else:
            # A redelivery. Its first processing may have died after the table's changelog write
            # but before the summary below reached `aggregates`, so the summary is sent again.
            metrics.events_redelivered.inc()
        # after the home bucket: a report moving here is never, even for a crash between two writes, in neither
        for day, moved in sorted(changes.items(), key=lambda item: item[1] is None):
            if moved is not None:
                self.buckets[f"{region}|{day}"] = moved
            elif f"{region}|{day}" in self.buckets:
                del self.buckets[f"{region}|{day}"]
        reports = list(bucket["reports"].values())
        merged = incidents_of(region, bucket["meta"]["region_name"], bucket["meta"]["country"], home, reports)
        summary = summarize(region, bucket["meta"]["region_name"], bucket["meta"]["country"], home, reports, merged)
        validate("aggregate", summary)
        previous_reports = list((previous or {"reports": {}})["reports"].values())
        # the incident this event joined, and that of any toll update it brought in from a later day
        joined = {event["event_id"]} | bucket["reports"].keys() - {r["event_id"] for r in previous_reports}
        await self.publish_incidents(region, home, merged, previous_reports, joined)
        await self.aggregates.send(key=key.encode(), value=orjson.dumps(summary))

    async def publish_incidents(self, region: str, day: str, merged: list[dict], previous_reports: list[dict],
                                joined: set[str]) -> None:
        """The merged view of the incidents these reports joined, to `incidents` (and of every incident of the
        day when they regrouped them, with a tombstone for one that no longer exists)."""
        before = incident_ids(region, day, previous_reports)
        after = {incident["incident_id"] for incident in merged}
        for incident in merged:
            if before != after or any(r["event_id"] in joined for r in incident["reports"]):
                validate("incident", incident)
                await self.incidents.send(key=incident["incident_id"].encode(), value=orjson.dumps(incident))
        for gone in sorted(before - after):
            await self.incidents.send(key=gone.encode(), value=None)

    async def publish_moves(self, region: str, changes: dict[str, dict | None]) -> None:
        """Other days' buckets a report left or joined (a toll update moving to its strike's day): their
        summaries and incidents, a tombstone for an emptied bucket or a dissolved incident, acknowledged by
        the broker before the table changes (the caller's), so that after a crash in between the redelivered
        event finds the same moves to make and sends them again."""
        sent = []
        for day, bucket in sorted(changes.items()):
            key = f"{region}|{day}"
            before = list((self.buckets.get(key) or {"reports": {}})["reports"].values())
            after = list((bucket or {"reports": {}})["reports"].values())
            merged = incidents_of(region, bucket["meta"]["region_name"], bucket["meta"]["country"], day, after) if bucket else []
            for incident in merged:
                validate("incident", incident)
                sent.append(await self.incidents.send(key=incident["incident_id"].encode(), value=orjson.dumps(incident)))
            for gone in sorted(incident_ids(region, day, before) - {i["incident_id"] for i in merged}):
                sent.append(await self.incidents.send(key=gone.encode(), value=None))
            summary = None
            if bucket is not None:
                summary = summarize(region, bucket["meta"]["region_name"], bucket["meta"]["country"], day, after, merged)
                validate("aggregate", summary)
            sent.append(await self.aggregates.send(key=key.encode(), value=orjson.dumps(summary) if summary else None))
            logger.info("bucket %s: %d reports -> %d (a toll update moved to the day of its strike)", key, len(before), len(after))
        await asyncio.gather(*sent)

    async def prune(self, region: str, cutoff: date) -> None:
        """Drop `region`'s buckets of days before `cutoff`, and tell readers (a tombstone on `aggregates`).

        The tombstones are acknowledged by the broker before the table forgets the buckets: after a
        crash in between, the redelivered event finds them in the table and sends them again.
        Called while processing an event of that region: Faust writes a table deletion to the
        changelog partition of the event at hand, which is the region's own (events are keyed by region).
        """
        expired = expired_keys([key for key in self.buckets.keys() if key.startswith(f"{region}|")], cutoff)
        if not expired:
            return
        sent = [await self.aggregates.send(key=key.encode(), value=None) for key in expired]
        await asyncio.gather(*sent)
        for key in expired:
            del self.buckets[key]
            logger.info("dropped bucket %s (older than %s)", key, cutoff)


def register(app) -> None:
    """The aggregator agent and its tables on `app` (streams.app.StrikewatchApp)."""
    aggregator = Aggregator(app)

    @app.agent(app.roles["events"])
    async def aggregate(stream):
        async for message_event in stream.events():
            await aggregator.handle(message_event.message)
