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


def test_a_known_neighbourhood_is_kept_beside_a_town_named_elsewhere(extractor):
    # a name in the story that is also a town abroad does not make 'the Sheikh Radwan neighbourhood' a city district
    text = ("An air strike hit a house in the Sheikh Radwan neighbourhood in the Gaza Strip on Monday, killing four "
            "people. Among them was a young teacher, Hamid.")
    assert regions(extractor, text) == [("PS-GZA", "Sheikh Radwan")]


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


@pytest.mark.parametrize(("text", "expected"), [
    # A capital as its government is no location: only the struck city remains.
    ("A Russian missile killed three people in Kharkiv on Monday, days after Moscow rejected a ceasefire.", ["UA-63"]),
    ("A drone killed two people in Odesa on Monday as Kyiv's allies met in Brussels.", ["UA-51"]),
    ("Shelling killed four people in Donetsk on Monday, the city's Russian-installed mayor said, and "
     "blamed the Kiev regime for the attack.", ["UA-14"]),
    # Where the reporter filed from is not where the strike was.
    ("PORT SUDAN, Sudan - Paramilitary shelling killed 12 people at a market in Omdurman on Saturday, medics said.", ["SD-KH"]),
    ("KYIV, Ukraine (AP) — A Russian drone struck an apartment block in Kharkiv on Monday, injuring five people.", ["UA-63"]),
    ("SIMFEROPOL (Sputnik) - A Ukrainian drone hit a bus in Enerhodar on Monday, killing one person.", ["UA-23"]),
    # A place glued by a hyphen to a word ('Kyiv-based', 'Moscow-installed') says who, not where.
    # The parties to a war are no place: 'fire between Israel and Hezbollah' in a story from Lebanon.
    ("A strike killed three people in a village in the south of the country on Monday as fighting between Israel "
     "and Hezbollah went on.", []),
    ("A Kyiv-based monitor said Russian shelling killed four people, among them two women, at a bus stop in the "
     "town of Kurakhove on Monday.", ["UA-14"]),
])
def test_capitals_as_governments_and_datelines_are_not_strike_locations(extractor, text, expected):
    assert [r for r, _ in regions(extractor, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Everyday words that are also tiny towns or foreign regions ('Most' in Czechia, 'May' in India).
    ("Most of the 14 people killed in the missile strike on Kramatorsk on Monday were civilians.", ["UA-14"]),
    ("Since May the town of Kupiansk has been shelled daily; on Monday a strike killed two women there.", ["UA-63"]),
    # Person names in a Gaza story are not towns in India or Germany, and 'Hamas' is a side.
    ("An Israeli strike on a house in Khan Younis on Monday killed Hassan and his two brothers, relatives "
     "told Hamas-run media.", ["PS-KYS"]),
    # The article's own country decides between same-name places ('Pokrovsk' was also a Russian town's name).
    ("Ukrainian officials said four people were killed when glide bombs hit Pokrovsk on Monday.", ["UA-14"]),
    # Beside a region the article names, a big town abroad with a similar name is an accident ('Borisov' in Belarus).
    ("The governor of Russia's Belgorod region said a drone attack on the Borisov district killed two farm workers "
     "on Monday.", ["RU-BEL"]),
])
def test_same_name_places_in_unrelated_countries_are_not_chosen(extractor, text, expected):
    assert [r for r, _ in regions(extractor, text)] == expected


def test_a_sea_named_like_foreign_governorates_is_no_region(extractor):
    text = "Houthi missiles struck a cargo ship in the Red Sea off Yemen on Monday, injuring two sailors."
    assert all(code is None or code.startswith("YE") for code, _ in regions(extractor, text))


@pytest.mark.parametrize(("text", "admin1"), [
    ("An air strike on the Nuseirat refugee camp killed seven people on Monday.", "PS-DEB"),
    ("An air strike on a house in Bureij killed five people on Monday.", "PS-DEB"),
    ("Israeli jets struck the Shujaiya neighbourhood on Monday, killing six people.", "PS-GZA"),
    ("An Israeli strike on Dahiyeh killed two people on Monday, Lebanon's health ministry said.", "LB-BA"),
    ("An air strike on a house in the Sabra neighbourhood of Gaza City killed five people on Monday.", "PS-GZA"),
    ("A drone strike on a car in Bir al-Naja, west of Jabalia, killed two people on Monday.", "PS-NGZ"),
    ("An air strike on a family home in Deir Balah killed nine people on Monday.", "PS-DEB"),
    ("Shelling hit the Shaboura camp on Monday, wounding four people.", "PS-RFH"),
])
def test_camps_and_neighbourhoods_resolve_to_their_governorate(extractor, text, admin1):
    assert [r for r, _ in regions(extractor, text)] == [admin1]


def test_a_village_the_gazetteer_knows_only_elsewhere_stays_in_the_named_region(extractor):
    found = regions(extractor, "Shelling killed a man in the village of Vesele in the Kherson region on Monday.")
    assert found == [("UA-65", "Vesele")]


