"""The worker's read model: every partition of `aggregates`, `events` and `incidents`.

Each worker reads all partitions (no consumer group), so any worker's HTTP server can
answer for every region while the aggregation itself stays partitioned. Rolling windows and
the recent events are small and live in memory (rebuilt from the topics' start); the incident
history lives in SQLite in the data folder and resumes from the offsets stored with it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from streams import metrics
from streams.aggregates.view import RollingView
from streams.connection import connection
from streams.errors import InvalidMessage
from streams.incidents.store import IncidentStore
from streams.schemas import validate
from streams.settings import Settings

logger = logging.getLogger(__name__)
RECENT_EVENTS = 2000


class ReadModel:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.view = RollingView()
        self.events: deque[dict] = deque(maxlen=RECENT_EVENTS)
        self.incidents = IncidentStore(settings.data_dir / f"{settings.app_id}-incidents.sqlite3")
        self.ready = asyncio.Event()
        metrics.incidents.set_function(lambda: self.view.strikes)  # summed when /metrics is read, not per batch

    def consumer_options(self) -> dict:
        """aiokafka's options: the one connection of the settings (streams/connection.py), no group."""
        return {**connection(self.settings).aiokafka(), "enable_auto_commit": False, "group_id": None,
                "auto_offset_reset": "earliest"}

    async def run(self) -> None:
        while True:
            consumer = AIOKafkaConsumer(**self.consumer_options())
            try:
                await consumer.start()
                await self._assign(consumer)
                self.ready.set()
                while True:
                    batches = await consumer.getmany(timeout_ms=500, max_records=2000)
                    for tp, messages in batches.items():
                        self._apply(tp, messages)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker gone: keep serving what we have, reconnect with backoff
                logger.warning("read model lost the broker (%s); retrying in 2s", exc)
                await asyncio.sleep(2)
            finally:
                await consumer.stop()

    async def _assign(self, consumer: AIOKafkaConsumer) -> None:
        """Windows and events from the start; incidents from where the store stopped."""
        s = self.settings
        memory = [TopicPartition(t, p) for t in (s.topic_aggregates, s.topic_events) for p in range(s.partitions)]
        history = [TopicPartition(s.topic_incidents, p) for p in range(s.partitions)]
        consumer.assign(memory + history)
        await consumer.seek_to_beginning(*memory)
        stored = self.incidents.offsets()
        ends = await consumer.end_offsets(history)
        if any(stored.get(tp.partition, 0) > ends[tp] for tp in history):
            # The topic is shorter than what we applied: it was recreated (a new broker). Start over.
            logger.warning("the incidents topic is behind this worker's history; rebuilding it")
            self.incidents.reset()
            stored = {}
        for tp in history:
            consumer.seek(tp, stored.get(tp.partition, 0))

    def _apply(self, tp: TopicPartition, messages: list) -> None:
        if tp.topic == self.settings.topic_incidents:
            self.incidents.apply(tp.partition, [(m.key, m.value, m.offset) for m in messages])
            return
        for message in messages:
            try:
                if tp.topic == self.settings.topic_aggregates:
                    self.view.apply_message(message.key, message.value)
                elif message.value is not None:
                    event = orjson.loads(message.value)
                    validate("event", event)  # /api/events promises events that match the schema
                    self.events.append(event)
            except (orjson.JSONDecodeError, InvalidMessage):
                continue  # not ours to judge here: the aggregator dead-letters bad events
