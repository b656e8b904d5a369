"""`strikewatch ingest` as a user runs it: a subprocess in an empty folder, a local news site, the real
broker, and the worker turning what it publishes into events."""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import threading
from contextlib import ExitStack

import orjson
import pytest

from streams.articles.models import article_id
from streams.kafka import port_open
from streams.process import WorkerProcess, free_port, wait_for
from tests.conftest import ROOT
from tests.ingest_site import Site
from tests.ingest_site.stories import ATOM_STORIES, CLUTTER, RSS_STORIES, STORIES
from tests.integration.kafka_io import fresh_broker, get_json, read_topic, wait_quiet

pytestmark = pytest.mark.integration

#: Short enough for a test, long enough that a loaded machine still answers within it.
FAST = {"STRIKEWATCH_INGEST_TIMEOUT": "2", "STRIKEWATCH_INGEST_RETRIES": "1", "STRIKEWATCH_INGEST_BACKOFF": "0.1",
        "STRIKEWATCH_INGEST_HOST_INTERVAL": "0.05"}


def ingest(*args: str, cwd, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """From an empty folder, as a user would (PYTHONPATH: this checkout's code, not another install's)."""
    return subprocess.run([sys.executable, "-m", "streams", "ingest", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=os.environ | {"PYTHONPATH": str(ROOT)} | env)


def articles_of(kafka: str, site: Site) -> list[dict]:
    """This site's articles; other tests leave bad input on the shared topic, so only ours are parsed."""
    prefix = f'"url":"{site.base}/'.encode()
    return [orjson.loads(value) for _, value in read_topic(kafka, "articles") if value and prefix in value]


@pytest.fixture
def site():
    with Site() as running:
        yield running


@pytest.fixture(scope="module")
def kafka():
    """A broker of this module's own: the session worker reads every article on the session broker, and
    other tests count every event of a region there; this site's strikes would be among them."""
    with ExitStack() as stack:
        yield fresh_broker(stack)


@pytest.fixture
def own_worker(kafka, tmp_path):
    worker = WorkerProcess(kafka, tmp_path / "worker").start()
    yield kafka
    worker.stop()


def test_feeds_become_one_article_per_entry_and_the_worker_finds_their_strikes(own_worker, site, tmp_path):
    kafka = own_worker
    env = FAST | {"KAFKA_BOOTSTRAP_SERVERS": kafka}
    feeds = [site.url("/feeds/news.rss"), site.url("/feeds/regions.atom")]
    first = ingest("--once", *feeds, cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    assert len(re.findall(r" published [0-9a-f]{16} ", first.stderr)) == 6, first.stderr
    assert (tmp_path / ".strikewatch" / "ingest.sqlite3").exists()

    published = {a["url"]: a for a in articles_of(kafka, site)}
    assert sorted(published) == sorted(site.url(p) for p in RSS_STORIES + ATOM_STORIES)
    for path in RSS_STORIES + ATOM_STORIES:
        title, date, language, paragraphs = STORIES[path]
        article = published[site.url(path)]
        assert (article["title"], article["published_at"], article["language"]) == (title, date.replace("+00:00", "Z"), language)
        assert article["id"] == article_id({"url": site.url(path)}) and article["source"] == "The Eastern Ledger"
        assert all(paragraph in article["text"] for paragraph in paragraphs)
        assert not [words for words in CLUTTER if words in article["text"]], path

    strikes = {"/news/kharkiv-missile-strike.html": "UA-63", "/news/odesa-port-drones.html": "UA-51",
               "/regions/dnipro-shelling.html": "UA-12"}
    ids = {published[site.url(path)]["id"]: path for path in STORIES if site.url(path) in published}

    def events() -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for _, value in read_topic(kafka, "events"):
            event = orjson.loads(value)
            if event["article_id"] in ids:
                found.setdefault(ids[event["article_id"]], set()).add(event["location"]["admin1_code"])
        return found

    wait_for(lambda: set(strikes) <= set(events()), timeout=120, what="events of the three strike reports")
    wait_quiet(kafka, "events")
    assert events() == {path: {code} for path, code in strikes.items()}  # not the German one, not the harvest

    again = ingest("--once", *feeds, cwd=tmp_path, env=env)
    assert again.returncode == 0, again.stderr
    assert " published " not in again.stderr and "0 published" in again.stderr
    assert len(articles_of(kafka, site)) == 6
    assert (site.served("/feeds/news.rss", 304), site.served("/feeds/regions.atom", 304)) == (1, 1)
    assert all(site.served(path) == 1 for path in RSS_STORIES + ATOM_STORIES), "a known page was fetched again"

    site.feeds["/feeds/news.rss"].insert(0, "/news/sumy-drone-attack.html")
    third = ingest("--once", *feeds, cwd=tmp_path, env=env)
    assert third.returncode == 0, third.stderr
    urls = [a["url"] for a in articles_of(kafka, site)]
    assert len(urls) == 7 and set(urls) - set(published) == {site.url("/news/sumy-drone-attack.html")}
    assert site.served("/feeds/regions.atom", 304) == 2 and site.served("/feeds/news.rss", 200) == 2


def test_polling_publishes_a_new_entry_at_the_next_poll_and_stops_on_sigterm(kafka, site, tmp_path):
    env = os.environ | {"PYTHONPATH": str(ROOT), "KAFKA_BOOTSTRAP_SERVERS": kafka} | FAST
    poller = subprocess.Popen([sys.executable, "-m", "streams", "ingest", "--every", "1", site.url("/feeds/news.rss")],
                              cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(poller.stderr), daemon=True).start()
    try:
        wait_for(lambda: any("poll of 1 source(s) done" in line for line in lines), timeout=60, what="the first poll")
        site.feeds["/feeds/news.rss"].insert(0, "/news/kherson-shelling.html")
        wait_for(lambda: any(site.url("/news/kherson-shelling.html") in line for line in lines), timeout=30,
                 what="the new entry")
        poller.send_signal(signal.SIGTERM)
        assert poller.wait(timeout=30) == 0
    finally:
        poller.kill()
    assert lines[-1].endswith("stopped\n")
    assert sorted(a["url"] for a in articles_of(kafka, site)) == sorted(
        site.url(p) for p in [*RSS_STORIES, "/news/kherson-shelling.html"])


def test_each_failing_source_is_one_line_and_the_others_still_go_in(kafka, site, tmp_path):
    site.feeds["/feeds/trouble.rss"] = ["/news/missing.html", "/files/casualty-table.pdf", "/news/huge.html",
                                        "/news/gallery.html", "/private/kherson-shelling.html",
                                        "/news/sumy-drone-attack.html"]
    sources = [site.url("/feeds/broken.xml"), site.silent_url, "http://no-such-host.invalid/feed.rss",
               site.url("/files/casualty-table.pdf"), site.url("/feeds/trouble.rss"),
               site.url("/regions/charkiw-bericht.html")]
    result = ingest("--once", *sources, cwd=tmp_path, env=FAST | {"KAFKA_BOOTSTRAP_SERVERS": kafka})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    failed = dict(re.findall(r" failed (\S+): (.+)", result.stderr))
    entry = "{}?utm_source=rss".format
    assert failed == {
        site.url("/feeds/broken.xml"): "malformed feed XML (line 1, column 85: no element found)",
        site.silent_url: "robots.txt: timed out (no answer within 2s)",
        "http://no-such-host.invalid/feed.rss": "robots.txt: host not found: no-such-host.invalid (DNS)",
        site.url("/files/casualty-table.pdf"): "neither a feed nor an HTML page (content type application/pdf)",
        entry(site.url("/news/missing.html")): "HTTP 404 Not Found",
        entry(site.url("/files/casualty-table.pdf")): "not an HTML page (content type application/pdf)",
        entry(site.url("/news/huge.html")): "larger than 5,000,000 bytes (10,485,793 bytes; STRIKEWATCH_INGEST_MAX_PAGE_BYTES)",
        entry(site.url("/news/gallery.html")): "no article text found in the page",
    }
    assert len(re.findall(r" failed ", result.stderr)) == len(failed)  # one line each
    assert f"{entry(site.url('/private/kherson-shelling.html'))}: skipped: robots.txt" in result.stderr
    assert site.served("/private/kherson-shelling.html") == 0

    published = {a["url"]: a for a in articles_of(kafka, site)}
    assert sorted(published) == [site.url("/news/sumy-drone-attack.html"), site.url("/regions/charkiw-bericht.html")]
    assert published[site.url("/regions/charkiw-bericht.html")]["language"] == "de"
    assert "8 failed" in result.stderr.strip().splitlines()[-1]


def test_requests_to_one_host_keep_the_interval_and_other_hosts_do_not_wait(kafka, site, tmp_path):
    interval = 0.8
    env = FAST | {"KAFKA_BOOTSTRAP_SERVERS": kafka, "STRIKEWATCH_INGEST_HOST_INTERVAL": str(interval)}
    result = ingest("--once", site.url("/feeds/news.rss"), site.url("/news/kherson-shelling.html", host="localhost"),
                    cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    local = [r.at for r in site.requests if r.host == "127.0.0.1"]
    other = [r.at for r in site.requests if r.host == "localhost"]
    assert (len(local), len(other)) == (5, 2)  # robots.txt, the feed, three pages; robots.txt, one page
    for times in (local, other):
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert min(gaps) >= interval * 0.98, gaps
    assert other[0] - local[-1] < interval, "a new host waited for another host's turn"


def test_bad_arguments_are_one_line_before_anything_starts(tmp_path):
    for args, message in [([], "no sources: give feed or page URLs, or --sources FILE"),
                          (["ftp://news.test/feed"], "ftp://news.test/feed: not an http(s) URL"),
                          (["--sources", "missing.txt"], "missing.txt: No such file or directory")]:
        result = ingest(*args, cwd=tmp_path, env={"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}"})
        assert (result.returncode, result.stderr) == (1, f"strikewatch: error: {message}\n"), args
    broker_port = free_port()
    up = subprocess.run([sys.executable, "-m", "streams", "up", "--broker-port", str(broker_port), "--ingest", "missing.txt"],
                        capture_output=True, text=True, cwd=tmp_path, env=os.environ | {"PYTHONPATH": str(ROOT)}, timeout=60)
    assert (up.returncode, up.stderr) == (1, "strikewatch: error: missing.txt: No such file or directory\n")
    assert not port_open(broker_port)


def test_an_unreachable_broker_is_one_line(site, tmp_path):
    result = ingest("--once", site.url("/feeds/news.rss"), cwd=tmp_path,
                    env={"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}"})
    assert result.returncode == 1
    assert result.stderr.startswith("strikewatch: error: no Kafka broker answers at 127.0.0.1:")
    assert site.requests == [], "fetched pages it could not publish"


def test_up_runs_ingest_beside_the_worker_and_stops_it(site, tmp_path):
    """`up --ingest FILE`: the sources' strikes reach the dashboard's API, and a signal stops ingest too."""
    (tmp_path / "sources.txt").write_text(f"# our feeds\n{site.url('/feeds/news.rss')}\n\n")
    broker_port, web_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k != "KAFKA_BOOTSTRAP_SERVERS"} | FAST | {"PYTHONPATH": str(ROOT)}
    up = subprocess.Popen([sys.executable, "-m", "streams", "up", "--broker-port", str(broker_port), "--web-port",
                           str(web_port), "--ingest", "sources.txt"], cwd=tmp_path, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def kharkiv_event() -> bool:
            try:
                events = get_json(f"http://127.0.0.1:{web_port}/api/events?limit=50")["events"]
            except OSError:
                return False
            return any(event["location"]["admin1_code"] == "UA-63" for event in events)

        wait_for(kharkiv_event, timeout=180, what="the Kharkiv strike on /api/events")
        up.send_signal(signal.SIGTERM)
        assert up.wait(timeout=60) in (0, 130)
    finally:
        up.kill()
    log = (tmp_path / ".strikewatch" / "ingest.log").read_text()
    assert "published" in log and log.rstrip().endswith("stopped"), log


def test_on_a_terminal_a_progress_line_counts_the_sources(kafka, site, tmp_path):
    site.feeds["/feeds/trouble.rss"] = ["/news/missing.html", "/news/sumy-drone-attack.html"]
    controller, terminal = pty.openpty()
    poller = subprocess.Popen([sys.executable, "-m", "streams", "ingest", "--once", site.url("/feeds/news.rss"),
                               site.url("/feeds/trouble.rss")], cwd=tmp_path, stdout=terminal, stderr=terminal,
                              env=os.environ | {"PYTHONPATH": str(ROOT), "KAFKA_BOOTSTRAP_SERVERS": kafka,
                                                "COLUMNS": "200"} | FAST)  # rich wraps at the width
    os.close(terminal)
    screen = b""
    while chunk := _read_terminal(controller):
        screen += chunk
    assert poller.wait(timeout=60) == 1
    text = screen.decode(errors="replace")
    assert "1/2" in text and "3 published, 0 failed" in text and "4 published, 1 failed" in text
    assert re.search(r"failed\S* http://127\.0\.0\.1:\d+/news/missing\.html\?utm_source=rss: HTTP 404 Not Found", text)
    assert " published " not in text, "a log line per article on a terminal"
    assert "4 published, 0 already known" in text.splitlines()[-1]


def _read_terminal(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # EIO: the child closed the terminal
        return b""
