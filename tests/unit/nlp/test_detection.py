"""Which sentences make a strike event when no casualty figure is read (incident detection)."""

from __future__ import annotations

from tests.unit.nlp.test_components import extract


def events(extractor, text: str, published: str) -> list[tuple]:
    return [(e["occurred_on"], e["location"]["admin1_code"], e["location"]["place"], e["killed"], e["wounded"])
            for e in extract(extractor, text, published) if not e["background"]]


def test_a_strike_that_harmed_a_named_place_is_an_event_without_a_figure(extractor):
    # the town is far from 'air strike' in the tree, but in the clause that tells of the harm
    text = ("On 20 October 2023 an air strike hit a family home located near a mosque in the town of Beit Lahia, "
            "destroying it.")
    assert events(extractor, text, "2023-10-22") == [("2023-10-20", "PS-NGZ", "Bayt Lāhyā", None, None)]


def test_one_clause_strikes_one_place_the_nearest(extractor):
    # 'east of Kyiv' only says where Brovary is
    text = "A drone hit a petrol station outside Brovary, east of Kyiv, on Tuesday, damaging two cars."
    assert [(day, region) for day, region, *_ in events(extractor, text, "2025-03-12")] == [("2025-03-11", "UA-32")]


def test_where_something_was_said_is_not_where_the_strike_was(extractor):
    text = "Speaking in Odesa on Monday, the minister said the drone attack had destroyed a grain terminal."
    assert events(extractor, text, "2025-03-11") == []


def test_a_place_without_harm_far_from_the_strike_word_is_no_event(extractor):
    text = "An air strike was reported on Monday by residents who live in the centre of the town of Beit Lahia."
    assert events(extractor, text, "2023-10-24") == []


def test_attacks_told_as_a_habit_are_no_event(extractor):
    text = ("Shelling killed two people in the village of Tyotkino in Russia's Kursk region on Monday, the governor said.\n\n"
            "Ukraine has launched frequent drone attacks on Belgorod and other Russian border regions.")
    assert events(extractor, text, "2025-03-10") == [("2025-03-10", "RU-KRS", "Tyotkino", 2, None)]
