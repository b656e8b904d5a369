"""Crashes and restarts: kill -9 mid-stream, restart on a fresh disk (state comes back from the
changelog), and the final aggregates equal a clean run's exactly, with no event counted twice."""

from __future__ import annotations

import warnings
from contextlib import ExitStack

import orjson
import pytest
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from bench.generate import stream
from streams.process import EXIT_STALLED, WorkerProcess, wait_for
from tests.integration.kafka_io import fresh_broker, latest_aggregates, publish, publish_raw, read_topic, wait_quiet

pytestmark = pytest.mark.integration

# A short stall timeout, so that a stalled worker is restarted within the test's patience.
ENV = {"STRIKEWATCH_STALL_TIMEOUT": "20"}
GENERATED = [{"id": a["id"], "text": a["text"], "published_at": a["published_at"]} for a in stream(300, seed=11)]
# Toll updates published before their strikes, around the crash (after 60 articles): each moves from its own
# day to its strike's, and a crash in between must leave no update counted twice. Our own writing; the days
# are within the retention of the generated March 2025 news and more than a week before it.
TOLL_UPDATES = {10: ("recovery-update-sumy", "2025-02-07", "On February 7, it became known that the death toll in "
                     "Sumy after the Russian missile strike on a dormitory had increased to 6 people."),
                30: ("recovery-update-uman", "2025-02-09", "The death toll in the city of Uman has risen to 11 after a "
                     "Russian missile hit an apartment block, regional officials said."),
                55: ("recovery-strike-sumy", "2025-02-04", "A Russian missile hit a dormitory in Sumy on Monday, "
                     "killing four people, the regional governor said."),
                65: ("recovery-strike-uman", "2025-02-04", "A Russian missile struck an apartment block in Uman on "
                     "Tuesday, killing eight people and wounding 12, officials said.")}
ARTICLES = GENERATED[:]
for position, (article_id, day, text) in sorted(TOLL_UPDATES.items()):
    ARTICLES.insert(position, {"id": article_id, "text": text, "published_at": f"{day}T12:00:00Z"})


LAST_BEHIND: dict = {}


