from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    data = tmp_path_factory.mktemp("worker")
    port = free_port()
    env = {"KAFKA_BOOTSTRAP_SERVERS": kafka, "STRIKEWATCH_WEB_PORT": str(port), "STRIKEWATCH_DATA_DIR": str(data)}
    result = cli("topics", env=env)
    assert result.returncode == 0, result.stderr
    log = open(data / "worker.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "streams", "worker", "--loglevel", "warning"], env=os.environ | env,
                               stdout=log, stderr=log, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            break
        except OSError:
            assert process.poll() is None, (data / "worker.log").read_text()
            time.sleep(0.5)
    yield {"env": env, "url": url, "log": data / "worker.log"}
    process.terminate()
    process.wait(timeout=30)
