"""The Faust application, built by :func:`create_app` from a Settings object, and ``main()``.

Importing this module builds nothing: the command line parses its options into Settings first,
then `strikewatch worker` calls ``create_app(settings)``. Each stage module in STAGES has a
``register(app)`` that adds its agents, tables, timers and pages to the app it is given.
"""

from __future__ import annotations

import importlib

import faust

from streams.connection import connection
from streams.errors import ConfigError
from streams.settings import TOPICS, Settings

#: Modules whose register(app) adds the agents, timers and HTTP pages of a worker.
STAGES = (
    "streams.articles.agents",
    "streams.aggregates.agents",
    "streams.aggregates.views",
    "streams.events.views",
    "streams.incidents.views",
    "streams.watchdog",
    "streams.web.views",
)


def faust_options(settings: Settings) -> dict:
    kafka = connection(settings)
    return {
        "broker": f"strikewatch://{kafka.bootstrap}",
        "broker_credentials": kafka.faust_credentials(),
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
        # Faust binds web_bind (all interfaces unless told); web_host only names the URL it advertises.
        "web_bind": settings.web_host,
        "web_host": f"[{settings.web_host}]" if ":" in settings.web_host else settings.web_host,  # a URL's host
        "web_port": settings.web_port,
        "web_in_thread": False,
        "autodiscover": False,
        "producer_acks": -1,
        # Each event becomes three sends (event, table changelog, summary). Waiting 10 ms lets them
        # share produce requests: the broker's CPU per article fell by about a third (BENCHMARKS.md).
        "producer_linger_ms": 10,
        "stream_wait_empty": False,
    }


class StrikewatchApp(faust.App):
    """A faust.App that also carries what its stages share: the settings and the topics by role."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.app_id, **faust_options(settings))
        self.settings = settings
        self.roles = {role: self.topic(settings.topic(role), key_serializer="raw", value_serializer="raw")
                      for role in TOPICS}
        self.agent_crash: BaseException | None = None  # set when an agent dies (streams/web/views.py, /healthz)

    async def _on_agent_error(self, agent, exc: BaseException) -> None:
        """Faust's hook for an exception that escaped an agent (see "agent errors" in Faust's guide)."""
        from streams.web.health import agent_crashed

        await super()._on_agent_error(agent, exc)
        agent_crashed(self, f"agent {agent.name}", exc)


def check_web_binding(settings: Settings) -> None:
    """Anyone who can reach a non-loopback address could read the API: require a token there."""
    if not settings.web_is_loopback and not settings.api_token:
        raise ConfigError(f"refusing to serve HTTP on {settings.web_host} without a token: "
                          "set STRIKEWATCH_API_TOKEN, or STRIKEWATCH_WEB_HOST=127.0.0.1")


def create_app(settings: Settings, stages: tuple[str, ...] = STAGES) -> StrikewatchApp:
    """The worker's Faust app with its topics, and the agents and pages of `stages` registered on it."""
    check_web_binding(settings)
    import streams.transport  # noqa: F401  (registers the strikewatch:// transport)

    app = StrikewatchApp(settings)
    for name in stages:
        importlib.import_module(name).register(app)
    return app


def main() -> None:
    """The `strikewatch` console script; `python -m streams` is the same."""
    from streams.cli import run

    run()
