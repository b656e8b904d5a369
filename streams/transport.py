"""Faust's aiokafka transport with one change: how long a fetch may wait on the broker.

Faust fixes ``fetch_max_wait_ms`` at 1500. A broker that answers a fetch only when that wait
runs out (as the embedded Tansu does when a partition is empty) then adds up to 1.5 s per
hop. We register this transport under the ``kafka`` URL scheme's sibling ``strikewatch``,
through Faust's own plugin table, and read the wait from settings.
"""

from __future__ import annotations

from faust.transport.drivers import TRANSPORTS
from faust.transport.drivers import aiokafka as driver

from streams.settings import get_settings


class ConsumerThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport):
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = get_settings().fetch_max_wait_ms
        return consumer


class Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    Consumer = Consumer


TRANSPORTS.aliases["strikewatch"] = f"{__name__}:Transport"
