"""Real parts for the streaming stages: the embedded broker and `strikewatch worker` processes."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Worker:
    def __init__(self, bootstrap: str, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        data_dir.mkdir(parents=True, exist_ok=True)
        env = os.environ | {"KAFKA_BOOTSTRAP_SERVERS": bootstrap, "STRIKEWATCH_WEB_PORT": str(self.port),
                            "STRIKEWATCH_DATA_DIR": str(data_dir)}
        self.log = data_dir / "worker.log"
        self.process = subprocess.Popen([sys.executable, "-m", "streams", "worker", "--loglevel", "warning"], env=env,
                                        stdout=self.log.open("wb"), stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"worker exited: {self.log.read_text()[-2000:]}") from None
                time.sleep(0.3)
        raise TimeoutError("worker did not become healthy")

    def metric(self, name: str) -> float:
        text = urllib.request.urlopen(f"{self.url}/metrics", timeout=5).read().decode()
        found = re.search(rf"^{re.escape(name)}(?:_total)? ([0-9.e+]+)$", text, re.MULTILINE)
        return float(found.group(1)) if found else 0.0

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
