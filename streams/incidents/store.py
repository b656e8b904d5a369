"""The incident history on disk: the `incidents` topic materialised into SQLite.

Each worker keeps its own file in the data folder, together with the topic offsets it has
applied (in the same transaction as the rows), so a restarted worker resumes where it
stopped instead of holding history in memory or re-reading the topic from its start.
"""

from __future__ import annotations

import base64
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import orjson

from streams.errors import InvalidQuery

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS incidents (
    incident_id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    country TEXT NOT NULL,
    region TEXT NOT NULL,
    event_type TEXT NOT NULL,
    body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_by_date ON incidents (date, incident_id);
CREATE INDEX IF NOT EXISTS incidents_by_country ON incidents (country, date, incident_id);
CREATE INDEX IF NOT EXISTS incidents_by_region ON incidents (region, date, incident_id);
CREATE TABLE IF NOT EXISTS offsets (partition INTEGER PRIMARY KEY, next_offset INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class Query:
    """Filters of /api/incidents and its exports; `start`/`end` are inclusive YYYY-MM-DD."""

    start: str | None = None
    end: str | None = None
    country: str | None = None
    region: str | None = None
    event_type: str | None = None


def encode_cursor(row_date: str, incident: str) -> str:
    return base64.urlsafe_b64encode(f"{row_date}|{incident}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    """The (date, incident_id) a page ended at; InvalidQuery for anything this server did not hand out."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        row_date, incident = text.split("|")
    except (ValueError, UnicodeDecodeError):
        raise InvalidQuery("cursor is not one this server handed out (use next_cursor as given)") from None
    if len(row_date) != 10 or not incident:
        raise InvalidQuery("cursor is not one this server handed out (use next_cursor as given)")
    return row_date, incident


class IncidentStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # One connection, used from the event loop only; each batch is one short transaction.
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def offsets(self) -> dict[int, int]:
        """partition -> the next offset to read."""
        return dict(self.db.execute("SELECT partition, next_offset FROM offsets"))

    def reset(self) -> None:
        """Forget everything (the topic was recreated: its offsets no longer match ours)."""
        with self.db:
            self.db.execute("DELETE FROM incidents")
            self.db.execute("DELETE FROM offsets")

    def apply(self, partition: int, messages: list[tuple[bytes | None, bytes | None, int]]) -> int:
        """(key, value, offset) messages of one partition, in order; a None value deletes. Returns rows applied."""
        upserts: dict[str, tuple | None] = {}
        for key, value, _ in messages:
            if key is None:
                continue
            incident = key.decode(errors="replace")
            if value is None:
                upserts[incident] = None
                continue
            try:
                body = orjson.loads(value)
                upserts[incident] = (incident, body["date"], body["country"], body["region"], body["event_type"], value)
            except (orjson.JSONDecodeError, KeyError, TypeError):
                logger.warning("incidents[%d]@%d: not an incident; skipped", partition, messages[-1][2])
        with self.db:
            self.db.executemany("DELETE FROM incidents WHERE incident_id = ?",
                                [(k,) for k, row in upserts.items() if row is None])
            self.db.executemany("INSERT OR REPLACE INTO incidents VALUES (?, ?, ?, ?, ?, ?)",
                                [row for row in upserts.values() if row is not None])
            if messages:
                self.db.execute("INSERT OR REPLACE INTO offsets VALUES (?, ?)", (partition, messages[-1][2] + 1))
        return len(upserts)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM incidents").fetchone()[0]

    def page(self, query: Query, *, limit: int, cursor: str | None = None) -> tuple[list[dict], str | None]:
        """Newest first (date, then incident_id, both descending); the cursor of the next page or None."""
        where, params = _where(query)
        if cursor:
            where.append("(date, incident_id) < (?, ?)")
            params.extend(decode_cursor(cursor))
        sql = "SELECT body, date, incident_id FROM incidents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date DESC, incident_id DESC LIMIT ?"
        rows = self.db.execute(sql, [*params, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        following = encode_cursor(rows[-1][1], rows[-1][2]) if more else None
        return [orjson.loads(body) for body, _, _ in rows], following


def _where(query: Query) -> tuple[list[str], list[str]]:
    where, params = [], []
    for column, operator, value in (("date", ">=", query.start), ("date", "<=", query.end), ("country", "=", query.country),
                                    ("region", "=", query.region), ("event_type", "=", query.event_type)):
        if value is not None:
            where.append(f"{column} {operator} ?")
            params.append(value)
    return where, params
