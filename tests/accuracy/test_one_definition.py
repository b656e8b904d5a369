"""One definition of the metrics: strikewatch eval's figures are ../shared/eval's scripts' figures.

The package mirrors score.py and score_airwars.py (so that it scores its own sets without ../shared).
Here both score the same predictions: the extractor's on dev-real and Airwars, then many variants of
them (dates shifted, regions swapped, figures changed, events dropped, doubled or marked background),
and `strikewatch eval --predictions` is checked against the scripts run on the file it wrote.
"""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from datetime import date, timedelta

import orjson
import pytest

from streams.evaluation import airwars, scoring
from tests.accuracy.conftest import needs_shared
from tests.conftest import ROOT, SHARED

pytestmark = needs_shared


@pytest.fixture(scope="module")
def score_py():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_airwars_py(tmp_path, events: list[dict]) -> dict:
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in events))
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score_airwars.py"), str(SHARED / "airwars" / "gold.jsonl"),
                          str(pred), "--json"], capture_output=True, check=True)
    return orjson.loads(out.stdout)


def variant(events: list[dict], seed: int) -> list[dict]:
    """The predictions with a share of them changed the ways an extractor goes wrong."""
    rng, out = random.Random(seed), []
    regions = sorted({(e.get("location") or {}).get("admin1_code") for e in events} - {None}) or ["UA-30"]
    for event in events:
        event, roll = orjson.loads(orjson.dumps(event)), rng.random()
        if roll < 0.08:
            continue  # dropped
        if roll < 0.16:
            day = date.fromisoformat(event["occurred_on"]) + timedelta(days=rng.choice((-2, -1, 1)))
            event["occurred_on"] = day.isoformat()
        elif roll < 0.24:
            event["location"]["admin1_code"] = rng.choice(regions)
        elif roll < 0.30:
            event["location"]["country"] = rng.choice(("IL", "LB", "PS"))
        elif roll < 0.40:
            event["killed"] = rng.choice((None, 0, 1, 3, 12))
        elif roll < 0.50:
            event["wounded"] = rng.choice((None, 0, 2, 40))
        elif roll < 0.56:
            event["background"] = not event["background"]
        elif roll < 0.62:
            out.append(orjson.loads(orjson.dumps(event)))  # doubled
        elif roll < 0.66:
            event["location"]["lat"] = event["location"]["lon"] = None
        elif roll < 0.70 and event["location"].get("lat") is not None:
            event["location"]["lat"] += rng.choice((0.05, 0.1, 0.2))
        out.append(event)
    rng.shuffle(out)
    return out


def test_dev_real_figures_are_score_py_figures(real_text, score_py):
    result = real_text["dev-real"]
    gold = score_py.load_jsonl(SHARED / "dev-real" / "gold.jsonl")
    assert result.metrics == score_py.score(gold, result.events)
    for seed in range(40):
        events = variant(result.events, seed)
        assert scoring.score(gold, events) == score_py.score(gold, events), f"variant {seed}"


def test_the_bundled_sets_are_scored_as_score_py_scores_them(score_py):
    from streams.evaluation.sets import BUNDLED, load_bundled
    from streams.nlp import Extractor

    extractor = Extractor()
    for name in BUNDLED:
        cases = load_bundled(name)
        events = [e for found in extractor.extract_many(c.article() for c in cases) for e in found]
        gold = [c.gold_line() for c in cases]
        for seed in range(10):
            changed = variant(events, seed)
            assert scoring.score(gold, changed) == score_py.score(gold, changed), f"{name} variant {seed}"


def test_airwars_figures_are_score_airwars_py_figures(real_text, tmp_path):
    result = real_text["airwars"]
    assert result.metrics == score_airwars_py(tmp_path, result.events)
    gold = [c.gold[0] for c in result.cases]
    for seed in range(6):
        events = variant(result.events, seed)
        assert airwars.score(gold, events) == score_airwars_py(tmp_path, events), f"variant {seed}"


def test_strikewatch_eval_prints_what_the_script_prints_for_the_events_it_wrote(tmp_path, score_py):
    """The command from an empty folder, as a user runs it; then the script on its --predictions."""
    work = tmp_path / "empty"
    work.mkdir()
    result = subprocess.run([sys.executable, "-m", "streams", "eval", str(SHARED / "dev-real" / "set.jsonl"), "--json",
                             "--predictions", "out"], capture_output=True, cwd=work, timeout=300,
                            env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""  # no progress bar off a terminal
    printed = orjson.loads(result.stdout)["dev-real"]
    phenomena = printed.pop("phenomena")
    gold = score_py.load_jsonl(SHARED / "dev-real" / "gold.jsonl")
    assert printed == score_py.score(gold, score_py.load_jsonl(work / "out" / "dev-real.jsonl"))
    # every miss and false alarm is explained under one phenomenon (a miss may take its false alarm with it)
    assert len(printed["misses"]) <= sum(phenomena.values())
