"""A schemathesis run over /api/openapi.json against a real worker holding the sample incidents:
no 5xx, and every response matches the status codes, media types and schemas the document states."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from contextlib import ExitStack

import pytest

from streams.articles.commands import sample_dir
from streams.process import WorkerProcess, wait_for
from tests.conftest import cli
from tests.integration.kafka_io import fresh_broker, get_json

pytestmark = pytest.mark.integration

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance," \
         "response_headers_conformance"


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    with ExitStack() as stack:
        worker = WorkerProcess(fresh_broker(stack), tmp_path_factory.mktemp("openapi")).start()
        stack.callback(worker.stop)
        published = cli("publish", str(sample_dir()), env=worker.env)
        assert published.returncode == 0, published.stderr
        wait_for(lambda: get_json(f"{worker.url}/api/incidents")["count"] >= 8, timeout=120, what="sample incidents")
        yield worker


def test_every_endpoint_answers_as_documented(samples, tmp_path):
    document = get_json(f"{samples.url}/api/openapi.json")
    for path in document["paths"]:
        concrete = path.replace("{code}", "UA-63").replace("{folder}", "leaflet").replace("{name}", "leaflet.js")
        with urllib.request.urlopen(samples.url + concrete, timeout=10) as response:  # raises on 4xx/5xx
            assert response.status == 200, path
    run = subprocess.run([sys.executable, "-m", "schemathesis.cli", "run", f"{samples.url}/api/openapi.json",
                          "--checks", CHECKS, "--phases", "examples,coverage,fuzzing", "--max-examples", "40",
                          "--seed", "17", "--no-color"], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    (tmp_path / "schemathesis.log").write_text(run.stdout + run.stderr)
    assert run.returncode == 0, run.stdout[-4000:]
    assert " passed" in run.stdout and "failed" not in run.stdout.split("SUMMARY")[-1].lower()
