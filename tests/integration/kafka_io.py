"""Helpers for integration tests: publish to, and read back from, a real broker."""

from __future__ import annotations

import json
import time
import urllib.request

import orjson
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from streams.kafka import EmbeddedBroker, consume, ensure_topics
from streams.process import free_port
from streams.settings import Settings


def fresh_broker(stack) -> str:
    """A new embedded broker with every topic created, stopped when `stack` closes; its address."""
    broker = EmbeddedBroker(free_port()).start()
    stack.callback(broker.stop)
    ensure_topics(Settings(KAFKA_BOOTSTRAP_SERVERS=broker.address))
    return broker.address


def publish(bootstrap: str, articles: list[dict], topic: str = "articles") -> None:
    """Articles (or any JSON objects), keyed by their `id`."""
    publish_raw(bootstrap, topic, [(article.get("id", "").encode() or None, orjson.dumps(article)) for article in articles])


def publish_raw(bootstrap: str, topic: str, messages: list[tuple[bytes | None, bytes]], **producer_options) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, **producer_options)
    for key, value in messages:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()


def read_topic(bootstrap: str, topic: str) -> list[tuple[bytes | None, bytes]]:
    """Every message of every partition, from the start to the current end."""
    return list(consume(Settings(KAFKA_BOOTSTRAP_SERVERS=bootstrap), topic, from_beginning=True, follow=False))


def latest_aggregates(bootstrap: str) -> dict[str, dict]:
    """Latest value per key of `aggregates`, without the wall-clock `updated_at`."""
    latest = {}
    for key, value in read_topic(bootstrap, "aggregates"):
        bucket = orjson.loads(value) if value is not None else None
        if bucket is not None:
            bucket.pop("updated_at")
        latest[key.decode()] = bucket
    return {k: v for k, v in latest.items() if v is not None}


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def wait_quiet(bootstrap: str, topic: str, *, quiet: float = 2.0, timeout: float = 60) -> None:
    """Until nothing new has been written to `topic` for `quiet` seconds."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    try:
        while time.monotonic() < deadline:
            ends = consumer.end_offsets(partitions)
            if ends != last:
                last, since = ends, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.25)
        raise TimeoutError(f"{topic} kept changing for {timeout:.0f}s")
    finally:
        consumer.close()
