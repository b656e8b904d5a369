"""Consumer lag, and a watchdog for a stream that has stopped moving.

Lag is what the group has not yet committed on the topics the agents consume. A worker that
is behind yet has committed nothing for ``stall_timeout`` seconds exits with status 3 and an
error line, so that its supervisor (``strikewatch up``, Kubernetes, systemd) starts it again.
Two things stop the commits: after a kill -9, Faust streams occasionally stop taking messages
(RELIABILITY.md), and a commit waits at a message that was fetched past but not processed
(streams/transport.py). A fresh process reads on from the committed offsets. At-least-once
processing and idempotent aggregation make the restart safe.
"""

from __future__ import annotations

import logging
import os
import time

from streams import metrics
from streams.process import EXIT_STALLED

logger = logging.getLogger(__name__)


def register(app) -> None:
    """A timer on `app` that publishes the lag and exits when the stream has stalled."""
    settings = app.settings
    progress = {"committed": -1, "since": time.monotonic()}  # the committed offsets' sum, and since when

    @app.timer(interval=5.0)
    async def watch_the_stream() -> None:
        consumer = app.consumer
        sources = {settings.topic_articles, settings.topic_events}
        lag: dict[str, int] = dict.fromkeys(sources, 0)
        committed_total = 0
        for tp in consumer.assignment():
            if tp.topic not in sources:
                continue
            highwater = consumer.highwater(tp)
            committed = consumer._committed_offset.get(tp) or 0  # Faust has no public accessor for it
            committed_total += committed
            if highwater is not None:
                lag[tp.topic] += max(0, highwater - committed)
        for topic, behind in lag.items():
            metrics.consumer_lag.labels(topic=topic).set(behind)

        now = time.monotonic()
        if committed_total != progress["committed"] or not any(lag.values()):
            progress.update(committed=committed_total, since=now)
        elif settings.stall_timeout and now - progress["since"] > settings.stall_timeout:
            logger.error("stream stalled: %s messages behind and nothing committed for %.0fs; exiting (status %d) "
                         "so that the supervisor restarts this worker", sum(lag.values()), now - progress["since"],
                         EXIT_STALLED)
            os._exit(EXIT_STALLED)
