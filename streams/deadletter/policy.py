"""The one policy for a message an agent cannot process: classify, dead-letter, log
``topic[partition]@offset``, keep going.

A dead letter that cannot be sent either (the broker refuses it, the producer fails) is
logged with the same address and counted in /metrics (strikewatch_dead_letters_failed);
it never stops the agent: the stream moves on, and the failure is visible.
"""

from __future__ import annotations

import asyncio
import logging

import orjson

from streams import metrics
from streams.deadletter.models import KEY_LIMIT, dead_letter
from streams.schemas import validate

logger = logging.getLogger(__name__)

#: The longest a dead letter may take to be acknowledged (s). A deadletter topic that cannot be
#: written (missing, misnamed) would otherwise hold the agent in the producer's metadata wait.
SEND_TIMEOUT = 10.0


def error_code(error: BaseException) -> str:
    return getattr(error, "code", "processing_error")


async def send_dead_letter(app, error: BaseException, message, topic: str) -> None:
    """Dead-letter `message` of `topic` (a Faust message) for `error` on `app`'s deadletter topic."""
    code = error_code(error)
    where = f"{topic}[{message.partition}]@{message.offset}"
    logger.warning("dead letter %s: %s: %s", where, code, error)
    try:
        letter = dead_letter(code, str(error), topic=topic, partition=message.partition, offset=message.offset,
                             key=message.key, payload=message.value)
        validate("deadletter", letter)
        key = message.key[:KEY_LIMIT] if message.key is not None else None  # a huge key must not sink the letter
        # Wait for the broker's answer: a refused letter is known here, not lost in the producer.
        await asyncio.wait_for(_send(app, key, orjson.dumps(letter)), SEND_TIMEOUT)
    except Exception as exc:
        metrics.dead_letters_failed.labels(code).inc()
        logger.error("dead letter %s could not be sent to %s (%s: %s); the message is skipped", where,
                     app.settings.topic_deadletter, type(exc).__name__, str(exc) or "no answer")
        return
    metrics.dead_letters.labels(code).inc()


async def _send(app, key: bytes | None, value: bytes) -> None:
    sent = await app.roles["deadletter"].send(key=key, value=value)
    await sent
