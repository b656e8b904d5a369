"""The worker's read model: every partition of `aggregates` and `events`, from the start.

Each worker reads all partitions (no consumer group), so any worker's HTTP server can
answer for every region while the aggregation itself stays partitioned.
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
from streams.settings import Settings

logger = logging.getLogger(__name__)
RECENT_EVENTS = 2000


class ReadModel:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.view = RollingView()
        self.events: deque[dict] = deque(maxlen=RECENT_EVENTS)
        self.ready = asyncio.Event()
        metrics.incidents.set_function(lambda: self.view.strikes)  # summed when /metrics is read, not per batch

    def consumer_options(self) -> dict:
        """aiokafka's options: the one connection of the settings (streams/connection.py), no group."""
        return {**connection(self.settings).aiokafka(), "enable_auto_commit": False, "group_id": None,
                "auto_offset_reset": "earliest"}

    async def run(self) -> None:
        s = self.settings
        while True:
            consumer = AIOKafkaConsumer(**self.consumer_options())
            try:
                await consumer.start()
                partitions = [TopicPartition(t, p) for t in (s.topic_aggregates, s.topic_events) for p in range(s.partitions)]
                consumer.assign(partitions)
                await consumer.seek_to_beginning(*partitions)
                self.ready.set()
                while True:
                    batches = await consumer.getmany(timeout_ms=500, max_records=2000)
                    for tp, messages in batches.items():
                        for message in messages:
                            self._apply(tp.topic, message)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker gone: keep serving what we have, reconnect with backoff
                logger.warning("read model lost the broker (%s); retrying in 2s", exc)
                await asyncio.sleep(2)
            finally:
                await consumer.stop()

    def _apply(self, topic: str, message) -> None:
        try:
            if topic == self.settings.topic_aggregates:
                self.view.apply_message(message.key, message.value)
            elif message.value is not None and isinstance(event := orjson.loads(message.value), dict):
                self.events.append(event)
        except orjson.JSONDecodeError:
            return  # not ours to judge here: the aggregator dead-letters bad events
