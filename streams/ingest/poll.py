"""One poll of every source: feeds -> entries -> pages -> article records, each published once.

A source that fails is reported in one line and skipped; the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol
from urllib.parse import urldefrag

from courlan import normalize_url

from streams.articles.models import article_id
from streams.errors import Disallowed, SourceError, Unreadable
from streams.ingest.feeds import HTML_TYPES, Entry, is_feed, parse_feed
from streams.ingest.fetch import Fetched, Fetcher
from streams.ingest.pages import read_page
from streams.ingest.state import PUBLISHED, State
from streams.schemas import validate

logger = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Reporter(Protocol):
    """What a user sees: a progress line on a terminal, log lines otherwise (streams/ingest/commands.py)."""

    def source(self, url: str) -> None: ...
    def published(self, record: dict) -> None: ...
    def failed(self, url: str, reason: str) -> None: ...
    def note(self, url: str, text: str) -> None: ...


@dataclass
class Summary:
    published: int = 0
    known: int = 0  # already published earlier (state database): not fetched again
    rejected: int = 0  # pages rejected earlier (not HTML, too large, no text): not fetched again
    unchanged: int = 0  # feeds that answered 304 Not Modified
    skipped: int = 0  # older than --since, or robots.txt says no to an entry
    failed: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.published} published, {self.known} already known, {self.rejected} rejected earlier, "
                f"{self.unchanged} feeds unchanged, {self.skipped} skipped, {len(self.failed)} failed")


class Poller:
    """Reads sources with `fetcher`, remembers in `state`, hands each new article record to `send`."""

    def __init__(self, *, fetcher: Fetcher, state: State, send: Callable[[dict], None], reporter: Reporter,
                 since: date | None = None, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.fetcher, self.state, self.send, self.reporter = fetcher, state, send, reporter
        self.since, self.clock = since, clock

    def poll(self, sources: list[str]) -> Summary:
        summary = Summary()
        for url in sources:
            self.reporter.source(url)
            try:
                self._source(url, summary)
            except SourceError as error:
                self._fail(summary, url, error)
        return summary

    def _source(self, url: str, summary: Summary) -> None:
        if self._done(normal_url(url), summary):  # an article page given as a source, done before
            return
        etag, last_modified = self.state.validators(url)
        fetched = self.fetcher.get(url, etag=etag, last_modified=last_modified)
        if fetched.status == 304:
            summary.unchanged += 1
            return
        if is_feed(fetched.content_type, fetched.body):
            self._feed(url, fetched, summary)
        elif fetched.content_type in HTML_TYPES:
            self._publish(self._article(normal_url(url), None, fetched, summary), summary)
        else:
            raise Unreadable(f"neither a feed nor an HTML page (content type {fetched.content_type or 'missing'})")

    def _feed(self, url: str, fetched: Fetched, summary: Summary) -> None:
        feed = parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
        if feed.warning:
            self.reporter.note(url, f"not well-formed XML ({feed.warning}); read {len(feed.entries)} entries leniently")
        retry = False
        # Oldest first: the topic then carries a story's reports in the order they were written.
        for entry in sorted(feed.entries, key=lambda e: (e.published_at is None, e.published_at or EPOCH)):
            try:
                self._publish(self._entry(entry, summary), summary)
            except Disallowed as refusal:  # the site's wish, not a failure: the entry is left alone
                summary.skipped += 1
                self.reporter.note(entry.url, f"skipped: {refusal}")
            except SourceError as error:
                retry = retry or not isinstance(error, Unreadable)  # Unreadable pages are rejected for good
                self._fail(summary, entry.url, error)
        # Validators are kept only once every entry is done: else a 304 next poll would hide the failed ones.
        if not retry:
            self.state.save_validators(url, fetched.etag, fetched.last_modified)

    def _entry(self, entry: Entry, summary: Summary) -> tuple[dict, set[str]] | None:
        url = normal_url(entry.url)
        if self._done(url, summary):
            return None
        if self._too_old(entry.published_at):
            summary.skipped += 1
            return None
        try:
            fetched = self.fetcher.get(url)
        except Unreadable as error:  # too large: the page's nature, not a passing trouble
            self.state.mark({_id(url)}, url, str(error))
            raise
        return self._article(url, entry, fetched, summary)

    def _article(self, url: str, entry: Entry | None, fetched: Fetched,
                 summary: Summary) -> tuple[dict, set[str]] | None:
        """The article record and every id it is known by (the link's and the final url's after redirects)."""
        final_url = normal_url(fetched.url)
        ids = {_id(url), _id(final_url)}
        if self._done(final_url, summary):  # a new link that redirects to a known page
            self.state.mark(ids, final_url, self.state.outcome(_id(final_url)))
            return None
        try:
            if fetched.content_type not in HTML_TYPES:
                raise Unreadable(f"not an HTML page (content type {fetched.content_type or 'missing'})")
            page = read_page(fetched.body, url=fetched.url)
        except Unreadable as error:  # it will not change by asking again: rejected, reported this once
            self.state.mark(ids, final_url, str(error))
            raise
        published_at, fallback = self._published_at(entry, page.published_at)
        if self._too_old(published_at if not fallback else None):
            summary.skipped += 1
            return None
        record = {"id": _id(final_url), "url": final_url, "title": (entry and entry.title) or page.title,
                  "source": page.site, "published_at": published_at.isoformat().replace("+00:00", "Z"),
                  "language": page.language, "text": page.text}
        if fallback:
            record["published_at_fallback"] = True
        return record, ids

    def _publish(self, article: tuple[dict, set[str]] | None, summary: Summary) -> None:
        if article is None:
            return
        record, ids = article
        validate("article", record)
        self.send(record)  # acknowledged by the broker before the state says it is done
        self.state.mark(ids, record["url"])
        summary.published += 1
        self.reporter.published(record)

    def _published_at(self, entry: Entry | None, page_date: datetime | None) -> tuple[datetime, bool]:
        """The feed entry's date, else the page's, else now (flagged as a fallback)."""
        stated = (entry.published_at if entry else None) or page_date
        return (stated.astimezone(UTC), False) if stated else (self.clock().replace(microsecond=0), True)

    def _done(self, url: str, summary: Summary) -> bool:
        """Whether the page was published or rejected by an earlier poll (counted in `summary`)."""
        outcome = self.state.outcome(_id(url))
        if outcome == PUBLISHED:
            summary.known += 1
        elif outcome is not None:
            summary.rejected += 1
        return outcome is not None

    def _too_old(self, moment: datetime | None) -> bool:
        return bool(self.since and moment and moment.astimezone(UTC).date() < self.since)

    def _fail(self, summary: Summary, url: str, error: SourceError) -> None:
        summary.failed.append((url, str(error)))
        self.reporter.failed(url, str(error))


def _id(url: str) -> str:
    return article_id({"url": url})


def normal_url(url: str) -> str:
    """Without fragment and tracking parameters (utm_*, ...), so that one article has one id."""
    try:
        return urldefrag(normalize_url(url.strip())).url
    except ValueError:
        return url.strip()
