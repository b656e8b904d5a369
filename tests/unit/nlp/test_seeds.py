"""The three seed wire reports: every non-background expected event, with the right numbers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson
import pytest

from streams.nlp import ArticleInput, Extractor

SHARED = Path(__file__).resolve().parents[4] / "shared"
# s001 carries no date line; it was published on 2024-01-02 (its 'on Tuesday' is Jan 2).
PUBLISHED = {"s000": "2024-01-02", "s001": "2024-01-02", "s004": "2025-02-01"}

pytestmark = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def seed_cases():
    if not (SHARED / "seeds_expected.jsonl").exists():
        return []
    cases = []
    for line in (SHARED / "seeds_expected.jsonl").read_text().splitlines():
        seed = orjson.loads(line)
        for expected in seed["events"]:
            if not expected["background"] and not expected.get("optional"):
                cases.append(pytest.param(seed["id"], expected, id=f"{seed['id']}-{expected['admin1']}"))
    return cases


@pytest.mark.parametrize(("seed_id", "expected"), seed_cases())
def test_seed_event_found_with_its_numbers(extractor, seed_id, expected):
    path = next((SHARED / "seeds").glob(f"{seed_id[1:]}_*.txt"))
    article = ArticleInput(id=seed_id, text=path.read_text(),
                           published_at=datetime.fromisoformat(PUBLISHED[seed_id] + "T12:00:00+00:00"))
    found = [e for e in extractor.extract(article)
             if e["location"]["admin1_code"] == expected["admin1"] and e["occurred_on"] == expected["date"]]
    assert found, f"no event for {expected['admin1']} on {expected['date']}"
    event = found[0]
    assert (event["killed"], event["wounded"]) == (expected["killed"], expected["wounded"])
    assert event["killed_is_lower_bound"] == expected["killed_is_lower_bound"]
