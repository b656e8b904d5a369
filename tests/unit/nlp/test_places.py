"""Place mentions and their resolution to ISO 3166-2 regions."""

from __future__ import annotations

import pytest

from tests.unit.nlp.test_components import extract


def regions(extractor, text: str) -> list[tuple[str | None, str | None]]:
    return [(e["location"]["admin1_code"], e["location"]["place"]) for e in extract(extractor, text)]


@pytest.mark.parametrize(("text", "admin1"), [
    ("A missile killed two people in Kiev on Monday.", "UA-30"),
    ("Shelling of Kharkov killed one man on Monday.", "UA-63"),
    ("Drones attacked Zaporozhye on Monday, injuring 17 people.", "UA-23"),
    ("A missile hit Odessa on Monday, killing one person.", "UA-51"),
    ("A guided bomb hit the village of Khotin in the Sumy region on Monday, killing two people.", "UA-59"),
    ("Glide bombs struck Pokrovsk in Ukraine's Donetsk region on Monday, killing four people.", "UA-14"),
    ("A drone hit a car in the town of Rylsk in Russia's Kursk region on Monday, killing two civilians.", "RU-KRS"),
    ("Two people were killed in the capital on Monday, Ukraine's emergency service said.", "UA-30"),
    ("A drone killed a man on the outskirts of Kyiv on Monday.", "UA-32"),
    ("An Israeli strike on Rafah killed three people on Monday.", "PS-RFH"),
    ("An air strike on Gaza City killed four people on Monday.", "PS-GZA"),
])
def test_place_phrases_resolve_to_their_region(extractor, text, admin1):
    assert [r for r, _ in regions(extractor, text)] == [admin1]


def test_multi_word_village_names_beat_their_last_word(extractor):
    found = regions(extractor, "A drone killed two people in the village of Velyka Pysarivka in the Sumy region on Monday.")
    assert found == [("UA-59", "Velyka Pysarivka")]


def test_a_city_district_is_part_of_the_city(extractor):
    text = ("Drones hit Kharkiv on Monday, killing two people. One struck a petrol station in the Kyivskyi district.")
    assert regions(extractor, text) == [("UA-63", "Kharkiv")]


def test_a_striking_country_is_no_location(extractor):
    found = regions(extractor, "US air strikes on the port of Hodeidah in western Yemen killed 38 people on Monday.")
    assert found == [("YE-HU", None)]


def test_an_officials_region_does_not_displace_the_town(extractor):
    text = ("Shelling killed three people in the town of Kostiantynivka on Monday, Donetsk regional governor "
            "Vadym Filashkin said. A boy was injured.")
    events = extract(extractor, text)
    assert [(e["location"]["place"], e["killed"], e["wounded"]) for e in events] == [("Kostyantynivka", 3, 1)]


def test_lower_case_words_are_not_regions(extractor):
    found = regions(extractor, "A drone attack on a northern district of Aleppo killed two civilians on Monday.")
    assert found == [("SY-HL", "Aleppo")]
