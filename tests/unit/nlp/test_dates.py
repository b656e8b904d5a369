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


def test_a_page_time_stamp_is_not_the_day_of_the_strike(extractor):
    text = ("Mayor: drones hit Sumy\nApril 9, 2025 3:15 am\nRussian drones struck an apartment block in Sumy late on "
            "April 8, the mayor reported. Two residents were injured.")
    assert [(e["occurred_on"], e["wounded"]) for e in extract(extractor, text, "2025-04-09")] == [("2025-04-08", 2)]


def test_a_morning_round_up_of_the_past_day_is_the_day_before(extractor):
    text = ("Russian forces attacked four regions over the past day, killing two people, governors reported on Thursday.\n"
            "Drones hit Odesa overnight, injuring three people. In Kherson Oblast, shelling of the village of Bilozerka "
            "killed one man.")
    events = {e["location"]["admin1_code"]: e["occurred_on"] for e in extract(extractor, text, "2025-06-12")}
    assert events == {"UA-51": "2025-06-12", "UA-65": "2025-06-11"}


def test_a_toll_update_takes_the_day_the_article_gives_the_attack(extractor):
    text = ("The toll of the drone strike on a block of flats in Zhytomyr rose to eight on Monday as rescuers "
            "searched the rubble.\n\nThe attack on Sunday also wounded 14 people, the governor said.")
    events = extract(extractor, text, "2025-05-12")
    assert [(e["occurred_on"], e["killed"]) for e in events] == [("2025-05-11", 8)]


def test_a_place_reported_a_day_later_is_the_same_strike(extractor):
    text = ("On 3 March 2024, a missile struck a school in Kramatorsk, killing four teachers. "
            "Local media reported the strike on Kramatorsk the next morning, on 4 March.")
    assert dated(extractor, text, "2024-03-05") == [("2024-03-03", False)]


def test_today_inside_a_name_and_a_day_after_publication_are_no_dates(annotate):
    doc = annotate("Kyiv Today reported the strike; a summit is planned for March 20, 2025.", published=date(2025, 3, 10))
    assert doc._.dates == []


def test_a_title_line_is_not_glued_to_the_first_line_of_the_story(extractor):
    text = ("Seven Killed in Missile Strike on Uman\nRussian forces shelled the region 40 times in the last 24 hours, "
            "officials said. Seven people were killed in a missile strike on Uman on Monday, the mayor said.")
    assert dated(extractor, text, "2025-03-10") == [("2025-03-10", False)]


def test_one_date_phrase_gives_one_day_its_calendar_date(annotate):
    # a weekday, a time of day or 'the next day' beside a calendar date are parts of one phrase
    doc = annotate("In the early morning hours of Friday, 12 October 2023, a shell hit a school. The next day, on "
                   "Saturday 13 October, the wounded were moved.", published=date(2023, 10, 16))
    assert [(m.day, m.kind) for m in doc._.dates] == [(date(2023, 10, 12), "calendar"), (date(2023, 10, 13), "calendar")]


def test_a_calendar_date_beats_the_weekday_written_beside_it(extractor):
    # the weekday is only resolved against publication (here it would be the 13th); the stated date decides
    text = "On Friday, 12 October 2023, an air strike on a house in Deir al-Balah killed three people."
    assert dated(extractor, text, "2023-10-14") == [("2023-10-12", False)]


def test_a_time_of_day_takes_the_day_the_story_states(extractor):
    text = ("On 15 October 2023 an air strike destroyed a family home in Khan Younis. The house was hit in the early "
            "morning, when nine people were killed.")
    assert [(e["occurred_on"], e["killed"]) for e in extract(extractor, text, "2023-10-17")] == [("2023-10-15", 9)]


def test_a_time_of_day_in_a_story_without_a_date_is_the_publication_day(extractor):
    text = "Drones struck a fuel depot in Odesa at night, injuring two workers."
    assert dated(extractor, text, "2025-06-12") == [("2025-06-12", False)]


def test_the_following_day_of_a_report_is_a_day_of_saying(extractor):
    text = ("On 14 October 2023 an air strike destroyed a house in Beit Lahia, killing six people. The following "
            "day, relatives reported that the toll from the strike in Beit Lahia had risen to eight.")
    assert [(e["occurred_on"], e["killed"]) for e in extract(extractor, text, "2023-10-16")] == [("2023-10-14", 8)]


def test_a_year_after_publication_is_a_slip_of_the_year(annotate):
    doc = annotate("The house was hit on October 29th, 2024, killing four.", published=date(2023, 10, 31))
    assert [m.day for m in doc._.dates] == [date(2023, 10, 29)]
