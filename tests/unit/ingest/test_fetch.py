"""The polite HTTP client against a real local site: robots.txt, validators, retries, limits, turns."""

from __future__ import annotations

import pytest

from streams.errors import Disallowed, FetchFailed, Unreadable
from streams.ingest.fetch import Fetcher, _retry_after
from tests.ingest_site import HUGE_BYTES


def test_robots_txt_is_read_once_and_a_disallowed_path_is_never_requested(site, settings):
    fetcher = Fetcher(settings)
    with pytest.raises(Disallowed, match="robots.txt"):
        fetcher.get(site.url("/private/kherson-shelling.html"))
    assert fetcher.get(site.url("/news/kherson-shelling.html")).status == 200
    assert site.served("/private/kherson-shelling.html") == 0
    assert site.served("/robots.txt") == 1


def test_the_user_agent_says_who_we_are(site, settings):
    Fetcher(settings).get(site.url("/news/kherson-shelling.html"))
    Fetcher(settings.model_copy(update={"ingest_user_agent": "ledger-watch/2 (ops@ledger.test)"})).get(
        site.url("/news/sumy-drone-attack.html"))
    agents = [(r.path, r.user_agent) for r in site.requests]
    assert agents[0][1].startswith("strikewatch/") and agents[0][1] == agents[1][1]
    assert agents[-1] == ("/news/sumy-drone-attack.html", "ledger-watch/2 (ops@ledger.test)")


def test_a_known_etag_gets_304_and_no_body(site, settings):
    fetcher = Fetcher(settings)
    first = fetcher.get(site.url("/feeds/news.rss"))
    assert first.status == 200 and first.etag and first.content_type == "application/rss+xml"
    again = fetcher.get(site.url("/feeds/news.rss"), etag=first.etag)
    assert (again.status, again.body) == (304, b"")
    assert site.served("/feeds/news.rss", 304) == 1


def test_a_server_without_etags_gets_if_modified_since(site, settings):
    site.validator = "Last-Modified"
    fetcher = Fetcher(settings)
    first = fetcher.get(site.url("/feeds/news.rss"))
    assert first.etag is None and first.last_modified.endswith(" GMT")
    assert fetcher.get(site.url("/feeds/news.rss"), last_modified=first.last_modified).status == 304


def test_a_crawl_delay_longer_than_the_interval_is_obeyed(site, settings):
    site.robots = "User-agent: strikewatch\nCrawl-delay: 3\nDisallow:\n"
    now, slept = [0.0], []
    fetcher = Fetcher(settings.model_copy(update={"ingest_host_interval": 1.0}), clock=lambda: now[0],
                      sleep=lambda seconds: (slept.append(seconds), now.__setitem__(0, now[0] + seconds)))
    fetcher.get(site.url("/news/kherson-shelling.html"))
    fetcher.get(site.url("/news/sumy-drone-attack.html"))
    assert slept == [1.0, 3.0]  # robots.txt itself came before its Crawl-delay was known


def test_a_503_is_retried_and_then_succeeds(site, settings):
    site.unavailable["/news/sumy-drone-attack.html"] = 1
    assert Fetcher(settings).get(site.url("/news/sumy-drone-attack.html")).status == 200
    assert site.served("/news/sumy-drone-attack.html", 503) == 1
    assert site.served("/news/sumy-drone-attack.html", 200) == 1


def test_retries_run_out_in_one_line(site, settings):
    site.unavailable["/news/sumy-drone-attack.html"] = 5
    with pytest.raises(FetchFailed, match=r"^HTTP 503 Service Unavailable$"):
        Fetcher(settings).get(site.url("/news/sumy-drone-attack.html"))
    assert site.served("/news/sumy-drone-attack.html") == settings.ingest_retries + 1


def test_a_404_is_not_retried(site, settings):
    with pytest.raises(FetchFailed, match="^HTTP 404 Not Found$"):
        Fetcher(settings).get(site.url("/news/missing.html"))
    assert site.served("/news/missing.html") == 1


def test_a_server_that_never_answers_times_out(site, settings):
    with pytest.raises(FetchFailed, match=r"timed out \(no answer within 1s\)"):
        Fetcher(settings).get(site.silent_url)


def test_a_page_over_the_size_limit_is_refused(site, settings):
    with pytest.raises(Unreadable, match="larger than 5,000,000 bytes"):
        Fetcher(settings).get(site.url("/news/huge.html"))
    assert HUGE_BYTES > settings.ingest_max_page_bytes


def test_an_unknown_host_is_one_line(settings):
    with pytest.raises(FetchFailed, match=r"host not found: no-such-host.invalid \(DNS\)"):
        Fetcher(settings).get("http://no-such-host.invalid/feed.rss")


def test_redirects_are_followed_to_the_final_url(site, settings):
    fetched = Fetcher(settings).get(site.url("/go/odesa-port-drones.html"))
    assert fetched.url == site.url("/news/odesa-port-drones.html")


def test_a_redirect_to_a_disallowed_path_is_not_followed(site, settings):
    site.extra["/go/secret.html"] = ("redirect", b"/private/kherson-shelling.html")
    with pytest.raises(Disallowed):
        Fetcher(settings).get(site.url("/go/secret.html"))
    assert site.served("/private/kherson-shelling.html") == 0


def test_a_redirect_loop_ends_in_one_line(site, settings):
    site.extra["/go/loop.html"] = ("redirect", b"/go/loop.html")
    with pytest.raises(FetchFailed, match="^more than 5 redirects$"):
        Fetcher(settings).get(site.url("/go/loop.html"))


def test_each_host_waits_its_turn(site, settings):
    """The interval runs per host: a second host does not wait for the first one's turn."""
    now = [100.0]
    slept = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    fetcher = Fetcher(settings.model_copy(update={"ingest_host_interval": 2.0}), clock=lambda: now[0], sleep=sleep)
    fetcher.get(site.url("/news/kherson-shelling.html"))  # robots.txt, then the page: one wait
    fetcher.get(site.url("/news/kherson-shelling.html", host="localhost"))  # another host: robots.txt at once
    assert slept == [2.0, 2.0]
    now[0] += 0.5
    fetcher.get(site.url("/news/sumy-drone-attack.html", host="localhost"))
    assert slept == [2.0, 2.0, 1.5]


@pytest.mark.parametrize(("header", "seconds"), [(None, None), ("7", 7.0), ("-3", 0.0), ("soon", None),
                                                 ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_in_seconds_or_as_a_date(header, seconds):
    assert _retry_after(header) == seconds
