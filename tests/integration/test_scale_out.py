"""Two workers sharing the partitions give exactly the aggregates one worker gives."""

from __future__ import annotations

from contextlib import ExitStack

import orjson
import pytest

from streams.evaluation.sets import load_bundled
from streams.process import WorkerProcess, wait_for
from tests.integration.kafka_io import fresh_broker, latest_aggregates, publish, wait_quiet

pytestmark = pytest.mark.integration


def articles() -> list[dict]:
    """The evaluation set: 61 articles over many regions, so every partition gets work."""
    return [{"id": c.id, "text": c.text, "published_at": c.published_at.isoformat()} for c in load_bundled()]


def run(workers: int, tmp_path) -> dict[str, dict]:
    with ExitStack() as stack:
        bootstrap = fresh_broker(stack)
        procs = [WorkerProcess(bootstrap, tmp_path / f"{workers}-{n}").start(wait=0) for n in range(workers)]
        for proc in procs:
            stack.callback(proc.stop)
        for proc in procs:
            proc.wait_healthy()
        batch = articles()
        publish(bootstrap, batch)

        def total(name: str) -> float:
            return sum(p.metric(name) for p in procs)

        wait_for(lambda: total("strikewatch_articles_processed") >= len(batch), timeout=180, what="articles processed")
        wait_for(lambda: total("strikewatch_events_consumed") >= total("strikewatch_events_emitted"), timeout=60,
                 what="events aggregated")
        wait_quiet(bootstrap, "aggregates")
        if workers > 1:
            assert all(p.metric("strikewatch_articles_processed") > 0 for p in procs), "one worker did all the work"
        return latest_aggregates(bootstrap)


def test_two_workers_give_the_same_aggregates_as_one(tmp_path):
    one = run(1, tmp_path)
    two = run(2, tmp_path)
    assert len(one) > 20
    assert orjson.dumps(two, option=orjson.OPT_SORT_KEYS) == orjson.dumps(one, option=orjson.OPT_SORT_KEYS)
