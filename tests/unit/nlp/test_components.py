from __future__ import annotations

from datetime import date, datetime

import pytest

from streams.nlp import ArticleInput
from streams.nlp.components.dates import resolve_month_day, resolve_weekday
from streams.nlp.numbers import read_number


def extract(extractor, text: str, published: str = "2025-03-10") -> list[dict]:
    return extractor.extract(ArticleInput(id="t", text=text, published_at=datetime.fromisoformat(published + "T12:00:00+00:00")))


@pytest.mark.parametrize(("text", "value"), [("49", 49), ("1,200", 1200), ("five", 5), ("twenty-three", 23),
                                             ("a dozen", 12), ("dozens", None), ("91-year-old", None)])
def test_read_number(text, value):
    assert read_number(text) == value


def test_weekday_and_month_day_resolve_against_publication():
    tuesday = date(2024, 1, 2)
    assert resolve_weekday(4, tuesday, last=True) == date(2023, 12, 29)  # last Friday
    assert resolve_weekday(1, tuesday, last=False) == tuesday  # on Tuesday
    assert resolve_month_day(12, 29, None, tuesday) == date(2023, 12, 29)


def test_age_is_not_a_casualty_count(extractor):
    events = extract(extractor, "A 79-year-old woman was killed when a Russian drone hit a house in Sumy on Monday.")
    assert [(e["location"]["admin1_code"], e["killed"]) for e in events] == [("UA-59", 1)]


def test_married_couple_counts_two(extractor):
    events = extract(extractor, "A married couple was killed in a missile strike on Dnipro on Sunday.")
    assert events[0]["killed"] == 2 and events[0]["event_type"] == "missile_strike"


def test_no_events_from_diplomacy_or_other_languages(extractor):
    assert extract(extractor, "Foreign ministers met in Warsaw on Sunday to discuss a reconstruction fund.") == []
    assert extract(extractor, "Un misil ruso mató a cinco personas en Járkov el domingo, dijeron las autoridades.") == []


def test_a_paragraph_that_names_no_place_updates_the_articles_one_strike(extractor):
    text = ("A missile hit the centre of Uman on Monday morning.\n\n"
            "By noon the number of dead had risen to seven, and injured to 19, the governor said.")
    assert [(e["location"]["place"], e["killed"], e["wounded"]) for e in extract(extractor, text)] == [("Uman", 7, 19)]


def test_a_placeless_paragraph_of_another_day_or_a_bare_no_casualties_is_not_carried(extractor):
    text = ("A missile hit the centre of Uman on Monday morning, killing two people.\n\n"
            "The war began on 24 February 2022 and has led to the deaths of 1,500 people, the ministry said.\n\n"
            "Nobody was hurt, a neighbour said.")
    assert [(e["killed"], e["wounded"]) for e in extract(extractor, text)] == [(2, None)]


def test_a_breakdown_inside_one_sentence_is_not_added_to_the_total(extractor):
    text = ("Air strikes on two homes in Rafah on Monday killed at least 11 people.\n\n"
            "Seven people died in the first house in Rafah and a second strike killed another four, the civil defence said.")
    assert [e["killed"] for e in extract(extractor, text)] == [11]
