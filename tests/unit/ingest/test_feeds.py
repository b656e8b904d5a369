"""Feeds as feedparser reads them: links, dates in UTC, and what is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.errors import Unreadable
from streams.ingest.feeds import is_feed, parse_feed
from tests.ingest_site import atom, rss
from tests.ingest_site.stories import ATOM_STORIES, RSS_STORIES, STORIES

BASE = "http://news.test"


def test_rss_entries_have_their_link_title_and_date_in_utc():
    feed = parse_feed(rss(BASE, RSS_STORIES).encode(), url=f"{BASE}/feeds/news.rss")
    assert [e.url for e in feed.entries] == [f"{BASE}{p}?utm_source=rss" for p in RSS_STORIES]
    assert [e.title for e in feed.entries] == [STORIES[p][0] for p in RSS_STORIES]
    assert feed.entries[0].published_at == datetime(2026, 3, 10, 8, 15, tzinfo=UTC)
    assert feed.warning is None


def test_atom_relative_links_resolve_against_xml_base():
    feed = parse_feed(atom(BASE, ATOM_STORIES).encode(), url=f"{BASE}/feeds/regions.atom")
    assert [e.url for e in feed.entries] == [f"{BASE}{p}" for p in ATOM_STORIES]
    assert feed.entries[1].published_at == datetime(2026, 3, 8, 10, 30, tzinfo=UTC)


def test_a_date_with_an_offset_becomes_utc():
    body = (b'<rss version="2.0"><channel><title>t</title><item><title>a</title><link>http://x.test/a</link>'
            b"<pubDate>Tue, 10 Mar 2026 10:15:00 +0200</pubDate></item></channel></rss>")
    assert parse_feed(body, url="http://x.test/rss").entries[0].published_at == datetime(2026, 3, 10, 8, 15, tzinfo=UTC)


def test_an_entry_without_a_link_is_left_out_and_one_without_a_date_has_none():
    body = (b'<rss version="2.0"><channel><title>t</title><item><title>no link</title></item>'
            b"<item><title>undated</title><link>http://x.test/b</link></item></channel></rss>")
    entries = parse_feed(body, url="http://x.test/rss").entries
    assert [(e.url, e.published_at) for e in entries] == [("http://x.test/b", None)]


def test_malformed_xml_with_nothing_to_recover_is_refused_with_its_position():
    with pytest.raises(Unreadable, match=r"malformed feed XML \(line 1, column \d+: no element found\)"):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item>', url="http://x.test/rss")


def test_an_unescaped_ampersand_is_read_leniently_with_a_warning():
    body = (b'<rss version="2.0"><channel><title>News & views</title><item><title>a</title>'
            b"<link>http://x.test/a</link></item></channel></rss>")
    feed = parse_feed(body, url="http://x.test/rss")
    assert [e.url for e in feed.entries] == ["http://x.test/a"]
    assert "not well-formed" in feed.warning


def test_a_document_that_is_no_feed_is_refused():
    with pytest.raises(Unreadable):
        parse_feed(b"just some words, not a feed", url="http://x.test/rss")


@pytest.mark.parametrize(("content_type", "body", "expected"), [
    ("application/rss+xml", b"", True),
    ("text/plain", b'  <?xml version="1.0"?><rss>', True),
    ("text/plain", b"<feed xmlns='http://www.w3.org/2005/Atom'>", True),
    ("text/html", b"<?xml version='1.0'?><html>", False),
    ("application/pdf", b"%PDF-1.4", False),
])
def test_a_feed_is_known_by_its_content_type_or_first_tag(content_type, body, expected):
    assert is_feed(content_type, body) is expected
