"""What `ingest` has already done, in SQLite in the data folder, so that a restart neither fetches
a known page again nor publishes an article twice."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

PUBLISHED = "published"

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    article_id TEXT PRIMARY KEY,   -- the contract's id of the url (streams.articles.models.article_id)
    url        TEXT NOT NULL,
    outcome    TEXT NOT NULL,      -- 'published', or why the page was rejected (not HTML, too large, no text)
    at         TEXT NOT NULL       -- when (wall clock, UTC)
);
CREATE TABLE IF NOT EXISTS feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT NOT NULL
);
"""


class State:
    """One file, ``<data dir>/ingest.sqlite3``; several ingest processes may share it."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # autocommit: every mark is durable at once, so a crash after a publish loses no record of it.
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def outcome(self, article_id: str) -> str | None:
        """PUBLISHED, the reason the page was rejected, or None when it is new."""
        row = self.db.execute("SELECT outcome FROM pages WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def mark(self, article_ids: set[str], url: str, outcome: str = PUBLISHED) -> None:
        """Every id the page is known by (the feed's link and the final url after redirects)."""
        now = _now()
        self.db.executemany("INSERT OR IGNORE INTO pages VALUES (?, ?, ?, ?)",
                            [(i, url, outcome, now) for i in sorted(article_ids)])

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) the feed last answered with."""
        row = self.db.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (feed_url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_validators(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        self.db.execute("INSERT INTO feeds VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
                        "last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                        (feed_url, etag, last_modified, _now()))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
