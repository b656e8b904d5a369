"""Prometheus metrics of the worker (served at /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

registry = CollectorRegistry()
articles_consumed = Counter("strikewatch_articles_consumed", "Article messages consumed", registry=registry)
articles_processed = Counter("strikewatch_articles_processed", "Articles turned into zero or more events", registry=registry)
events_emitted = Counter("strikewatch_events_emitted", "Event messages produced", registry=registry)
events_consumed = Counter("strikewatch_events_consumed", "Event messages consumed by the aggregator", registry=registry)
events_unbucketed = Counter("strikewatch_events_unbucketed",
                            "Events not counted in regional buckets, by reason: no_region, no_day, or retention "
                            "(older than the retention before its region's newest event)", ["reason"],
                            registry=registry)
events_redelivered = Counter("strikewatch_events_redelivered",
                             "Events whose report a bucket already held (a redelivery; the summary is sent again)",
                             registry=registry)
dead_letters = Counter("strikewatch_dead_letters", "Messages dead-lettered", ["error"], registry=registry)
dead_letters_failed = Counter("strikewatch_dead_letters_failed",
                              "Messages to dead-letter whose dead letter could not be sent (logged, skipped)",
                              ["error"], registry=registry)
extraction_seconds = Histogram("strikewatch_extraction_seconds", "Extraction time per article",
                               buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5), registry=registry)
incidents = Gauge("strikewatch_incidents", "Distinct incidents in the read model", registry=registry)
consumer_lag = Gauge("strikewatch_consumer_lag", "Messages not yet consumed, per topic", ["topic"], registry=registry)
