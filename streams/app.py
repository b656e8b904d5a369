"""The Faust application: one app, its topics, and ``main()`` (the ``strikewatch`` command)."""

from __future__ import annotations

import faust

import streams.transport  # noqa: F401  (registers the strikewatch:// transport)
from streams.kafka import bootstrap
from streams.settings import get_settings


def faust_options(settings) -> dict:
    ssl_context = None
    credentials = None
    if settings.security_protocol != "PLAINTEXT":
        import ssl

        ssl_context = ssl.create_default_context(cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None)
        if settings.sasl_mechanism:
            credentials = faust.SASLCredentials(username=settings.sasl_username, password=settings.sasl_password,
                                                mechanism=settings.sasl_mechanism, ssl_context=ssl_context)
        else:
            credentials = faust.SSLCredentials(ssl_context)
    return {
        "broker": f"strikewatch://{bootstrap(settings)}",
        "broker_credentials": credentials,
        "store": settings.store,
        "datadir": str(settings.data_dir / "{conf.id}-data"),
        "topic_partitions": settings.partitions,
        "topic_allow_declare": False,
        # Tansu holds a group's first join for session_timeout/2: keep it short locally.
        "broker_session_timeout": settings.session_timeout,
        "broker_heartbeat_interval": 1.0,
        "broker_rebalance_timeout": settings.session_timeout,
        "consumer_auto_offset_reset": "earliest",
        "processing_guarantee": "at_least_once",  # Tansu's transactions are broken; we are idempotent instead
        "table_standby_replicas": 0,
        "web_host": settings.web_host,
        "web_port": settings.web_port,
        "web_in_thread": False,
        "autodiscover": False,
        "producer_acks": -1,
        # Each event becomes three sends (event, table changelog, summary). Waiting 10 ms lets them
        # share produce requests: the broker's CPU per article fell by about a third (BENCHMARKS.md).
        "producer_linger_ms": 10,
        "stream_wait_empty": False,
    }


settings = get_settings()
app = faust.App(settings.app_id, **faust_options(settings))

articles_topic = app.topic(settings.topic_articles, key_serializer="raw", value_serializer="raw")
events_topic = app.topic(settings.topic_events, key_serializer="raw", value_serializer="raw")
aggregates_topic = app.topic(settings.topic_aggregates, key_serializer="raw", value_serializer="raw")
deadletter_topic = app.topic(settings.topic_deadletter, key_serializer="raw", value_serializer="raw")


def load_stages() -> None:
    """Import the agents and views so that they register on ``app``."""
    import streams.aggregates.agents  # noqa: F401
    import streams.aggregates.views  # noqa: F401
    import streams.articles.agents  # noqa: F401
    import streams.events.views  # noqa: F401
    import streams.watchdog  # noqa: F401
    import streams.web.views  # noqa: F401


def main() -> None:
    from streams.cli import run

    run()
