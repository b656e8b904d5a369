"""History stage: does a worker's memory grow with the number of events it has seen, and does its
incident history survive a restart?

Publishes generated events straight to `events` (no NLP: this measures the aggregator and the
read model), one per region and day in five regions, so that 5,000 events span 1,000 days, longer
than the aggregator's 400-day retention. The worker's resident memory (VmRSS, not the peak) is read
once the worker has caught up at each checkpoint. Then the worker is restarted and
/api/incidents must still return the oldest incident.

    python -m bench.history --events 5000 --out bench/history.json
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import orjson

from streams.process import WorkerProcess, free_port, wait_for

HERE = Path(__file__).resolve().parent
REGIONS = [("UA-63", "Kharkiv Oblast", "UA", 49.99, 36.23), ("UA-51", "Odesa Oblast", "UA", 46.48, 30.73),
           ("RU-BEL", "Belgorod Oblast", "RU", 50.6, 36.6), ("PS-GZA", "Gaza", "PS", 31.5, 34.47),
           ("SD-DN", "North Darfur", "SD", 13.63, 25.35)]
FIRST_DAY = date(2021, 1, 1)


def synthetic_event(n: int, *, first_day: date = FIRST_DAY) -> dict:
    """A schema-valid event: region n % 5, day n // 5; every seventh reports no wounded, every
    eleventh an 'at least' toll."""
    region, name, country, lat, lon = REGIONS[n % len(REGIONS)]
    day = first_day + timedelta(days=n // len(REGIONS))
    return {"schema_version": 1, "event_id": f"hist{n:020d}", "article_id": f"hist-a{n}", "source": f"Outlet {n % 13}",
            "url": f"https://example.org/history/{n}", "published_at": f"{day.isoformat()}T18:00:00+00:00",
            "occurred_on": day.isoformat(), "date_precision": "day",
            "event_type": ["missile_strike", "drone_strike", "air_strike", "shelling"][n % 4], "weapons": ["missile"],
            "actor": None, "location": {"place": f"{name.split()[0]} town {n % 3}", "country": country, "admin1_code": region,
                                        "admin1_name": name, "lat": lat + (n % 3) / 10, "lon": lon, "precision": "place"},
            "killed": n % 6, "wounded": None if n % 7 == 0 else n % 9, "killed_is_lower_bound": n % 11 == 0,
            "wounded_is_lower_bound": False, "launched": None, "intercepted": None, "background": False,
            "evidence": [{"text": f"Generated report {n} of a strike.", "start": 0, "end": 30}],
            "extractor": {"name": "bench.history", "version": "1"}}


def publish_events(bootstrap: str, events: list[dict], topic: str = "events") -> None:
    from kafka import KafkaProducer

    from streams.events.models import event_key

    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=5)
    for event in events:
        producer.send(topic, key=event_key(event).encode(), value=orjson.dumps(event))
    producer.flush()
    producer.close()


def rss_mb(worker: WorkerProcess) -> float:
    status = Path(f"/proc/{worker.process.pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def run(total: int, checkpoints: list[int], work: Path) -> dict:
    from streams.kafka import EmbeddedBroker, ensure_topics
    from streams.settings import Settings

    broker = EmbeddedBroker(free_port()).start()
    worker = WorkerProcess(broker.address, work / "worker")
    try:
        ensure_topics(Settings(KAFKA_BOOTSTRAP_SERVERS=broker.address))
        worker.start()
        rows, sent = [], 0
        for checkpoint in checkpoints:
            publish_events(broker.address, [synthetic_event(n) for n in range(sent, checkpoint)])
            sent = checkpoint
            # one event per region and day: every event is an incident of its own
            wait_for(lambda target=sent: _count(worker.url) >= target, timeout=600, interval=2, what=f"{sent} incidents")
            time.sleep(3)  # let the allocator settle
            rows.append({"events": sent, "rss_mb": round(rss_mb(worker), 1), "incidents_stored": _count(worker.url)})
            print(f"{sent:>6} events: RSS {rows[-1]['rss_mb']} MB, {rows[-1]['incidents_stored']} incidents stored", flush=True)
        oldest_before = _oldest(worker.url)["incidents"][0]["incident_id"]
        worker.stop()
        started = time.monotonic()
        worker.start()
        after = _oldest(worker.url)["incidents"]
        return {"checkpoints": rows, "restart_s": round(time.monotonic() - started, 1),
                "oldest_survives_restart": bool(after) and after[0]["incident_id"] == oldest_before,
                "oldest_date": after[0]["date"] if after else None}
    finally:
        worker.stop()
        broker.stop()


def _oldest(url: str, limit: int = 1) -> dict:
    """The incidents of the first generated day (newest first within it)."""
    return get_json(f"{url}/api/incidents?to={FIRST_DAY.isoformat()}&limit={limit}")


def _count(url: str) -> int:
    count, cursor = 0, ""
    while True:
        page = get_json(f"{url}/api/incidents?limit=1000{'&cursor=' + cursor if cursor else ''}")
        count += page["count"]
        if not page["next_cursor"]:
            return count
        cursor = page["next_cursor"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=HERE / "history.json")
    args = parser.parse_args()
    checkpoints = sorted({max(1, args.events * k // 5) for k in range(1, 6)})
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.events, checkpoints, Path(tmp))
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
