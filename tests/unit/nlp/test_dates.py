"""Dates resolved against the publication day, and which date an incident takes."""

from __future__ import annotations

from datetime import date

from tests.unit.nlp.test_components import extract


def dated(extractor, text: str, published: str) -> list[tuple[str, bool]]:
    return [(e["occurred_on"], e["background"]) for e in extract(extractor, text, published)]


def test_date_mentions_in_a_doc(annotate):
    doc = annotate("Strikes on Tuesday (Jan 2) and last Friday, then overnight.", published=date(2024, 1, 2))
    assert [m.day for m in doc._.dates] == [date(2024, 1, 2), date(2024, 1, 2), date(2023, 12, 29), date(2024, 1, 2)]


def test_the_day_something_was_said_is_not_the_day_it_happened(extractor):
    text = "Officials said on Saturday that the toll from the July 31 missile attack on Kyiv had risen to 31."
    assert dated(extractor, text, "2025-08-02") == [("2025-07-31", False)]


def test_the_day_before_counts_from_the_sentence_date(extractor):
    text = ("Rescuers in Sloviansk said on Monday they had cleared the ruins of a block hit by a missile the day before. "
            "The strike killed four residents.")
    assert dated(extractor, text, "2025-07-14") == [("2025-07-13", False)]


def test_a_toll_update_keeps_the_day_of_the_attack(extractor):
    text = "The number of people killed in Wednesday's missile strike on Kremenchuk rose to 12 on Thursday."
    assert dated(extractor, text, "2025-09-18") == [("2025-09-17", False)]


def test_a_recalled_strike_is_background_with_its_own_date(extractor):
    text = ("A missile hit a hospital in Kryvyi Rih on Wednesday, wounding seven people. The city was last hit on "
            "April 4, when a missile strike on a playground killed 20 people.")
    assert dated(extractor, text, "2025-07-10") == [("2025-07-09", False), ("2025-04-04", True)]


def test_a_later_paragraph_without_a_date_is_about_the_lead_incident(extractor):
    text = ("The death toll from Sunday's missile attack on Kharkiv rose to five on Monday, officials said.\n\n"
            "In Kharkiv, at least 21 people were wounded in the strike, according to the mayor.")
    events = extract(extractor, text, "2025-03-10")
    assert [(e["occurred_on"], e["killed"], e["wounded"]) for e in events] == [("2025-03-09", 5, 21)]
