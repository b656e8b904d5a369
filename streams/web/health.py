"""A worker whose agent died is not healthy: /healthz says so and the process exits non-zero,
so that its supervisor (`strikewatch up`, Kubernetes, systemd) starts a fresh one at once
instead of the stall watchdog finding an idle stream a minute later."""

from __future__ import annotations

import asyncio
import logging
import os

from streams.process import EXIT_CRASHED

logger = logging.getLogger(__name__)

#: How long /healthz answers 503 before the process exits (a probe or the log can see why).
EXIT_DELAY = 1.0


def agent_crashed(app, name: str, exc: BaseException) -> None:
    """An exception escaped agent or task `name`: fail /healthz, then exit (once)."""
    if app.agent_crash is not None:
        return
    app.agent_crash = exc
    logger.error("%s crashed (%s: %s); exiting with status %d so that the supervisor restarts this worker",
                 name, type(exc).__name__, exc, EXIT_CRASHED, exc_info=exc)
    asyncio.get_running_loop().call_later(EXIT_DELAY, os._exit, EXIT_CRASHED)