def caught_up(bootstrap: str) -> bool:
    """The worker group has committed every message of `articles` and `events`."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        committed = admin.list_group_offsets("strikewatch")["strikewatch"]
        partitions = [TopicPartition(t, p) for t in ("articles", "events") for p in consumer.partitions_for_topic(t)]
        ends = consumer.end_offsets(partitions)
        behind = {f"{tp.topic}[{tp.partition}]": (committed[tp].offset if tp in committed else None, ends[tp])
                  for tp in partitions if ends[tp] and (tp not in committed or committed[tp].offset < ends[tp])}
        LAST_BEHIND.clear()
        LAST_BEHIND.update(behind)
        return not behind
    finally:
        admin.close()
        consumer.close()


def run(tmp_path, name: str, *, crash_after: int | None) -> tuple[dict[str, dict], list]:
    with ExitStack() as stack:
        bootstrap = fresh_broker(stack)
        restarts: list[str] = []
        worker = WorkerProcess(bootstrap, tmp_path / f"{name}-1", env=ENV).start()
        stack.callback(worker.stop)
        publish(bootstrap, ARTICLES)
        if crash_after is not None:
            wait_for(lambda: worker.metric("strikewatch_articles_processed") >= crash_after, timeout=120,
                     interval=0.05, what=f"{crash_after} articles processed")
            worker.kill()  # SIGKILL: no commit, no flush, no goodbye
            worker = WorkerProcess(bootstrap, tmp_path / f"{name}-2", env=ENV).start()  # a fresh disk
            stack.callback(worker.stop)
        def supervised_caught_up() -> bool:
            nonlocal worker
            if worker.process.poll() == EXIT_STALLED:  # what `strikewatch up` or Kubernetes does
                restarts.append(worker.log.read_text()[-400:])
                worker = WorkerProcess(bootstrap, tmp_path / f"{name}-{len(restarts) + 2}", env=ENV).start()
                stack.callback(worker.stop)
            return caught_up(bootstrap)

        try:
            wait_for(supervised_caught_up, timeout=240, interval=1, what="the group caught up")
        except TimeoutError as error:
            raise AssertionError(f"{error}; behind (committed, end): {LAST_BEHIND}; "
                                 f"log: {worker.log.read_text()[-3000:]}") from None
        wait_quiet(bootstrap, "aggregates")
        if restarts:
            warnings.warn(f"{name}: the watchdog restarted a stalled worker {len(restarts)} time(s)", stacklevel=1)
        return latest_aggregates(bootstrap), read_topic(bootstrap, "events")


def brief(bucket: dict | None) -> object:
    if bucket is None:
        return None
    return {"reports": bucket["reports"], "killed": bucket["killed"],
            "events": sorted(i for incident in bucket["incidents"] for i in incident["event_ids"])}


@pytest.fixture(scope="module")
def clean_and_crashed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("recovery")
    return run(tmp, "clean", crash_after=None), run(tmp, "crash", crash_after=60)


def test_kill_9_mid_stream_then_restart_catches_up_and_counts_no_event_twice(clean_and_crashed):
    (clean, clean_events), (crashed, crashed_events) = clean_and_crashed
    assert len(clean) > 10 and len(crashed) > 10
    # at-least-once: some events may have been produced twice, but the buckets hold each event_id once
    assert len(crashed_events) >= len(clean_events)
    for bucket in crashed.values():
        ids = [i for incident in bucket["incidents"] for i in incident["event_ids"]]
        assert len(ids) == len(set(ids)) == bucket["reports"]
    for run in (clean, crashed):  # each toll update counted once, with its strike, whatever came first
        assert "UA-59|2025-02-07" not in run and "UA-71|2025-02-09" not in run
        assert [(i["article_ids"], i["killed"]["best"]) for i in run["UA-59|2025-02-03"]["incidents"]] == [
            (["recovery-strike-sumy", "recovery-update-sumy"], 6)]
        assert [(i["article_ids"], i["killed"]["best"]) for i in run["UA-71|2025-02-04"]["incidents"]] == [
            (["recovery-strike-uman", "recovery-update-uman"], 11)]


def test_kill_9_mid_stream_then_restart_equals_a_clean_run(clean_and_crashed):
    (clean, _), (crashed, crashed_events) = clean_and_crashed
    differing = {k: (brief(clean.get(k)), brief(crashed.get(k))) for k in set(clean) | set(crashed)
                 if clean.get(k) != crashed.get(k)}
    produced = {orjson.loads(value)["event_id"] for _, value in crashed_events}
    unproduced = {i for before, _ in differing.values() if before for i in before["events"]} - produced
    assert not differing, (f"{len(unproduced)} of the clean run's events were never produced after the crash; "
                           f"(clean, after the crash) per differing bucket: {differing}")


# Mykolaiv on 2024-07-15 is used by no other test.
REDELIVERED = {"id": "redelivered", "published_at": "2024-07-15T09:00:00Z",
               "text": "A Russian drone hit a house in Mykolaiv on Monday, wounding three people, the governor said."}


def test_a_redelivered_event_sends_its_bucket_summary_again(worker):
    """A worker killed after its table update but before the summary reached `aggregates` gets the
    event again after the restart. The bucket already holds it, so nothing changes, but the summary
    must still go out, or `aggregates` keeps the old numbers."""
    bootstrap = worker["env"]["KAFKA_BOOTSTRAP_SERVERS"]
    key = b"UA-48|2024-07-15"

    def summaries() -> list[dict]:
        return [orjson.loads(value) for k, value in read_topic(bootstrap, "aggregates") if k == key]

    publish(bootstrap, [REDELIVERED])
    wait_for(lambda: len(summaries()) == 1, timeout=90, what="the first summary")
    event = next(value for _, value in read_topic(bootstrap, "events") if orjson.loads(value)["article_id"] == "redelivered")
    before = worker["process"].metric("strikewatch_events_redelivered")

    publish_raw(bootstrap, "events", [(key.split(b"|")[0], event)])
    wait_for(lambda: len(summaries()) == 2, timeout=90, what="the summary sent again")
    first, again = (s | {"updated_at": None} for s in summaries())
    assert again == first and again["wounded"]["best"] == 3
    assert worker["process"].metric("strikewatch_events_redelivered") == before + 1
