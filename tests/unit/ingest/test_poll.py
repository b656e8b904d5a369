"""One poll, from feeds to article records, against a real local site and a real state file (no Kafka)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from streams.articles.models import article_id
from streams.ingest.fetch import Fetcher
from streams.ingest.poll import Poller, normal_url
from streams.ingest.state import State
from streams.schemas import validate
from tests.ingest_site import page
from tests.ingest_site.stories import ATOM_STORIES, RSS_STORIES, STORIES


class Lines:
    """What the command would print, kept for the assertions."""

    def __init__(self) -> None:
        self.failures: list[tuple[str, str]] = []
        self.notes: list[tuple[str, str]] = []

    def source(self, url: str) -> None:
        pass

    def published(self, record: dict) -> None:
        pass

    def failed(self, url: str, reason: str) -> None:
        self.failures.append((url, reason))

    def note(self, url: str, text: str) -> None:
        self.notes.append((url, text))


@pytest.fixture
def poller(site, settings, tmp_path):
    sent: list[dict] = []
    lines = Lines()
    made = Poller(fetcher=Fetcher(settings), state=State(tmp_path / "ingest.sqlite3"), send=sent.append, reporter=lines,
                  clock=lambda: datetime(2026, 3, 20, 9, 30, 15, 123, tzinfo=UTC))
    made.sent, made.lines = sent, lines
    return made


def test_each_entry_becomes_one_valid_record_with_the_contract_s_id(site, poller):
    summary = poller.poll([site.url("/feeds/news.rss"), site.url("/feeds/regions.atom")])
    assert summary.published == 6 and not summary.failed
    by_url = {r["url"]: r for r in poller.sent}
    assert set(by_url) == {site.url(p) for p in RSS_STORIES + ATOM_STORIES}  # the tracking parameter is gone
    for path in RSS_STORIES + ATOM_STORIES:
        record = by_url[site.url(path)]
        validate("article", record)
        assert record["id"] == article_id({"url": site.url(path)})
        assert record["title"] == STORIES[path][0]
        assert record["published_at"] == STORIES[path][1].replace("+00:00", "Z")
        assert record["language"] == STORIES[path][2]
        assert record["source"] == "The Eastern Ledger"
        assert "published_at_fallback" not in record


def test_entries_are_published_oldest_first(site, poller):
    poller.poll([site.url("/feeds/news.rss")])
    dates = [record["published_at"] for record in poller.sent]
    assert dates == sorted(dates) and len(dates) == 3


def test_a_second_poll_fetches_no_page_and_the_feeds_answer_304(site, poller):
    poller.poll([site.url("/feeds/news.rss")])
    summary = poller.poll([site.url("/feeds/news.rss")])
    assert (summary.published, summary.unchanged) == (0, 1)
    assert site.served("/feeds/news.rss", 304) == 1
    assert all(site.served(p) == 1 for p in RSS_STORIES)


def test_a_new_entry_is_the_only_one_published_next_time(site, poller):
    poller.poll([site.url("/feeds/news.rss")])
    site.feeds["/feeds/news.rss"].insert(0, "/news/sumy-drone-attack.html")
    summary = poller.poll([site.url("/feeds/news.rss")])
    assert (summary.published, summary.known) == (1, 3)
    assert poller.sent[-1]["url"] == site.url("/news/sumy-drone-attack.html")


def test_a_failed_entry_keeps_the_feed_uncached_so_that_it_is_tried_again(site, poller):
    site.feeds["/feeds/trouble.rss"] = ["/news/sumy-drone-attack.html"]
    site.unavailable["/news/sumy-drone-attack.html"] = 2  # more than the one retry
    first = poller.poll([site.url("/feeds/trouble.rss")])
    failure = (site.url("/news/sumy-drone-attack.html") + "?utm_source=rss", "HTTP 503 Service Unavailable")
    assert first.failed == poller.lines.failures == [failure]
    second = poller.poll([site.url("/feeds/trouble.rss")])
    assert (second.published, second.unchanged) == (1, 0)
    assert site.served("/feeds/trouble.rss", 200) == 2


def test_a_page_that_is_no_article_is_reported_once_and_never_fetched_again(site, poller):
    site.feeds["/feeds/trouble.rss"] = ["/files/casualty-table.pdf", "/news/gallery.html", "/news/huge.html"]
    first = poller.poll([site.url("/feeds/trouble.rss")])
    assert [reason for _, reason in first.failed] == [
        "not an HTML page (content type application/pdf)", "no article text found in the page",
        "larger than 5,000,000 bytes (10,485,793 bytes; STRIKEWATCH_INGEST_MAX_PAGE_BYTES)"]
    site.feeds["/feeds/trouble.rss"].append("/news/sumy-drone-attack.html")
    second = poller.poll([site.url("/feeds/trouble.rss")])
    assert (second.published, second.rejected, second.failed) == (1, 3, [])
    assert [site.served(p) for p in ("/files/casualty-table.pdf", "/news/gallery.html", "/news/huge.html")] == [1, 1, 1]
    assert poller.poll([site.url("/feeds/trouble.rss")]).unchanged == 1  # nothing left to retry: the ETag was kept


def test_a_link_redirecting_to_a_published_article_is_not_published_again(site, poller):
    poller.poll([site.url("/feeds/news.rss")])
    site.feeds["/feeds/trouble.rss"] = ["/go/odesa-port-drones.html"]
    summary = poller.poll([site.url("/feeds/trouble.rss")])
    assert (summary.published, summary.known) == (0, 1)


def test_an_article_page_as_a_source_is_fetched_once(site, poller):
    assert poller.poll([site.url("/news/kherson-shelling.html")]).published == 1
    assert poller.poll([site.url("/news/kherson-shelling.html")]).known == 1
    assert site.served("/news/kherson-shelling.html") == 1


def test_without_any_date_the_fetch_time_is_used_and_flagged(site, poller):
    undated = page("/news/kherson-shelling.html").replace('<meta property="article:published_time" content="2026-03-14T11:10:00+00:00">', "")
    undated = undated.replace('<time datetime="2026-03-14T11:10:00+00:00">2026-03-14T11:10:00+00:00</time>', "")
    site.extra["/news/undated.html"] = ("text/html", undated.encode())
    poller.poll([site.url("/news/undated.html")])
    assert poller.sent[0]["published_at"] == "2026-03-20T09:30:15Z"
    assert poller.sent[0]["published_at_fallback"] is True


def test_since_skips_older_entries_without_fetching_them(site, poller):
    poller.since = date(2026, 3, 10)
    summary = poller.poll([site.url("/feeds/news.rss")])
    assert (summary.published, summary.skipped) == (2, 1)
    assert site.served("/news/poltava-barley-harvest.html") == 0


def test_robots_txt_skips_an_entry_without_failing_the_feed(site, poller):
    site.feeds["/feeds/trouble.rss"] = ["/private/kherson-shelling.html", "/news/sumy-drone-attack.html"]
    summary = poller.poll([site.url("/feeds/trouble.rss")])
    assert (summary.published, summary.skipped, summary.failed) == (1, 1, [])
    assert poller.lines.notes == [(site.url("/private/kherson-shelling.html?utm_source=rss"),
                                   "skipped: robots.txt of the site disallows this path")]
    assert site.served("/private/kherson-shelling.html") == 0


@pytest.mark.parametrize(("url", "normal"), [
    ("https://News.test/a/b.html?utm_source=rss&utm_medium=feed#comments", "https://news.test/a/b.html"),
    ("https://news.test/story?id=42&utm_campaign=x", "https://news.test/story?id=42"),
])
def test_tracking_parameters_and_fragments_do_not_change_the_id(url, normal):
    assert normal_url(url) == normal
