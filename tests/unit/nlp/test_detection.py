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


def test_a_figure_no_place_is_named_for_belongs_to_the_one_strike_of_its_day(extractor):
    text = ("A missile hit a school in Kramatorsk on Monday.\n\n"
            "\"Twelve people were killed,\" a neighbour said. \"Nobody expected it.\"")
    assert [(e["occurred_on"], e["killed"]) for e in extract(extractor, text, "2025-03-11")] == [("2025-03-10", 12)]


def test_a_figure_no_place_is_named_for_joins_no_strike_when_there_are_two(extractor):
    text = "Missiles hit Kharkiv and Odesa on Monday.\n\n\"Nine people died,\" a doctor said. \"Nobody expected it.\""
    assert sorted((e["location"]["admin1_code"], e["killed"]) for e in extract(extractor, text, "2025-03-11")) == [
        ("UA-51", None), ("UA-63", None)]


def test_no_one_hurt_away_from_any_place_does_not_make_a_tried_attack_a_strike(extractor):
    text = ("A drone tried to attack the Bryansk region on Monday, the governor said.\n\n"
            "Air defence destroyed it. No one was hurt, he added.")
    assert extract(extractor, text, "2025-03-11") == []


def test_a_figure_told_with_a_strike_of_its_own_joins_no_other_strike(extractor):
    text = ("A missile hit a school in Kramatorsk on Monday.\n\n"
            "Five people were killed by a drone strike on a bus, officials said. \"Nobody expected it.\"")
    assert [(e["location"]["admin1_code"], e["killed"]) for e in extract(extractor, text, "2025-03-11")] == [("UA-14", None)]
