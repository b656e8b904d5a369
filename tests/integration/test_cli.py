"""The CLI as a subprocess: one-line errors, offline extract."""

from __future__ import annotations

import orjson

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


def test_extract_runs_offline_and_prints_valid_events():
    result = cli("extract", str(ROOT / "streams/articles/samples/demo.jsonl"),
                 env={"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1"})
    assert result.returncode == 0, result.stderr
    events = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert len(events) >= 8
    for event in events:
        validate("event", event)
    assert {"UA-63", "PS-KYS", "SD-DN"} <= {e["location"]["admin1_code"] for e in events}
