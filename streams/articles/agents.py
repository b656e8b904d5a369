"""The NLP agent: `articles` -> `events` (+ `deadletter`).

Bad-message policy: classify, dead-letter, log ``topic[partition]@offset``, keep going.
Every consumed article is either processed (0..n events) or dead-lettered.
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from functools import cache

import orjson

from streams import metrics
from streams.articles.models import parse_article
from streams.deadletter.policy import send_dead_letter
from streams.errors import ExtractionFailed, InvalidMessage
from streams.events.models import event_key
from streams.nlp import Extractor
from streams.schemas import validate
from streams.web.health import agent_crashed

logger = logging.getLogger(__name__)


@cache
def loaded_extractor(model: str, batch_size: int) -> asyncio.Future:
    """The extractor, built once in a thread (loading spaCy takes seconds) and shared by every batch."""
    return asyncio.ensure_future(asyncio.to_thread(Extractor, model, batch_size=batch_size))


def extract_all(extractor: Extractor, articles: list) -> list[list[dict] | ExtractionFailed]:
    """Events of each article; an article the extractor fails on gets its error instead, not the batch."""
    try:
        return list(extractor.extract_many(articles))
    except Exception:
        if len(articles) == 1:
            logger.exception("extractor failed on article %s", articles[0].id)
            return [ExtractionFailed(f"the extractor raised on this article: {traceback.format_exc(limit=1)[-500:]}")]
        return [result for article in articles for result in extract_all(extractor, [article])]


def register(app) -> None:
    """The NLP agent (and the extractor's warm-up) on `app` (streams.app.StrikewatchApp)."""
    settings = app.settings

    @app.task
    async def warm_up() -> None:
        try:
            await loaded_extractor(settings.spacy_model, settings.batch_size)
        except Exception as exc:  # a model that cannot load: the worker is of no use, as after an agent crash
            agent_crashed(app, "loading the extractor", exc)

    @app.agent(app.roles["articles"])
    async def extract_events(stream):
        async for batch in stream.take_events(settings.batch_size, within=settings.batch_within):
            await process_batch(app, batch)


async def process_batch(app, batch: list) -> None:
    """Events of a batch of `articles` messages; dead letters for the bad ones."""
    settings = app.settings
    source = settings.topic_articles
    parsed = []
    for event in batch:
        metrics.articles_consumed.inc()
        message = event.message
        try:
            article, fallback = parse_article(message.value, timestamp=message.timestamp,
                                              max_bytes=settings.max_article_bytes)
            parsed.append((message, article, fallback))
        except InvalidMessage as error:
            await send_dead_letter(app, error, message, source)
    if not parsed:
        return
    extractor = await loaded_extractor(settings.spacy_model, settings.batch_size)
    started = time.perf_counter()
    articles = [article for _, article, _ in parsed]
    # On the event loop, not in a thread: in a thread the parser and the loop traded the GIL and
    # the pipeline ran slower (BENCHMARKS.md). HTTP answers wait for at most one batch (about
    # 0.2 s of 64 articles); the group heartbeats run in Faust's consumer thread.
    results = extract_all(extractor, articles)
    per_article = (time.perf_counter() - started) / len(parsed)
    for (message, _, fallback), events in zip(parsed, results, strict=True):
        metrics.extraction_seconds.observe(per_article)
        try:
            if isinstance(events, ExtractionFailed):
                raise events
            for event in events:
                if fallback:
                    event["published_at_fallback"] = True
                validate("event", event)
                await app.roles["events"].send(key=event_key(event).encode(), value=orjson.dumps(event))
                metrics.events_emitted.inc()
            metrics.articles_processed.inc()
        except InvalidMessage as error:
            await send_dead_letter(app, error, message, source)
    # At-least-once needs no flush here: Faust flushes the producer before it commits offsets.
