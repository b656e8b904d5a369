"""Every way README.md runs strikewatch, as written, from an empty folder: `broker`, `topics`,
`worker --bootstrap B --web-port N`, `publish`, `events`, `watch --once --json`, and `up --demo`.
The HTTP server really listens on 127.0.0.1 only (the kernel's sockets, not the settings)."""

from __future__ import annotations

import json
import signal
import urllib.request

import orjson
import pytest

from streams.process import free_port, wait_for
from tests.integration.cli_process import Background, listening, run

pytestmark = pytest.mark.integration

ARTICLE = {"id": "readme-1", "published_at": "2025-06-02T09:00:00Z", "source": "our own test",
           "text": "A Russian missile struck a warehouse in Kharkiv on Sunday, killing three people and "
                   "wounding seven, the regional governor said."}


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def healthy(url: str) -> bool:
    try:
        return get_json(f"{url}/healthz")["status"] == "ok"
    except OSError:
        return False


def test_running_on_a_real_kafka_as_the_readme_says(tmp_path):
    broker_port, web_port = free_port(), free_port()
    bootstrap = f"127.0.0.1:{broker_port}"
    broker = Background(tmp_path, "broker", "--port", str(broker_port))
    worker = None
    try:
        broker.wait_for_line(f"export KAFKA_BOOTSTRAP_SERVERS={bootstrap}", timeout=30)

        topics = run(tmp_path, "topics", "--bootstrap", bootstrap)
        assert topics.returncode == 0, topics.stderr
        assert "articles" in topics.stdout and "events" in topics.stdout

        worker = Background(tmp_path, "worker", "--bootstrap", bootstrap, "--web-port", str(web_port))
        url = f"http://127.0.0.1:{web_port}"
        wait_for(lambda: healthy(url) or worker.process.poll() is not None, timeout=180, what="/healthz on --web-port")
        assert worker.process.poll() is None, worker.output[-2000:]
        assert listening(web_port) == {"127.0.0.1"}
        assert (tmp_path / ".strikewatch").is_dir()  # the data folder, made by `worker` itself

        (tmp_path / "news.jsonl").write_bytes(orjson.dumps(ARTICLE) + b"\n")
        published = run(tmp_path, "publish", "--bootstrap", bootstrap, "news.jsonl")
        assert published.returncode == 0, published.stderr
        assert "published 1 article(s)" in published.stderr

        def events() -> list[dict]:
            result = run(tmp_path, "events", "--bootstrap", bootstrap, "--from-beginning")
            assert result.returncode == 0, result.stderr
            return [orjson.loads(line) for line in result.stdout.splitlines()]

        wait_for(lambda: events(), timeout=120, what="an event from `strikewatch events`")
        [event] = events()
        assert (event["article_id"], event["location"]["admin1_code"], event["killed"]) == ("readme-1", "UA-63", 3)

        def snapshot() -> dict:
            result = run(tmp_path, "watch", "--once", "--json", "--window", "30d", "--bootstrap", bootstrap)
            assert result.returncode == 0, result.stderr
            return json.loads(result.stdout)

        wait_for(lambda: snapshot()["regions"], timeout=60, what="a region in `watch --once --json`")
        [row] = snapshot()["regions"]
        assert (row["region"], row["strikes"], row["killed"]["best"]) == ("UA-63", 1, 3)
    finally:
        if worker is not None:
            assert worker.stop() in (0, -signal.SIGTERM), worker.output[-2000:]
        broker.stop()


def test_up_demo_from_an_empty_folder(tmp_path):
    broker_port, web_port = free_port(), free_port()
    up = Background(tmp_path, "up", "--demo", "--broker-port", str(broker_port), "--web-port", str(web_port))
    try:
        up.wait_for_line("published", timeout=240)
        url = f"http://127.0.0.1:{web_port}"
        wait_for(lambda: get_json(f"{url}/api/aggregates?window=30d")["regions"], timeout=120,
                 what="the demo's regions on the API")
        assert listening(web_port) == {"127.0.0.1"}
        assert listening(broker_port) == {"127.0.0.1"}
        assert (tmp_path / ".strikewatch" / "worker.log").is_file()
    finally:
        assert up.stop(signal.SIGINT) in (0, 130), up.output[-2000:]


def test_serving_beyond_loopback_without_a_token_is_refused_in_one_line(tmp_path):
    for command in (["worker"], ["up", "--broker-port", str(free_port())]):
        result = run(tmp_path, *command, env={"STRIKEWATCH_WEB_HOST": "0.0.0.0"})
        assert result.returncode == 1, command
        assert result.stderr.strip() == ("strikewatch: error: refusing to serve HTTP on 0.0.0.0 without a token: "
                                         "set STRIKEWATCH_API_TOKEN, or STRIKEWATCH_WEB_HOST=127.0.0.1"), command


def test_a_data_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "a-file").write_text("in the way")
    for command in (["worker"], ["up", "--broker-port", str(free_port())]):
        result = run(tmp_path, *command, env={"STRIKEWATCH_DATA_DIR": "a-file/data"})
        assert result.returncode == 1, command
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("strikewatch: error: cannot create the data folder a-file/data"), line


def test_a_worker_with_no_broker_gives_up_in_one_line_without_a_traceback(tmp_path):
    address = f"127.0.0.1:{free_port()}"
    result = run(tmp_path, "worker", "--bootstrap", address, env={"STRIKEWATCH_WORKER_WAIT": "1"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"strikewatch: error: no Kafka broker answers at {address}"
    assert all("retrying in" in line for line in lines[:-1]), lines


def test_the_console_script_and_python_m_are_one_entry_point(tmp_path):
    import subprocess
    import sys

    from tests.integration.cli_process import USER_ENV

    script = run(tmp_path, "--help")
    module = subprocess.run([sys.executable, "-m", "streams", "--help"], cwd=tmp_path, env=USER_ENV,
                            capture_output=True, text=True, timeout=60)
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout and "strikewatch [OPTIONS] COMMAND" in script.stdout


def test_up_gives_up_in_one_line_on_a_worker_whose_model_cannot_load(tmp_path):
    """A spaCy model folder that cannot load (no meta.json) kills every worker soon after it starts:
    `up` starts it again a few times, then stops with one line naming the reason, instead of
    restarting it forever; its broker and the worker's port are freed."""
    (tmp_path / "broken-model").mkdir()
    broker_port, web_port = free_port(), free_port()
    result = run(tmp_path, "up", "--broker-port", str(broker_port), "--web-port", str(web_port),
                 env={"STRIKEWATCH_SPACY_MODEL": str(tmp_path / "broken-model")}, timeout=600)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("strikewatch: error: the worker exited 3 times in a row within 60s of starting, last with "
                           "status 4: loading the extractor crashed"), last
    assert "broken-model" in last and last.endswith("(log: .strikewatch/worker.log)"), last
    assert result.stderr.count("starting it again") <= 2, result.stderr
    assert not listening(broker_port) and not listening(web_port)
