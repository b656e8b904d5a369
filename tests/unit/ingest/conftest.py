from __future__ import annotations

import pytest

from streams.settings import Settings
from tests.ingest_site import Site


@pytest.fixture
def site():
    with Site() as running:
        yield running


@pytest.fixture
def settings():
    """Fast and short: the tests measure behaviour, not wall-clock politeness."""
    return Settings(ingest_host_interval=0.0, ingest_timeout=1.0, ingest_retries=1, ingest_backoff=0.01)
