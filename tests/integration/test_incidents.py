"""Incident history over HTTP, on a real broker and worker: 5,000 generated events (1,000 days, past
the aggregator's retention), filters, pages, GeoJSON and CSV exports, the topic's contract, and a
restart that keeps the oldest incidents."""

from __future__ import annotations

import csv
import io
import re
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import geojson
import orjson
import pytest

from bench.history import FIRST_DAY, publish_events, synthetic_event
from streams.incidents.query import CSV_COLUMNS
from streams.process import WorkerProcess, wait_for
from streams.schemas import validate
from tests.integration.kafka_io import fresh_broker, get_json, read_topic

pytestmark = pytest.mark.integration

EVENTS = [synthetic_event(n) for n in range(5000)]  # one per region and day: each is an incident of its own
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    with ExitStack() as stack:
        bootstrap = fresh_broker(stack)
        worker = WorkerProcess(bootstrap, tmp_path_factory.mktemp("history")).start()
        stack.callback(worker.stop)
        for start in range(0, len(EVENTS), 1000):  # in order of days, as news arrives
            publish_events(bootstrap, EVENTS[start:start + 1000])
            wait_for(lambda end=start + 1000: len(every(worker.url)) == end, timeout=300, interval=2,
                     what=f"{start + 1000} incidents stored")
        yield {"url": worker.url, "worker": worker, "bootstrap": bootstrap}


def every(url: str, query: str = "", limit: int = 1000) -> list[dict]:
    """All incidents a filter selects, page by page."""
    rows, cursor = [], None
    while True:
        page = get_json(f"{url}/api/incidents?limit={limit}{query}" + (f"&cursor={cursor}" if cursor else ""))
        rows += page["incidents"]
        cursor = page["next_cursor"]
        if cursor is None:
            return rows


def ids(events: list[dict]) -> set[str]:
    return {f"{e['location']['admin1_code']}|{e['occurred_on']}" for e in events}


def found(rows: list[dict]) -> set[str]:
    return {f"{r['region']}|{r['date']}" for r in rows}


def test_date_range_country_region_and_type_filters(history):
    url = history["url"]
    march = [e for e in EVENTS if "2022-03-01" <= e["occurred_on"] <= "2022-03-31"]
    assert found(every(url, "&from=2022-03-01&to=2022-03-31")) == ids(march) and len(march) == 155
    russia = [e for e in EVENTS if e["location"]["country"] == "RU"]
    assert found(every(url, "&country=ru")) == ids(russia)
    kharkiv_march = [e for e in march if e["location"]["admin1_code"] == "UA-63"]
    assert found(every(url, "&region=UA-63&from=2022-03-01&to=2022-03-31")) == ids(kharkiv_march)
    drones = [e for e in EVENTS if e["event_type"] == "drone_strike" and e["location"]["country"] == "PS"]
    assert found(every(url, "&type=drone_strike&country=PS")) == ids(drones)


def test_pages_are_newest_first_and_cover_everything_once(history):
    rows = every(history["url"], limit=357)
    assert len(rows) == len({r["incident_id"] for r in rows}) == 5000
    keys = [(r["date"], r["incident_id"]) for r in rows]
    assert keys == sorted(keys, reverse=True)


def test_unreported_wounded_stay_null_and_lower_bounds_are_kept(history):
    rows = {f"{r['region']}|{r['date']}": r for r in every(history["url"], "&to=2021-02-28")}
    for event in EVENTS[:100]:
        row = rows[f"{event['location']['admin1_code']}|{event['occurred_on']}"]
        assert row["wounded"] is None if event["wounded"] is None else row["wounded"]["best"] == event["wounded"]
        assert row["killed"]["lower_bound"] == event["killed_is_lower_bound"]


def test_geojson_is_rfc_7946_points_in_lon_lat_order(history):
    url = history["url"]
    with urllib.request.urlopen(f"{url}/api/incidents.geojson?country=SD&from=2021-01-01&to=2021-06-30") as response:
        assert response.headers["Content-Type"] == "application/geo+json"
        collection = geojson.loads(response.read())
    assert collection.is_valid, collection.errors()
    rows = {r["incident_id"]: r for r in every(url, "&country=SD&from=2021-01-01&to=2021-06-30")}
    assert len(collection["features"]) == len(rows) > 0
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "Point"
        assert feature["geometry"]["coordinates"] == [rows[feature["id"]]["lon"], rows[feature["id"]]["lat"]]


def test_csv_parses_with_the_documented_columns(history):
    with urllib.request.urlopen(f"{history['url']}/api/incidents.csv?region=UA-51&to=2021-03-31") as response:
        text = response.read().decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    documented = re.search(r"CSV columns: (.+)", (ROOT / "README.md").read_text()).group(1)
    assert tuple(rows[0]) == CSV_COLUMNS == tuple(c.strip(" `.") for c in documented.split(","))
    expected = [e for e in EVENTS if e["location"]["admin1_code"] == "UA-51" and e["occurred_on"] <= "2021-03-31"]
    assert {(r["region"], r["date"]) for r in rows} == {(e["location"]["admin1_code"], e["occurred_on"]) for e in expected}
    unreported = [r for r in rows if r["wounded_best"] == ""]
    assert unreported and all(r["wounded_low"] == r["wounded_high"] == "" for r in unreported)  # empty, never 0


def test_every_message_on_the_incidents_topic_validates(history):
    messages = read_topic(history["bootstrap"], "incidents")
    assert len({key for key, _ in messages}) == 5000
    for _, value in messages:
        if value is not None:  # a tombstone: an incident a regrouping dissolved
            validate("incident", orjson.loads(value))


def test_the_oldest_incidents_survive_a_restart(history):
    """The last test of the module: it restarts the worker."""
    oldest = get_json(f"{history['url']}/api/incidents?to={FIRST_DAY.isoformat()}")["incidents"]
    assert {r["date"] for r in oldest} == {FIRST_DAY.isoformat()} and len(oldest) == 5
    history["worker"].stop()
    history["worker"].start()
    again = get_json(f"{history['url']}/api/incidents?to={FIRST_DAY.isoformat()}")["incidents"]
    unstamped = lambda rows: [{k: v for k, v in r.items() if k != "updated_at"} for r in rows]  # noqa: E731
    assert unstamped(again) == unstamped(oldest)
    assert len(every(history["url"])) == 5000
