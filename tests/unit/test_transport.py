"""The consumer commits an offset only when its message and every one before it were processed.

Each case is one where Faust's own consumer commits past an unprocessed message; the last
assertion of each shows Faust's answer, so these tests fail if the override stops applying.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from types import SimpleNamespace

import faust
import faust.transport.consumer
import pytest
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP
from faust.types.tuples import FutureMessage
from intervaltree import IntervalTree

from streams.transport import Consumer, Transport

TP0 = TP("articles", 0)


@pytest.fixture
def consumer() -> Consumer:
    """Only the offset bookkeeping of a consumer: no broker, no app."""
    consumer = Consumer.__new__(Consumer)
    consumer._acked = defaultdict(list)
    consumer._acked_index = defaultdict(set)
    consumer._committed_offset = defaultdict(lambda: None)
    consumer._gap = defaultdict(IntervalTree)
    consumer._read_offset = defaultdict(lambda: None)
    return consumer


def acked(consumer: Consumer, committed: int, offsets: list[int]) -> None:
    consumer._committed_offset[TP0] = committed
    consumer._acked[TP0] = list(offsets)
    consumer._acked_index[TP0] = set(offsets)


def test_commits_a_contiguous_run_from_the_committed_offset(consumer):
    acked(consumer, 16, [16, 17, 18, 20])
    assert consumer._new_offset(TP0) == 19


def test_does_not_commit_past_an_unprocessed_message_at_the_committed_offset(consumer):
    acked(consumer, 16, [17, 18])
    assert consumer._new_offset(TP0) is None
    acked(consumer, 16, [17, 18])
    assert faust.transport.consumer.Consumer._new_offset(consumer, TP0) == 19  # Faust skips message 16


def test_a_jump_in_fetched_offsets_is_not_counted_as_processed(consumer):
    acked(consumer, 16, [*range(16, 36), 40, 41])
    asyncio.run(consumer._add_gap(TP0, 36, 40))  # what Faust calls on fetching 40 right after 35
    assert not consumer._gap[TP0]
    assert consumer._new_offset(TP0) == 36

    acked(consumer, 16, [16, 17, 40, 41])
    asyncio.run(faust.transport.consumer.Consumer._add_gap(consumer, TP0, 18, 40))
    assert faust.transport.consumer.Consumer._new_offset(consumer, TP0) > 40  # Faust commits past 18-39 unread


def test_a_message_the_stream_skipped_is_not_acknowledged(consumer):
    skipped = SimpleNamespace(tracked=False, acked=False, topic="articles", partition=0, offset=16, tp=TP0)
    assert consumer.ack(skipped) is False
    assert consumer._acked[TP0] == [] and not skipped.acked


def test_reads_on_from_the_log_start_when_retention_deleted_the_committed_offset(consumer):
    kept = TP("articles", 1)
    consumer._committed_offset.update({TP0: 16, kept: 16})
    consumer.read_on_from_log_start({TP0: 500, kept: 3})
    assert (consumer._committed_offset[TP0], consumer._read_offset[TP0]) == (500, 500)
    assert consumer._committed_offset[kept] == 16
    acked(consumer, 500, [500, 501])
    assert consumer._new_offset(TP0) == 502


class UnacknowledgedChannel:
    """A topic whose broker takes its time: a write is acknowledged when the test says so."""

    def __init__(self) -> None:
        self.acknowledge = asyncio.Event()

    async def publish_message(self, fut, wait: bool = False) -> None:
        await self.acknowledge.wait()
        fut.set_result(None)


def test_a_flush_before_a_commit_waits_for_every_table_write_to_be_acknowledged():
    """Faust commits after the producer's flush. A table write sent through its buffer and not yet
    acknowledged must hold that flush: after a kill -9 it would be lost with its offset committed."""

    async def returned_before_the_acknowledgement(producer_flush) -> bool:
        app = faust.App("flush-test", broker="strikewatch://127.0.0.1:1")
        producer = Transport("strikewatch://127.0.0.1:1", app).create_producer()
        await producer.buffer.start()
        channel = UnacknowledgedChannel()
        write = FutureMessage(SimpleNamespace(channel=channel))
        producer.send_soon(write)
        flushing = asyncio.ensure_future(producer_flush(producer))
        await asyncio.sleep(0.5)
        returned = flushing.done()
        channel.acknowledge.set()
        await flushing
        await producer.buffer.stop()
        return returned

    assert asyncio.run(returned_before_the_acknowledgement(lambda producer: producer.flush())) is False
    assert asyncio.run(returned_before_the_acknowledgement(faust_aiokafka.Producer.flush)) is True  # Faust's does


def test_a_partition_never_committed_commits_from_the_start_of_its_log(consumer):
    consumer.read_on_from_log_start({TP0: 0})  # the group has no offset for it: Faust keeps None
    acked(consumer, consumer._committed_offset[TP0], [3, 4])
    assert consumer._new_offset(TP0) is None  # 0-2 not processed yet
    acked(consumer, 0, [0, 1, 2, 3, 4])
    assert consumer._new_offset(TP0) == 5

    consumer._committed_offset[TP0] = None
    consumer._acked[TP0], consumer._acked_index[TP0] = [3, 4], {3, 4}
    assert faust.transport.consumer.Consumer._new_offset(consumer, TP0) == 5  # Faust commits past 0-2 unread
