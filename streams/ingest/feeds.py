"""RSS and Atom feeds (feedparser): which documents are feeds, and the entries they list."""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser

from streams.errors import Unreadable

logger = logging.getLogger(__name__)

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+xml"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True)
class Entry:
    url: str
    title: str | None
    published_at: datetime | None


@dataclass
class Feed:
    title: str | None
    entries: list[Entry] = field(default_factory=list)
    #: Why the XML was not well-formed when feedparser still recovered entries from it.
    warning: str | None = None


def is_feed(content_type: str, body: bytes) -> bool:
    """A feed by its declared type, or by its first tag when a server calls it text/plain."""
    if content_type in FEED_TYPES:
        return True
    if content_type in HTML_TYPES:
        return False
    head = body[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


def parse_feed(body: bytes, *, url: str, content_type: str = "application/xml") -> Feed:
    """Entries with a link, newest first as the feed lists them; Unreadable when nothing can be read.

    Not well-formed XML (an unescaped '&' is common) is read leniently by feedparser; it is refused
    only when no entry comes out of it.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type})
    problem = _describe(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if problem and not parsed.entries:
        raise Unreadable(f"malformed feed XML ({problem})")
    if not parsed.get("version") and not parsed.entries:
        raise Unreadable("not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or _alternate(item)
        if not link:
            logger.info("%s: an entry without a link (%s) is skipped", url, item.get("title"))
            continue
        entries.append(Entry(link.strip(), (item.get("title") or "").strip() or None, _entry_date(item)))
    return Feed(parsed.feed.get("title"), entries, problem)


def _alternate(item) -> str | None:
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _entry_date(item) -> datetime | None:
    """feedparser normalises every date format of RSS and Atom to a UTC struct_time."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
    return None


def _describe(error: BaseException | None) -> str | None:
    """'line 3, column 12: mismatched tag' from a SAX error; None for feedparser's harmless notes."""
    if error is None or isinstance(error, feedparser.CharacterEncodingOverride):
        return None
    if hasattr(error, "getLineNumber"):
        return f"line {error.getLineNumber()}, column {error.getColumnNumber()}: {error.getMessage()}"
    return str(error) or type(error).__name__
