"""The `deadletter` topic: what could not be processed, with enough to replay it."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import faust


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
    failed_at: str | None = None


def dead_letter(error: str, detail: str, *, topic: str, partition: int | None, offset: int | None,
                key: bytes | None, payload: bytes | None) -> dict:
    text, encoding = _as_text(payload)
    return {
        "schema_version": 1,
        "error": error,
        "detail": detail[:2000],
        "source_topic": topic,
        "partition": partition,
        "offset": offset,
        "key": _as_text(key)[0],
        "payload": text,
        "payload_encoding": encoding,
        "failed_at": datetime.now(UTC).isoformat(),
    }


def _as_text(value: bytes | None) -> tuple[str | None, str]:
    if value is None:
        return None, "utf-8"
    try:
        return value.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return base64.b64encode(value).decode("ascii"), "base64"
