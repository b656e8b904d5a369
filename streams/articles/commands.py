"""`strikewatch publish`: files, folders or stdin onto the `articles` topic."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import orjson
import typer

from streams.articles.sources import expand, message_key, read_records
from streams.cli import Bootstrap, configure
from streams.errors import BrokerUnavailable


def sample_dir() -> Path:
    return Path(str(files("streams.articles") / "samples"))


def open_producer(settings):
    """A kafka-python producer for the `articles` topic (also used by `strikewatch ingest`)."""
    from kafka import KafkaProducer
    from kafka.errors import KafkaError

    from streams.connection import connection
    from streams.kafka import wait_reachable

    wait_reachable(settings)
    try:
        return KafkaProducer(**connection(settings).kafka_python(), acks="all", linger_ms=5, max_request_size=8_000_000)
    except KafkaError as exc:
        raise BrokerUnavailable(f"cannot publish to {settings.bootstrap_servers or 'the embedded broker'}: {exc}") from exc


def publish_paths(paths: list[str], settings, *, progress: bool) -> int:
    from rich.progress import Progress

    sources = expand(paths)  # bad paths fail before anything is sent
    producer = open_producer(settings)
    sent = 0
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("publishing", total=len(sources))
        for source in sources:
            for record in read_records(source):
                value = record if isinstance(record, bytes) else orjson.dumps(record)
                if isinstance(record, bytes):
                    print(f"strikewatch: warning: {source or 'stdin'}: a line is not JSON; "
                          "published as is (it will be dead-lettered)", file=sys.stderr)
                producer.send(settings.topic_articles, key=message_key(record), value=value)
                sent += 1
            bar.advance(task)
    producer.flush(timeout=30)
    producer.close()
    return sent


def register(cli: typer.Typer) -> None:
    @cli.command()
    def publish(
        paths: Annotated[list[str], typer.Argument(help=".txt, .json or .jsonl files, folders of them, or - for stdin.")],
        bootstrap: Bootstrap = None,
    ) -> None:
        """Publish articles to the `articles` topic (key: article id). A .txt file is one article;
        .json holds an object or a list; .jsonl one object per line. A plain text may start with
        'date YYYY-MM-DD', which sets published_at."""
        settings = configure(bootstrap)
        sent = publish_paths(paths, settings, progress=sys.stderr.isatty())
        typer.echo(f"published {sent} article(s) to {settings.topic_articles}", err=True)
