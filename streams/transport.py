"""Faust's aiokafka transport with three kinds of change, registered as the ``strikewatch`` URL
scheme (a sibling of ``kafka``) through Faust's own plugin table.

How long a fetch may wait on the broker. Faust fixes ``fetch_max_wait_ms`` at 1500. A broker
that answers a fetch only when that wait runs out (as the embedded Tansu does when a partition
is empty) then adds up to 1.5 s per hop. We read the wait from settings.

An offset is committed only when its message, and every message before it, was processed.
Faust's consumer departs from that in three places, and after a kill -9 and a restart we saw
the first one commit whole ranges of articles that no stream ever read (RELIABILITY.md):
- Gaps. When the offsets it fetches jump (meant for compacted topics and transaction markers),
  Faust counts the offsets in between as processed. A restarted worker that fetched a stale
  position jumped from offset 15 to 40 and committed 16-39 unread. We keep no gaps: the commit
  waits at the hole, and a worker stuck there is restarted by the watchdog and reads it.
- The head of a partition. Faust commits past the message at the committed offset itself when
  only later ones are done, and a partition with no committed offset (never committed, or
  committed at 0) from wherever its first acknowledged run starts. We commit from the committed
  offset, or from the start of the log, on, or not at all.
- Skipped messages. A stream skips the messages it takes while its flow is stopped, or that
  were fetched in an older consumer generation, and then acknowledges them as processed.
So `articles` and `events` must have contiguous offsets: no transactional producers upstream.
The one jump we allow is up to the start of the log, when retention deleted what was committed.

Nothing is committed before the broker has acknowledged the table writes of the messages it
covers. Faust awaits the producer's flush before each commit, but table changelog writes go
through its buffer (``send_soon``), whose flush returns when the buffer is empty, or when 0.1 s
pass without a send, while the message just taken from it may not have reached aiokafka yet, so
aiokafka's flush does not wait for it either. A worker killed right after such a commit loses
the write, and its event is never delivered again (RELIABILITY.md). Our producer's flush waits
until every message handed to ``send_soon`` before the flush began is acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
from importlib.metadata import version

from streams.errors import ConfigError

#: The faust-streaming releases these overrides were tested against (pyproject.toml pins the same).
#: They override private methods, which any release may change: refuse the others.
TESTED_FAUST = ("0.15.3",)

if (installed := version("faust-streaming")) not in TESTED_FAUST:
    raise ConfigError(f"faust-streaming {installed} is installed; strikewatch's transport (streams/transport.py) is "
                      f"tested with {', '.join(TESTED_FAUST)} only: pip install 'faust-streaming=={TESTED_FAUST[-1]}'")

from faust.transport.drivers import TRANSPORTS  # noqa: E402  (after the version check)
from faust.transport.drivers import aiokafka as driver  # noqa: E402

logger = logging.getLogger(__name__)


class ConsumerThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport):
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = self.app.settings.fetch_max_wait_ms
        return consumer


class Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def perform_seek(self) -> None:
        await super().perform_seek()
        tracked = [tp for tp in self.assignment() if self.app.topics.acks_enabled_for(tp.topic)]
        if tracked:
            self.read_on_from_log_start(await self.earliest_offsets(*tracked))

    def read_on_from_log_start(self, earliest: dict) -> None:
        """Where the commit of each partition starts: its committed offset, or the start of its log.

        Faust keeps no committed offset for a partition the group never committed (nor for a commit
        at 0), and then commits whatever run of offsets its stream acknowledged first, past unread
        messages at the head. Such a partition starts at its log's start. A committed offset that
        retention has deleted would hold the commit forever: it moves up to the start too.
        """
        for tp, start in earliest.items():
            committed = self._committed_offset.get(tp)
            if start is None:
                continue
            if committed is None:
                self._committed_offset[tp] = start
            elif start > committed:
                logger.warning("%s[%d]: committed offset %d was deleted by retention; reading on from %d",
                               tp.topic, tp.partition, committed, start)
                self._committed_offset[tp] = self._read_offset[tp] = start

    async def _add_gap(self, tp, offset_from: int, offset_to: int) -> None:
        logger.warning("%s[%d]: fetched offset %d after %d; not counting %d-%d as processed", tp.topic, tp.partition,
                       offset_to, offset_from - 1, offset_from, offset_to - 1)

    def _new_offset(self, tp) -> int | None:
        acked, committed = self._acked[tp], self._committed_offset[tp]
        if acked and committed is not None and min(acked) > committed:
            return None  # the message at the committed offset is not done yet
        return super()._new_offset(tp)

    def ack(self, message) -> bool:
        # A stream marks a message `tracked` when it starts processing it; it skips the others.
        if not message.tracked:
            logger.warning("%s[%d]@%d: not acknowledged, the stream skipped it", message.topic, message.partition,
                           message.offset)
            return False
        return super().ack(message)


class Producer(driver.Producer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unacknowledged: set[asyncio.Future] = set()  # sent through the buffer, not yet acknowledged

    def send_soon(self, fut) -> None:
        self.unacknowledged.add(fut)
        fut.add_done_callback(self.unacknowledged.discard)
        super().send_soon(fut)

    async def flush(self) -> None:
        # The writes of every message a commit covers were sent before it began. Later ones are not
        # waited for: a busy stream keeps sending, and the commit would never come.
        sent = set(self.unacknowledged)
        await super().flush()
        if sent:
            done, _ = await asyncio.wait(sent, return_when=asyncio.FIRST_EXCEPTION)
            for fut in done:
                fut.result()  # a failed write fails the commit, so its messages come again


class Transport(driver.Transport):
    Consumer = Consumer
    Producer = Producer


TRANSPORTS.aliases["strikewatch"] = f"{__name__}:Transport"
