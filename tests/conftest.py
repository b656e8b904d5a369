from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from streams.process import free_port

ROOT = Path(__file__).resolve().parent.parent
#: The project's shared data (dev-real, airwars, seeds): read at run time, never copied into the repo.
SHARED = ROOT.parent / "shared"


def _docker_kafka():
    """testcontainers' Kafka (KRaft) when a Docker engine answers; None otherwise."""
    try:
        import docker

        docker.from_env(timeout=2).ping()
    except Exception:
        return None
    from testcontainers.kafka import KafkaContainer

    return KafkaContainer().with_kraft()


@pytest.fixture(scope="session")
def kafka():
    """Bootstrap address of a real broker: Docker's Kafka if available, else the embedded Tansu."""
    container = _docker_kafka()
    if container is not None:
        with container as running:
            yield running.get_bootstrap_server()
        return
    from streams.kafka import EmbeddedBroker

    broker = EmbeddedBroker(free_port()).start()
    try:
        yield broker.address
    finally:
        broker.stop()


def cli(*args: str, env: dict | None = None, input: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams", *args], capture_output=True, input=input, timeout=timeout,
                          env=os.environ | (env or {}), cwd=ROOT)


@pytest.fixture(scope="session")
def worker(kafka, tmp_path_factory):
    """A running worker (subprocess) on the test broker; yields its env and base URL."""
    from streams.process import WorkerProcess

    # A small article limit, so that the too-large case needs no megabyte messages.
    process = WorkerProcess(kafka, tmp_path_factory.mktemp("worker"), env={"STRIKEWATCH_MAX_ARTICLE_BYTES": "200000"})
    result = cli("topics", env=process.env)
    assert result.returncode == 0, result.stderr
    process.start()
    yield {"env": process.env, "url": process.url, "log": process.log, "process": process}
    process.stop()
