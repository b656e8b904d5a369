"""The dashboard in a real headless Chromium: rows, chart and a region's incidents with their sentences."""

from __future__ import annotations

import os
import shutil

import pytest

from streams.articles.commands import sample_dir
from streams.kafka import EmbeddedBroker, ensure_topics
from streams.process import WorkerProcess, free_port, wait_for
from streams.settings import Settings
from tests.conftest import cli
from tests.integration.kafka_io import get_json

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


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
        wait_for(lambda: len(get_json(f"{worker.url}/api/aggregates?window=30d")["regions"]) >= 5, timeout=120,
                 what="sample aggregates")
        yield worker.url
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
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


def test_dashboard_shows_regions_chart_and_evidence(dashboard, browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{dashboard}/")
    page.select_option("#window", "30d")
    page.wait_for_selector("#regions tr.region", timeout=15_000)

    api = get_json(f"{dashboard}/api/aggregates?window=30d")["regions"]
    rows = page.locator("#regions tr.region")
    assert rows.count() == len(api)
    assert page.locator("#asof").inner_text() == get_json(f"{dashboard}/api/aggregates?window=30d")["as_of"]
    kharkiv = page.locator('#regions tr.region[data-region="UA-63"]')
    assert "Kharkiv" in kharkiv.inner_text()

    kharkiv.click()
    page.wait_for_selector("#detail #chart rect.bar", timeout=15_000)
    assert page.locator("#detail h2").inner_text().startswith("Kharkiv")
    evidence = page.locator("#detail .incident .evidence")
    assert evidence.count() >= 1
    assert "Kharkiv" in " ".join(evidence.all_inner_texts())
    assert errors == []
