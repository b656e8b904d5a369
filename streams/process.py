"""`strikewatch worker` as a child process: started, awaited, read, stopped (or killed).

Used by the benchmark and the integration tests, which need real worker processes (crash
them, run two of them, read their peak memory) rather than an app inside the test.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from streams.errors import StreamsError

#: A worker's exit status when its watchdog found the stream stalled (streams/watchdog.py): restart it.
EXIT_STALLED = 3
#: A worker's exit status when one of its agents crashed (streams/web/health.py): restart it.
EXIT_CRASHED = 4
#: Exit statuses after which a supervisor should start the worker again.
RESTARTABLE = (EXIT_STALLED, EXIT_CRASHED)
#: A supervisor gives up on a worker that exits this many times in a row, each time within
#: QUICK_EXIT_SECONDS of answering /healthz: a model that cannot load fails the same way every time.
QUICK_EXITS = 3
QUICK_EXIT_SECONDS = 60.0


_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL):
    """A Popen ``preexec_fn``: the child gets `sig` when the process that started it dies, however it
    dies (SIGKILL, the OOM killer, a supervisor's timeout), so that no broker or worker outlives it
    holding its port. Linux's prctl(PR_SET_PDEATHSIG); elsewhere nothing (None).

    The signal comes when the *thread* that started the child ends: start children from the main thread.
    """
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork, not in the child
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, sig)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


class Restarts:
    """A supervisor's count of a worker's quick restartable exits: start it again, or give up."""

    def __init__(self, *, limit: int = QUICK_EXITS, quick: float = QUICK_EXIT_SECONDS) -> None:
        self.limit, self.quick = limit, quick
        self.in_a_row = 0
        self.healthy_at = time.monotonic()

    def started(self) -> None:
        """The worker answers /healthz."""
        self.healthy_at = time.monotonic()

    def again(self, status: int) -> bool:
        """Whether to start the worker again after it exited with `status`."""
        if status not in RESTARTABLE:
            return False
        # A worker that ran a while before stalling or crashing counts as the first of a new series.
        self.in_a_row = self.in_a_row + 1 if time.monotonic() - self.healthy_at < self.quick else 1
        return self.in_a_row < self.limit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class WorkerProcess:
    def __init__(self, bootstrap: str, data_dir: Path, *, env: dict[str, str] | None = None, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        self.env = {"KAFKA_BOOTSTRAP_SERVERS": bootstrap, "STRIKEWATCH_WEB_PORT": str(self.port),
                    "STRIKEWATCH_DATA_DIR": str(data_dir), **(env or {})}
        self.log = data_dir / "worker.log"
        self.process: subprocess.Popen | None = None

    def start(self, *, wait: float = 120) -> WorkerProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "streams", "worker", "--loglevel", "warning"],
                                            env=os.environ | self.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True, preexec_fn=die_with_parent())
        if wait:
            self.wait_healthy(wait)
        return self

    def wait_healthy(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StreamsError(f"worker exited with status {self.process.returncode} before it answered /healthz "
                                   f"({self.last_error()}); see {self.log}")
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.3)
        raise StreamsError(f"worker did not answer {self.url}/healthz within {timeout:.0f}s")

    def last_error(self) -> str:
        """The last error line of the worker's log, without its timestamp and process id."""
        lines = [line for line in self.log.read_text(errors="replace").splitlines() if "[ERROR]" in line]
        if not lines:
            return "no error logged"
        return lines[-1].split("[ERROR]", 1)[1].split("; exiting with status", 1)[0].strip()

    def metric(self, name: str) -> float:
        """A counter or gauge of /metrics, summed over its labels."""
        # The NLP agent runs on the event loop, so /metrics waits for the batch in hand: a batch of
        # long real articles on a loaded 2-core machine took over 5 s (test_dev_real_incidents).
        text = urllib.request.urlopen(f"{self.url}/metrics", timeout=60).read().decode()
        return sum(float(v) for v in re.findall(rf"^{re.escape(name)}(?:_total)?(?:{{[^}}]*}})? (\S+)$", text, re.MULTILINE))

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024

    def stop(self, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL, as a crash: no shutdown, no commit, no flush."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def wait_for(condition, *, timeout: float, interval: float = 0.2, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)
