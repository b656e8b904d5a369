"""The dashboard in a real headless Chromium: the map holds one marker per incident where the API puts
it, a click shows each report's sentence and link, filters change map and table together, unreported
figures read n/r, and the page logs no error. Screenshots are saved beside the worker's log."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from streams.articles.commands import sample_dir
from streams.kafka import EmbeddedBroker, ensure_topics
from streams.process import WorkerProcess, free_port, wait_for
from streams.settings import Settings
from tests.conftest import cli
from tests.integration.kafka_io import get_json

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = Path(__file__).resolve().parents[2]


def incidents(url: str, query: str = "") -> list[dict]:
    return get_json(f"{url}/api/incidents?limit=1000{query}")["incidents"]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """A fresh broker and worker with the bundled sample articles published."""
    broker = EmbeddedBroker(free_port()).start()
    worker = WorkerProcess(broker.address, tmp_path_factory.mktemp("dashboard"))
    try:
        ensure_topics(Settings(KAFKA_BOOTSTRAP_SERVERS=broker.address))
        worker.start()
        published = cli("publish", str(sample_dir()), env=worker.env)
        assert published.returncode == 0, published.stderr
        wait_for(lambda: len(incidents(worker.url)) >= 10, timeout=120, what="sample incidents")
        wait_for(lambda: worker.metric("strikewatch_events_consumed") >= worker.metric("strikewatch_events_emitted"),
                 timeout=60, what="every event aggregated")
        yield {"url": worker.url, "logs": worker.data_dir, "env": worker.env}
    finally:
        worker.stop()
        broker.stop()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("STRIKEWATCH_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(dashboard, browser):
    """The dashboard, loaded, with every console error and page error collected (none may occur)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{dashboard['url']}/")
    page.wait_for_selector("#regions tr.region", timeout=15_000)
    yield page
    assert errors == []
    page.close()


def markers(page) -> dict[str, list[float]]:
    return page.evaluate("""() => Object.fromEntries([...window.strikewatch.markers].map(
        ([id, m]) => [id, [m.getLatLng().lat, m.getLatLng().lng]]))""")


def on_screen(page) -> int:
    """Incidents the map shows: single circles plus the counts written on cluster bubbles."""
    circles = page.locator("#map path.incident").count()
    clustered = sum(int(text) for text in page.locator("#map .marker-cluster span").all_inner_texts())
    return circles + clustered


def open_incident(page, incident_id: str):
    # at zoom 10 nothing is clustered (disableClusteringAtZoom), so the incident's own circle is drawn
    page.evaluate("id => window.strikewatch.map.setView(window.strikewatch.markers.get(id).getLatLng(), 10, {animate: false})",
                  incident_id)
    circle = page.locator(f"#map path.incident-{incident_id}")
    circle.wait_for(state="visible", timeout=5_000)
    circle.click()
    return page.wait_for_selector(f".leaflet-popup .popup[data-incident='{incident_id}']", timeout=5_000)


def test_one_marker_per_incident_at_its_coordinates(dashboard, page):
    api = {i["incident_id"]: i for i in incidents(dashboard["url"])}
    page.wait_for_function("n => window.strikewatch.markers.size === n", arg=len(api), timeout=15_000)
    shown = markers(page)
    assert set(shown) == set(api)
    for incident_id, (lat, lon) in shown.items():
        assert (lat, lon) == pytest.approx((api[incident_id]["lat"], api[incident_id]["lon"]))
    assert on_screen(page) == len(api)


def test_a_click_shows_each_reports_sentence_and_link(dashboard, page):
    kharkiv = next(i for i in incidents(dashboard["url"], "&region=UA-63") if len(i["reports"]) > 1)
    popup = open_incident(page, kharkiv["incident_id"])
    text = popup.inner_text()
    for report in kharkiv["reports"]:
        assert report["evidence"][0]["text"] in text
        assert report["source"] in text
    links = popup.query_selector_all("a.source")
    assert {a.get_attribute("href") for a in links} == {r["url"] for r in kharkiv["reports"]}
    k = kharkiv["killed"]
    assert re.search(rf"killed\s+{k['best']}\s+\({k['low']}–{k['high']}\)", text)
    # The README's picture: Ukraine, this incident open, its region's series and incidents beside
    page.evaluate("() => window.strikewatch.map.setView([51.5, 32.8], 5.5, {animate: false})")
    page.locator("#regions tr.region[data-region='UA-63']").click()
    page.wait_for_selector("#detail #chart rect.bar")
    page.evaluate("""id => { const marker = window.strikewatch.markers.get(id);
        marker.getPopup().options.autoPan = false; marker.openPopup(); }""", kharkiv["incident_id"])
    page.wait_for_timeout(500)
    page.screenshot(path=str(dashboard["logs"] / "dashboard.png"))
    if os.environ.get("STRIKEWATCH_SCREENSHOT"):  # refreshes docs/dashboard.png
        page.screenshot(path=os.environ["STRIKEWATCH_SCREENSHOT"])


def test_unreported_wounded_read_n_r_in_popup_and_table(dashboard, page):
    unreported = [i for i in incidents(dashboard["url"]) if i["wounded"] is None]
    assert unreported, "the samples include incidents whose wounded are not reported (demo-13)"
    incident = unreported[0]
    popup = open_incident(page, incident["incident_id"])
    assert popup.query_selector(".wounded").inner_text() == "n/r"
    assert popup.query_selector(".killed").inner_text() != "n/r"
    alone = [i for i in incidents(dashboard["url"], f"&region={incident['region']}") if i["wounded"] is not None]
    if not alone:  # the region's only incidents report no wounded: its table cell says so too
        row = page.locator(f"#regions tr.region[data-region='{incident['region']}']")
        assert row.locator("td").nth(3).inner_text() == "n/r"


def test_a_country_filter_changes_markers_and_table(dashboard, page):
    everything = incidents(dashboard["url"])
    page.select_option("#period", "all")
    page.wait_for_function("n => window.strikewatch.markers.size === n", arg=len(everything), timeout=15_000)
    for country in ("RU", "UA"):
        expected = incidents(dashboard["url"], f"&country={country}")
        assert 0 < len(expected) < len(everything)
        page.select_option("#country", country)
        page.wait_for_function("n => window.strikewatch.markers.size === n", arg=len(expected), timeout=15_000)
        assert set(markers(page)) == {i["incident_id"] for i in expected}
        rows = page.locator("#regions tr.region")
        assert {rows.nth(n).get_attribute("data-country") for n in range(rows.count())} == {country}
        assert rows.count() == len({i["region"] for i in expected})
    page.screenshot(path=str(dashboard["logs"] / "dashboard-ukraine.png"))


def test_it_updates_while_articles_arrive(dashboard, page):
    """The last test of the module: it adds an incident."""
    before = len(incidents(dashboard["url"]))
    page.wait_for_function("n => window.strikewatch.markers.size === n", arg=before, timeout=15_000)
    article = (b'{"id": "live-1", "source": "Live Desk", "published_at": "2025-03-11T10:00:00Z", "text": "A Russian drone '
               b'hit a house in Chernihiv on Tuesday, killing one person, the regional governor said."}\n')
    sent = cli("publish", "-", env=dashboard["env"], input=article)
    assert sent.returncode == 0, sent.stderr
    page.wait_for_function("n => window.strikewatch.markers.size === n", arg=before + 1, timeout=60_000)
    assert on_screen(page) == before + 1
