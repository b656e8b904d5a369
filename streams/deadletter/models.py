"""The `deadletter` topic: what could not be processed, with enough to replay it."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

import faust

#: The most of a payload a dead letter carries (bytes, before base64). The rest is known by its
#: size and SHA-256: a letter must fit the producer's and the broker's message size (1 MB by
#: default) whatever it was that failed.
PAYLOAD_LIMIT = 64 * 1024
#: The most of a message key a dead letter keeps (in its `key` field and as its own Kafka key).
KEY_LIMIT = 1024


class DeadLetter(faust.Record, serializer="json"):
    schema_version: int
    error: str
    detail: str
    source_topic: str
    partition: int | None
    offset: int | None
    key: str | None
    payload: str | None
    payload_encoding: str = "utf-8"
    payload_bytes: int | None = None
    payload_sha256: str | None = None
    payload_truncated: bool = False
    failed_at: str | None = None


def dead_letter(error: str, detail: str, *, topic: str, partition: int | None, offset: int | None,
                key: bytes | None, payload: bytes | None) -> dict:
    kept = payload[:PAYLOAD_LIMIT] if payload is not None else None
    text, encoding = _as_text(kept)
    return {
        "schema_version": 1,
        "error": error,
        "detail": detail[:2000],
        "source_topic": topic,
        "partition": partition,
        "offset": offset,
        "key": _as_text(key[:KEY_LIMIT] if key is not None else None)[0],
        "payload": text,
        "payload_encoding": encoding,
        "payload_bytes": len(payload) if payload is not None else None,
        "payload_sha256": hashlib.sha256(payload).hexdigest() if payload is not None else None,
        "payload_truncated": payload is not None and len(payload) > PAYLOAD_LIMIT,
        "failed_at": datetime.now(UTC).isoformat(),
    }


def _as_text(value: bytes | None) -> tuple[str | None, str]:
    if value is None:
        return None, "utf-8"
    try:
        return value.decode("utf-8"), "utf-8"  # a cut inside a character falls back to base64
    except UnicodeDecodeError:
        return base64.b64encode(value).decode("ascii"), "base64"
