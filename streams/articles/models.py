"""The `articles` topic: what publishers send, and turning raw bytes into an ArticleInput."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import faust

from streams.errors import SchemaViolation, TooLarge
from streams.nlp import ArticleInput
from streams.schemas import decode, validate


class Article(faust.Record, serializer="json"):
    text: str
    schema_version: int | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    language: str | None = None
    published_at_fallback: bool | None = None


def article_id(record: dict) -> str:
    """The article's own id, else a stable one from its url, else from its text."""
    if record.get("id"):
        return str(record["id"])
    basis = record.get("url") or record["text"]
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_article(raw: bytes | None, *, timestamp: float | None, max_bytes: int) -> tuple[ArticleInput, bool]:
    """Bytes of an `articles` message -> (ArticleInput, published_at fell back to the message time).

    Raises an InvalidMessage subclass (dead-lettered by the agent) for anything else.
    """
    if raw is not None and len(raw) > max_bytes:
        raise TooLarge(f"article is {len(raw)} bytes; the limit is {max_bytes} (STRIKEWATCH_MAX_ARTICLE_BYTES)")
    record = decode(raw)
    validate("article", {k: v for k, v in record.items() if k != "published_at"})
    published, fallback = _published_at(record.get("published_at"), timestamp)
    fallback = fallback or record.get("published_at_fallback") is True  # `ingest` found no date either
    return ArticleInput(
        id=article_id(record),
        text=record["text"],
        published_at=published,
        source=record.get("source"),
        url=record.get("url"),
        language=record.get("language") or "en",
    ), fallback


def _published_at(value: object, timestamp: float | None) -> tuple[datetime, bool]:
    """RFC 3339 as given; when missing or invalid, the message timestamp (and say so)."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), False
        except ValueError:
            pass
    elif value is not None:
        raise SchemaViolation(f"article.published_at: expected an RFC 3339 string, got {type(value).__name__}")
    moment = datetime.fromtimestamp(timestamp, UTC) if timestamp else datetime.now(UTC)
    return moment, value is not None
