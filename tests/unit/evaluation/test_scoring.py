"""The scorer's matching rules (score.py's), the phenomena, and the extractor held to the bar on the bundled sets."""

from __future__ import annotations

from datetime import date

import pytest

from streams.evaluation import airwars, phenomena, scoring
from streams.evaluation.sets import load_bundled


def gold(admin1="UA-63", day="2025-05-09", killed=2, wounded=9, **extra) -> dict:
    return {"admin1": admin1, "country": (admin1 or "UA").split("-")[0], "date": day, "place": None,
            "event_type": "drone_strike", "killed": killed, "wounded": wounded, "background": False, **extra}


def found(admin1="UA-63", day="2025-05-09", killed=2, wounded=9, background=False, article="a") -> dict:
    return {"article_id": article, "location": {"admin1_code": admin1, "country": (admin1 or "UA").split("-")[0],
                                                "place": None},
            "occurred_on": day, "killed": killed, "wounded": wounded, "event_type": "drone_strike",
            "background": background}


def line(*events: dict, article="a") -> dict:
    return {"id": article, "events": list(events)}


def test_a_match_is_same_region_and_day_and_numbers_are_scored_on_matches():
    m = scoring.score([line(gold(), gold("UA-30", killed=1))], [found(), found("UA-30", killed=3), found("UA-51")])
    assert (m["precision"], m["recall"], m["killed_exact"], m["wounded_exact"]) == (0.667, 1.0, 0.5, 1.0)
    assert m["false_alarms"] == ["a UA-51 2025-05-09 k=2 w=9"]


def test_an_alternative_region_matches_and_the_closer_numbers_pair_first():
    g = gold("UA-63", killed=3, admin1_alternatives=["UA-65"])
    m = scoring.score([line(g)], [found("UA-65", killed=1), found("UA-65", killed=3)])
    assert (m["f1"], m["killed_exact"], m["events_pred_unmatched"]) == (0.667, 1.0, 1)


def test_admin1_recall_counts_the_region_found_on_any_day():
    m = scoring.score([line(gold(), gold("UA-30"))], [found(day="2025-05-08"), found("UA-14")])
    assert (m["f1"], m["admin1_recall"]) == (0.0, 0.5)


def test_optional_and_background_gold_and_background_predictions_are_neutral():
    recalled = gold("RU-BEL", day=None, background=True)
    m = scoring.score([line(gold(), recalled)], [found(), found("RU-BEL", day="2025-05-01"), found("UA-12", background=True)])
    assert (m["precision"], m["recall"], m["events_pred_unmatched"]) == (1.0, 1.0, 0)


def test_events_on_articles_without_a_strike_are_counted():
    m = scoring.score([line(article="a"), line(gold(optional=True), article="b")], [found(article="a"), found("UA-01", article="b")])
    assert (m["no_event_articles"], m["events_on_no_event_articles"]) == (2, 2)


def test_mismatches_are_told_by_phenomenon():
    golds = [line(gold(), gold("UA-30"), gold("UA-51", killed=5), gold("UA-46")),
             line(article="calm")]
    events = [found(day="2025-05-10"), found("UA-32"), found("UA-51", killed=4), found("UA-51", killed=4),
              found("UA-71", day="2025-04-01"), found(article="calm")]
    told = phenomena.of_articles(scoring.match_all(golds, events), {"a": date(2025, 5, 10), "calm": date(2025, 5, 10)})
    assert phenomena.counts(told) == {
        phenomena.MISSING: 1,  # UA-46: nothing found for it
        phenomena.WRONG_REGION: 1,  # one of UA-30 / UA-63 was placed in UA-32 on its day
        phenomena.OFF_BY_ONE: 1,  # UA-63 given the 10th
        phenomena.NO_EVENT: 1,
        phenomena.BACKGROUND: 1,  # a strike weeks before, not marked
        phenomena.DUPLICATE: 1,  # UA-51 twice
        phenomena.KILLED: 1,
    }


def incident(day="2023-10-10", killed=(3, 5), injured=(2, 2)) -> dict:
    return {"id": "aw-1", "date": day, "country": "PS", "killed": list(killed), "injured": list(injured) if injured else None,
            "lat": 31.5, "lon": 34.45}


def test_airwars_judges_the_largest_event_of_the_day_and_counts_the_rest_as_extra():
    near = found("PS-GZA", "2023-10-10", killed=4, wounded=2, article="aw-1") | {
        "location": {"country": "PS", "admin1_code": "PS-GZA", "lat": 31.52, "lon": 34.45}}
    small = near | {"killed": 1}
    recalled = found("PS-GZA", "2023-10-02", article="aw-1") | {"location": {"country": "PS"}}
    m = airwars.score([incident()], [small, near, recalled])
    assert (m["found"], m["place_within_10km"], m["killed_in_range"], m["injured_in_range"]) == (1.0, 1.0, 1.0, 1.0)
    assert m["extra_events_per_incident"] == 2.0
    told = phenomena.counts(phenomena.of_incidents(airwars.match_all([incident()], [small, near, recalled])))
    assert told == {phenomena.BACKGROUND: 1, phenomena.DUPLICATE: 1}


def test_airwars_an_incident_a_day_late_is_not_found_and_unknown_injuries_are_not_judged():
    late = found("PS-GZA", "2023-10-11", killed=4, article="aw-1") | {"location": {"country": "PS"}}
    m = airwars.score([incident(injured=None)], [late])
    assert (m["found"], m["killed_in_range"], m["injured_in_range"], m["extra_events_per_incident"]) == (0.0, None, None, 1.0)
    told = phenomena.of_incidents(airwars.match_all([incident()], [late]))
    assert [t.phenomenon for t in told] == [phenomena.OFF_BY_ONE]


THRESHOLDS = {"f1": 0.90, "killed_exact": 0.85, "wounded_exact": 0.85, "admin1_recall": 0.95}


@pytest.fixture(scope="module")
def extractor():
    from streams.nlp import Extractor

    return Extractor()


def evaluate(extractor, cases) -> dict:
    events = [e for found in extractor.extract_many(case.article() for case in cases) for e in found]
    return scoring.score([case.gold_line() for case in cases], events)


def test_the_bundled_set_is_big_and_varied_enough():
    cases = load_bundled()
    assert len(cases) >= 60
    assert sum(c.war not in ("ukraine", "russia") and bool(c.gold) for c in cases) >= 15
    assert sum(not c.gold for c in cases) >= 10
    assert {"wire", "local", "statement", "liveblog", "telegram"} <= {c.style for c in cases}


def test_extraction_quality_on_the_bundled_set(extractor):
    """Tuned on: a regression bar, not an estimate (the estimate is tests/accuracy on real text)."""
    metrics = evaluate(extractor, load_bundled())
    for name, floor in THRESHOLDS.items():
        assert metrics[name] >= floor, f"{name} {metrics[name]} < {floor}: {metrics}"
    assert metrics["events_on_no_event_articles"] == 0


def test_extraction_quality_on_the_holdout_set_does_not_regress(extractor):
    """Written after tuning and never tuned on: a floor at its first honest score, not the bar."""
    metrics = evaluate(extractor, load_bundled("holdout"))
    assert metrics["f1"] >= 0.85 and metrics["events_on_no_event_articles"] == 0, metrics
