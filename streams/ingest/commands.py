"""`strikewatch ingest`: RSS/Atom feeds and article pages onto the `articles` topic, each article once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import orjson
import typer

from streams.cli import Bootstrap, configure
from streams.errors import BrokerError, InputError
from streams.process import WorkerProcess, die_with_parent

STATE_FILE = "ingest.sqlite3"


def read_sources(arguments: list[str], sources_file: Path | None) -> list[str]:
    """The URLs to read, in order, each once; a file has one a line, '#' starts a comment."""
    urls = list(arguments)
    if sources_file is not None:
        try:
            lines = sources_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"{sources_file}: {exc.strerror}") from exc
        urls += [line.split("#", 1)[0].strip() for line in lines]
    urls = list(dict.fromkeys(url for url in urls if url))
    if not urls:
        raise InputError("no sources: give feed or page URLs, or --sources FILE")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"{url}: not an http(s) URL")
    return urls


class LogReporter:
    """One line per published article and per failure, on stderr, for logs and cron mail."""

    def source(self, url: str) -> None:
        pass

    def published(self, record: dict) -> None:
        _log(f"published {record['id']} {record['url']} ({record['language']}, {record['published_at']}) {record['title']!r}")

    def failed(self, url: str, reason: str) -> None:
        _log(f"failed {url}: {reason}")

    def note(self, url: str, text: str) -> None:
        _log(f"{url}: {text}")


class ProgressReporter:
    """A progress line on a terminal (sources done, articles published, failures); failures and notes
    print above it."""

    def __init__(self, progress, total: int) -> None:
        self.progress = progress
        self.task = progress.add_task("", total=total)
        self.started = self.published_count = self.failed_count = 0
        self.url = ""

    def source(self, url: str) -> None:
        if self.started:
            self.progress.advance(self.task)
        self.started += 1
        self.url = url
        self._show()

    def published(self, record: dict) -> None:
        self.published_count += 1
        self._show()

    def failed(self, url: str, reason: str) -> None:
        self.failed_count += 1
        from rich.markup import escape

        self.progress.console.print(f"[red]failed[/] {escape(url)}: {escape(reason)}", highlight=False)
        self._show()

    def note(self, url: str, text: str) -> None:
        self.progress.console.print(f"{url}: {text}", highlight=False, markup=False)

    def _show(self) -> None:
        self.progress.update(self.task, description=f"{self.published_count} published, {self.failed_count} failed · "
                                                    f"{self.url[:50]}")


def _log(line: str) -> None:
    print(f"{datetime.now(UTC).isoformat(timespec='seconds').replace('+00:00', 'Z')} {line}", file=sys.stderr, flush=True)


def run_ingest(urls: list[str], settings, *, once: bool, since, tty: bool) -> int:
    """Poll until a signal (or once); the exit status: 1 when a source failed in a --once run."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from streams.articles.commands import open_producer
    from streams.articles.sources import message_key
    from streams.cli import _interrupt_on_signals, ensure_data_dir
    from streams.ingest.fetch import Fetcher
    from streams.ingest.poll import Poller
    from streams.ingest.state import State

    producer = open_producer(settings)
    state = State(ensure_data_dir(settings) / STATE_FILE)
    fetcher = Fetcher(settings)

    def send(record: dict) -> None:
        from kafka.errors import KafkaError

        try:
            producer.send(settings.topic_articles, key=message_key(record), value=orjson.dumps(record)).get(timeout=30)
        except KafkaError as exc:
            raise BrokerError(f"publishing {record['url']} failed: {exc}") from exc

    _interrupt_on_signals()
    try:
        while True:
            started = time.monotonic()
            if tty:
                columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
                with Progress(*columns, transient=True) as progress:
                    reporter = ProgressReporter(progress, len(urls))
                    summary = Poller(fetcher=fetcher, state=state, send=send, reporter=reporter, since=since).poll(urls)
            else:
                summary = Poller(fetcher=fetcher, state=state, send=send, reporter=LogReporter(), since=since).poll(urls)
            _log(f"poll of {len(urls)} source(s) done in {time.monotonic() - started:.1f}s: {summary.line()}")
            if once:
                return 1 if summary.failed else 0
            _log(f"next poll in {settings.ingest_every:g}s (Ctrl-C stops)")
            time.sleep(max(0.0, settings.ingest_every - (time.monotonic() - started)))
    except KeyboardInterrupt:
        _log("stopped")
        return 0
    finally:
        fetcher.close()
        state.close()
        producer.close(timeout=10)  # every send was acknowledged already; nothing waits in it


class IngestProcess(WorkerProcess):
    """`strikewatch ingest --sources FILE` beside the worker, for `up --ingest FILE`; stopped like a worker."""

    def __init__(self, sources_file: Path, bootstrap: str, data_dir: Path) -> None:
        read_sources([], sources_file)  # a bad file fails before anything starts
        super().__init__(bootstrap, data_dir)
        self.sources_file = sources_file.resolve()
        self.log = data_dir / "ingest.log"

    def start(self) -> IngestProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "streams", "ingest", "--sources", str(self.sources_file)],
                                            env=os.environ | self.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True, preexec_fn=die_with_parent())
        return self


HELP = (
    "Read news feeds and article pages and publish each new article to the `articles` topic once.\n\n"
    "Each feed entry's page is fetched and its main text, title, date and language extracted; menus, "
    "cookie banners, share buttons and related links are dropped. A message has id (from the url), url, "
    "title, source (the site), published_at (the entry's date, else the page's, else now with "
    "published_at_fallback: true), language and text.\n\n"
    "Polite: robots.txt is obeyed, one request per host every STRIKEWATCH_INGEST_HOST_INTERVAL seconds "
    "(1), feeds are asked for with ETag / If-Modified-Since. What was published and each feed's "
    "validators are kept in $STRIKEWATCH_DATA_DIR/ingest.sqlite3, so a restart republishes nothing.\n\n"
    "A source that fails (no such host, HTTP error, timeout, malformed XML, not HTML, too large, no "
    "article text) is reported in one line and skipped; the others go on. On a terminal a progress "
    "line shows the sources; otherwise each published article is one log line on stderr."
)


def register(cli: typer.Typer) -> None:
    @cli.command(help=HELP, epilog="Example: strikewatch ingest https://example.org/world/rss.xml --every 600\n\n"
                 "Cron: */15 * * * * strikewatch ingest --once --sources /etc/strikewatch/sources.txt")
    def ingest(
        sources: Annotated[list[str] | None, typer.Argument(
            help="RSS or Atom feed URLs (each entry's page is read), or article page URLs.", show_default=False)] = None,
        sources_file: Annotated[Path | None, typer.Option(
            "--sources", help="A file of source URLs, one a line; '#' starts a comment.", show_default=False)] = None,
        every: Annotated[float | None, typer.Option(
            "--every", min=1, help="Seconds between polls (default $STRIKEWATCH_INGEST_EVERY, 300).",
            show_default=False)] = None,
        once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron); exit status 1 when a "
                                           "source failed.")] = False,
        since: Annotated[datetime | None, typer.Option(
            "--since", formats=["%Y-%m-%d"], help="Skip entries dated before this day (YYYY-MM-DD).",
            show_default=False)] = None,
        bootstrap: Bootstrap = None,
    ) -> None:
        urls = read_sources(sources or [], sources_file)
        settings = configure(bootstrap, ingest_every=every)
        status = run_ingest(urls, settings, once=once, since=since.date() if since else None, tty=sys.stderr.isatty())
        raise typer.Exit(status)
