"""Figures in paragraphs that name no place, in an article whose places all lie in one region."""

from __future__ import annotations

from tests.unit.nlp.test_components import extract


def events(extractor, text: str) -> list[tuple[str | None, str | None, int | None, int | None]]:
    return [(e["location"]["admin1_code"], e["occurred_on"], e["killed"], e["wounded"]) for e in extract(extractor, text)]


def test_a_toll_told_paragraphs_later_belongs_to_the_one_place_of_the_article(extractor):
    text = ("An air strike hit a market late on Saturday in Kafr Nabl village, in Syria's Idlib province.\n\n"
            "\"I saw the missile fall,\" a trader told reporters.\n\n"
            "Doctors said seven people were killed and 20 wounded.")
    assert events(extractor, text) == [("SY-ID", "2025-03-08", 7, 20)]


def test_a_toll_with_no_place_is_not_given_to_one_of_two_regions(extractor):
    text = ("On Monday drones hit Kharkiv and a missile struck Odesa.\n\n"
            "\"It was a terrible night,\" a resident said.\n\n"
            "Officials said three people were killed.")
    assert {code for code, *_ in events(extractor, text)} == {"UA-63", "UA-51"}
    assert all(killed is None for *_, killed, _ in events(extractor, text))


def test_no_casualties_said_of_nothing_placed_makes_no_event(extractor):
    text = ("Air defences shot down five drones over the Bryansk region on Monday, the governor said.\n\n"
            "There were no casualties, he added.")
    assert events(extractor, text) == []


def test_a_toll_told_of_a_village_joins_the_village_the_next_paragraph_names(extractor):
    text = ("Three people were killed when a drone hit a village near the border on Monday, the governor said.\n\n"
            "The drone struck a shop in the village of Tyotkino, in the Kursk region.\n\n"
            "Separately, shelling damaged a school in the town of Sudzha and power lines near Lgov, the Kursk officials said.\n\n"
            "In the Belgorod region, a drone hit a car on Monday, injuring two men.")
    assert [(e["location"]["place"], e["killed"], e["wounded"]) for e in extract(extractor, text)
            if e["killed"] or e["wounded"]] == [("Tyotkino", 3, None), (None, None, 2)]
