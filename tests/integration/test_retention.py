"""Retention is deterministic: the same events of 2022-2025 (several regions per article) give the
same final `aggregates` (latest value per key) in any order, and after kill -9 of the worker
mid-stream and a restart, ten times over. Events go straight to `events` (no spaCy needed)."""

from __future__ import annotations

import random
import warnings
from contextlib import ExitStack
from datetime import date, timedelta

import orjson
import pytest

from streams.events.models import event_key
from streams.process import EXIT_CRASHED, EXIT_STALLED, WorkerProcess, wait_for
from streams.schemas import validate
from tests.integration.kafka_io import fresh_broker, latest_aggregates, publish_raw, wait_quiet
from tests.integration.test_recovery import LAST_BEHIND, caught_up

pytestmark = pytest.mark.integration

RETENTION = 400  # days, the default
REGIONS = {"UA-63": "Kharkiv Oblast", "UA-65": "Kherson Oblast", "UA-68": "Khmelnytskyi Oblast",
           "UA-51": "Odesa Oblast", "UA-32": "Kyiv Oblast", "UA-12": "Dnipropetrovsk Oblast"}
# A short session, so that a restarted worker's group settles sooner; a short stall timeout, so that
# the watchdog's restart (when it comes) fits the test's patience.
ENV = {"STRIKEWATCH_SESSION_TIMEOUT": "6", "STRIKEWATCH_STALL_TIMEOUT": "20"}


def articles_events(count: int = 160, seed: int = 5) -> list[dict]:
    """`count` articles from 2022 to 2025, each reporting strikes in two or three regions on its day."""
    rng = random.Random(seed)
    start, span = date(2022, 1, 1), (date(2025, 12, 31) - date(2022, 1, 1)).days
    events = []
    for n in range(count):
        day = start + timedelta(days=rng.randrange(span))
        # Kherson stops reporting in 2023, so that its buckets live or die by its own dates only.
        regions = [r for r in rng.sample(sorted(REGIONS), rng.choice((2, 3))) if r != "UA-65" or day.year < 2024]
        for region in regions:
            events.append({
                "schema_version": 1, "event_id": f"{n:04d}{region}".ljust(24, "0")[:24], "article_id": f"art-{n}",
                "source": "test", "url": None, "published_at": f"{day.isoformat()}T12:00:00+00:00",
                "occurred_on": day.isoformat(), "date_precision": "day", "event_type": "drone_strike",
                "weapons": ["drone"], "actor": "RU",
                "location": {"place": rng.choice(["Centre", "Port", None]), "country": "UA", "admin1_code": region,
                             "admin1_name": REGIONS[region], "lat": None, "lon": None, "precision": "admin1"},
                "killed": rng.randrange(5), "wounded": rng.choice([None, rng.randrange(9)]),
                "killed_is_lower_bound": False, "wounded_is_lower_bound": False, "launched": None,
                "intercepted": None, "background": False,
                "evidence": [{"text": f"A drone hit {REGIONS[region]}.", "start": 0, "end": 10}],
                "extractor": {"name": "test", "version": "0"},
            })
    for event in events:
        validate("event", event)
    return events


EVENTS = articles_events()


def expected_keys(events: list[dict]) -> set[str]:
    """Bucket keys that survive: days within the retention before their region's newest event."""
    newest: dict[str, date] = {}
    for event in events:
        region = event["location"]["admin1_code"]
        newest[region] = max(newest.get(region, date.min), date.fromisoformat(event["occurred_on"]))
    return {f"{e['location']['admin1_code']}|{e['occurred_on']}" for e in events
            if date.fromisoformat(e["occurred_on"]) >= newest[e["location"]["admin1_code"]] - timedelta(days=RETENTION)}


def run(tmp_path, name: str, events: list[dict], *, crash_after: int | None = None) -> tuple[dict[str, dict], float]:
    """Final aggregates after `events` went through a worker (killed -9 after `crash_after` and restarted),
    and how many events the last worker left out of the buckets for being past the retention."""
    with ExitStack() as stack:
        bootstrap = fresh_broker(stack)
        starts = 0

        def start() -> WorkerProcess:
            nonlocal starts
            starts += 1
            worker = WorkerProcess(bootstrap, tmp_path / f"{name}-{starts}", env=ENV).start()
            stack.callback(worker.stop)
            return worker

        worker = start()
        publish_raw(bootstrap, "events", [(event_key(e).encode(), orjson.dumps(e)) for e in events])
        if crash_after is not None:
            wait_for(lambda: worker.metric("strikewatch_events_consumed") >= crash_after, timeout=60, interval=0.02,
                     what=f"{crash_after} events consumed")
            worker.kill()
            worker = start()  # on a fresh disk: the tables come back from their changelogs

        def supervised_caught_up() -> bool:
            nonlocal worker
            if worker.process.poll() in (EXIT_STALLED, EXIT_CRASHED):  # what `up` or Kubernetes does
                warnings.warn(f"{name}: worker exited with {worker.process.returncode}; restarted", stacklevel=1)
                worker = start()
            return caught_up(bootstrap)

        try:
            wait_for(supervised_caught_up, timeout=180, interval=0.5, what="the group caught up")
        except TimeoutError as error:
            raise AssertionError(f"{error}; behind: {LAST_BEHIND}; log: {worker.log.read_text()[-3000:]}") from None
        wait_quiet(bootstrap, "aggregates", quiet=1.5)
        return latest_aggregates(bootstrap), worker.metric("strikewatch_events_unbucketed")


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, dict]:
    chronological = sorted(EVENTS, key=lambda e: (e["occurred_on"], e["event_id"]))
    final, _ = run(tmp_path_factory.mktemp("retention"), "chronological", chronological)
    everything = {f"{e['location']['admin1_code']}|{e['occurred_on']}" for e in EVENTS}
    assert set(final) == expected_keys(EVENTS) != everything  # tombstones for the days past the retention
    assert any(key.startswith("UA-65|2023") for key in final), "Kherson's archive must not fall to other regions' dates"
    return final


@pytest.mark.parametrize("order", ["newest-first", "shuffled"])
def test_the_same_events_in_another_order_give_the_same_aggregates(reference, tmp_path, order):
    events = sorted(EVENTS, key=lambda e: (e["occurred_on"], e["event_id"]), reverse=True)
    if order == "shuffled":
        random.Random(11).shuffle(events)
    final, left_out = run(tmp_path, order, events)
    assert final == reference
    assert left_out > 0  # newer days came first: older events past the retention were left out, and counted


# Ten crash runs take 5-10 minutes on two cores (each restart waits out a group join): the suite's
# 600 s per-test limit is too close.
@pytest.mark.timeout(1800)
def test_kill_9_mid_stream_and_restart_give_the_same_aggregates_ten_times(reference, tmp_path):
    events = list(EVENTS)
    random.Random(12).shuffle(events)
    for attempt in range(10):
        crash_after = len(events) // 3 + 17 * attempt
        final, _ = run(tmp_path, f"crash-{attempt}", events, crash_after=crash_after)
        differing = sorted(k for k in set(final) | set(reference) if final.get(k) != reference.get(k))
        assert not differing, f"run {attempt + 1} of 10 (kill -9 after {crash_after} events): {differing}"