def test_a_camp_and_its_town_on_one_day_are_one_incident(extractor):
    text = ("An Israeli air strike hit a house in Jabalia camp on Monday, killing six people. "
            "Medics in Jabalia said nine more were wounded in the strike.")
    events = extract(extractor, text)
    assert [(e["location"]["admin1_code"], e["location"]["place"], e["killed"], e["wounded"]) for e in events] == [
        ("PS-NGZ", "Jabalia camp", 6, 9)]


def test_a_toll_told_across_the_strip_is_none_of_the_strikes_it_sums(extractor):
    text = ("At least 12 people have been killed in Israeli air strikes across the Gaza Strip, medics said.\n\n"
            "A strike on a house in Rafah late on Monday killed five people, the civil defence said.\n\n"
            "Another strike early on Tuesday killed four people in Khan Younis.")
    events = extract(extractor, text, published="2024-05-07")
    assert [(e["location"]["admin1_code"], e["occurred_on"], e["killed"], e["background"]) for e in events] == [
        ("PS-RFH", "2024-05-06", 5, False), ("PS-KYS", "2024-05-07", 4, False)]


def test_a_toll_told_for_the_whole_strip_is_the_one_strike_the_article_places(extractor):
    text = ("At least 12 people were killed in Gaza on Monday, the health ministry said. "
            "The air strike on Shujaiya destroyed a family home.")
    events = extract(extractor, text)
    assert [(e["location"]["admin1_code"], e["killed"]) for e in events] == [("PS-GZA", 12)]


def test_a_direction_and_a_country_can_name_a_region(extractor):
    found = regions(extractor, "A Hezbollah rocket attack on northern Israel injured two men on Monday.")
    assert [code for code, _ in found] == ["IL-Z"]


def test_where_the_rockets_came_from_is_not_where_they_hit(extractor):
    text = "Rockets fired from southern Lebanon injured two men in the Israeli town of Nahariya on Monday."
    assert [code for code, _ in regions(extractor, text)] == ["IL-Z"]


@pytest.mark.parametrize(("text", "admin1"), [
    ("An air strike hit Maaysra, a village north of Beirut, on Monday, killing three people.", "LB-JL"),
    ("Shelling killed two people in a village 30 kilometres south of Kyiv on Monday.", "UA-32"),
])
def test_a_place_north_of_a_city_is_in_the_region_around_it(extractor, text, admin1):
    assert [r for r, _ in regions(extractor, text)] == [admin1]


def test_a_plant_named_after_its_region_is_not_the_city(extractor):
    text = ("A drone hit a bus in Enerhodar on Monday, killing one person, near the Zaporizhzhia nuclear "
            "power plant, the Russian-installed governor said.")
    assert regions(extractor, text) == [("UA-23", "Enerhodar")]


def test_the_city_of_x_is_as_close_to_the_strike_as_x(extractor):
    text = "Israeli jets carried out strikes near the southern city of Tyre on Monday, Lebanon's state media reported."
    assert [r for r, _ in regions(extractor, text)] == ["LB-JA"]


def test_two_villages_no_gazetteer_has_stay_two_strikes_of_their_region(extractor):
    text = ("An air strike on Maaysra, a village north of Beirut, killed nine people on Monday. "
            "Separately, a strike on Barja, south of the capital, killed four people.")
    found = [(e["location"]["admin1_code"], e["location"]["place"], e["killed"]) for e in extract(extractor, text)]
    assert found == [("LB-JL", "Maaysra", 9), ("LB-JL", "Barja", 4)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Guided bombs hit houses in the village of Odradokamyanka in the Kherson region on Monday, killing a man.",
     [("UA-65", "Odradokamyanka")]),
    ("Residents said 40 people were killed in a drone strike on Tudun Biri village in Kaduna State on Sunday.",
     [("NG-KD", "Tudun Biri")]),
])
def test_a_village_no_gazetteer_has_is_kept_by_name_in_its_region(extractor, text, expected):
    assert regions(extractor, text) == expected


def test_the_region_around_a_struck_city_adds_no_second_event(extractor):
    text = ("Ukrainian missiles struck Sevastopol on Sunday, killing three people. "
            "The attack on Crimea also damaged a power line.")
    assert regions(extractor, text) == [("UA-40", "Sevastopol")]


def test_a_foreign_city_naming_a_hospital_or_a_family_is_no_location(extractor):
    text = ("An Israeli air strike on a house near the Quds hospital in Gaza City killed five people on Monday, "
            "the Palestinian health ministry in the Gaza Strip said.")
    assert [r for r, _ in regions(extractor, text)] == ["PS-GZA"]


def test_a_village_name_shared_abroad_too_stays_in_the_one_region_of_the_article(extractor):
    text = ("Russian shelling killed a woman in the Kherson region on Monday, the governor said.\n\n"
            "Later on Monday artillery struck Vesele, wounding two men.")
    assert ("UA-65", "Vesele") in regions(extractor, text)
