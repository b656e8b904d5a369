"""The `strikewatch` command as a user runs it: the console script (else `python -m streams`),
from a folder of the test's choosing, in the background or to completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import psutil

from streams.process import wait_for
from tests.conftest import ROOT

#: The environment of a new user: no broker chosen, no settings; this checkout's code first.
USER_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("STRIKEWATCH_", "KAFKA_"))} | {"PYTHONPATH": str(ROOT)}


def command() -> list[str]:
    script = shutil.which("strikewatch")
    return [script] if script else [sys.executable, "-m", "streams"]


def run(cwd: Path, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*command(), *args], cwd=cwd, env=USER_ENV | (env or {}), capture_output=True, text=True,
                          timeout=timeout)


class Background:
    """A long-running command; its output (stdout and stderr) collected line by line."""

    def __init__(self, cwd: Path, *args: str, env: dict | None = None) -> None:
        self.process = subprocess.Popen([*command(), *args], cwd=cwd, env=USER_ENV | (env or {}), text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_line(self, text: str, timeout: float = 120) -> None:
        wait_for(lambda: any(text in line for line in self.lines) or self.process.poll() is not None,
                 timeout=timeout, what=repr(text))
        assert any(text in line for line in self.lines), self.output[-2000:]

    def stop(self, sig: int = 15, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def listening(port: int) -> set[str]:
    """The addresses on which some process really listens on `port` (the kernel's sockets)."""
    return {conn.laddr.ip for conn in psutil.net_connections(kind="inet")
            if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port}


def port_free(port: int) -> bool:
    return not listening(port)
