"""No orphan broker or worker: when `strikewatch broker` or `strikewatch up` is killed hard
(SIGKILL, as the OOM killer or a supervisor's timeout does), what it started dies with it and
its ports are free again within 3 s, so that the next `up` can start."""

from __future__ import annotations

import signal
import time

import pytest

from streams.process import free_port, wait_for
from tests.integration.cli_process import Background, listening, port_free

pytestmark = pytest.mark.integration


def free_within(ports: list[int], seconds: float) -> list[int]:
    """The ports still taken after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(port_free(port) for port in ports):
            return []
        time.sleep(0.05)
    return [port for port in ports if not port_free(port)]


def test_sigkill_of_broker_frees_its_port(tmp_path):
    port = free_port()
    broker = Background(tmp_path, "broker", "--port", str(port))
    try:
        broker.wait_for_line("embedded broker listening", timeout=30)
        assert listening(port) == {"127.0.0.1"}
        broker.process.send_signal(signal.SIGKILL)
        broker.process.wait(timeout=10)
        assert free_within([port], 3) == [], "the embedded broker outlived `strikewatch broker`"
    finally:
        broker.stop()


def test_sigkill_of_up_frees_the_broker_and_worker_ports(tmp_path):
    broker_port, web_port = free_port(), free_port()
    up = Background(tmp_path, "up", "--broker-port", str(broker_port), "--web-port", str(web_port))
    try:
        up.wait_for_line("Ctrl-C stops everything", timeout=240)
        wait_for(lambda: listening(web_port), timeout=30, what="the worker's HTTP port")
        up.process.send_signal(signal.SIGKILL)
        up.process.wait(timeout=10)
        assert free_within([broker_port, web_port], 3) == [], "the broker or the worker outlived `strikewatch up`"
    finally:
        up.stop()
