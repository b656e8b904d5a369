"""HTTP hardening: 400 with a JSON error for bad parameters, 127.0.0.1 only by default, an optional
bearer token over the API and the dashboard."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from streams.kafka import ensure_topics
from streams.process import WorkerProcess
from streams.settings import Settings

pytestmark = pytest.mark.integration


def status_and_body(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("path", [
    "/api/aggregates?window=9d", "/api/aggregates?window=", "/api/aggregates?as_of=yesterday",
    "/api/aggregates?as_of=2025-13-01", "/api/events?limit=0", "/api/events?limit=many", "/api/events?limit=100000",
    "/api/regions/UA_63;drop", "/api/regions/X",
    "/api/incidents?from=2024-3-1", "/api/incidents?to=tomorrow", "/api/incidents?from=2024-03-02&to=2024-03-01",
    "/api/incidents?country=Ukraine", "/api/incidents?region=Kharkiv", "/api/incidents?type=bombing",
    "/api/incidents?limit=0", "/api/incidents?limit=1001", "/api/incidents?cursor=not-ours",
    "/api/incidents.geojson?from=2024-02-30", "/api/incidents.csv?limit=100001", "/api/incidents.csv?country=U",
])
def test_bad_parameters_get_400_and_a_json_error(worker, path):
    status, body = status_and_body(worker["url"] + path)
    assert status == 400, path
    error = json.loads(body)
    assert error["error"] == "bad_request" and error["detail"]


def test_the_server_listens_on_loopback_only_by_default(worker):
    """The kernel's listening sockets on the worker's port, not the settings."""
    from tests.integration.cli_process import listening

    assert listening(worker["process"].port) == {"127.0.0.1"}


def test_a_token_guards_api_and_dashboard_but_not_health(kafka, tmp_path):
    env = {"STRIKEWATCH_API_TOKEN": "s3cret", "STRIKEWATCH_APP_ID": "strikewatch-token-test"}
    settings = Settings(KAFKA_BOOTSTRAP_SERVERS=kafka, **{"app_id": env["STRIKEWATCH_APP_ID"]})
    ensure_topics(settings)  # this app id's own internal topics
    worker = WorkerProcess(kafka, tmp_path / "token", env=env).start()
    try:
        for path in ("/", "/api/aggregates", "/api/events", "/api/regions/UA-63", "/metrics", "/api/incidents",
                     "/api/incidents.geojson", "/api/incidents.csv", "/api/openapi.json", "/static/leaflet/leaflet.js"):
            assert status_and_body(worker.url + path)[0] == 401, path
            assert status_and_body(worker.url + path, {"Authorization": "Bearer wrong"})[0] == 401, path
            assert status_and_body(worker.url + path, {"Authorization": "Bearer s3cret"})[0] == 200, path
        assert status_and_body(worker.url + "/?token=s3cret")[0] == 200
        assert status_and_body(worker.url + "/healthz")[0] == 200
    finally:
        worker.stop()
