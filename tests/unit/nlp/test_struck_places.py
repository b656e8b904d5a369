"""Strikes on a named place that give no casualty figure, and the places that only help to find another."""

from __future__ import annotations

from tests.unit.nlp.test_components import extract


def located(extractor, text: str, published: str = "2025-03-10") -> list[tuple[str | None, int | None]]:
    return sorted(((e["location"]["admin1_code"], e["killed"]) for e in extract(extractor, text, published)),
                  key=lambda r: r[0] or "")


def test_a_strike_on_a_building_inside_a_named_district_is_a_strike_on_that_district(extractor):
    text = "On Monday an air strike hit a warehouse in the industrial zone of the Saada province, a local official said."
    assert located(extractor, text) == [("YE-SD", None)]


def test_a_house_in_a_quarter_of_a_town_places_the_strike_in_the_town(extractor):
    text = "Rescuers said a drone strike on a flat in the eastern quarter of Kharkiv damaged the building on Monday."
    assert located(extractor, text) == [("UA-63", None)]


def test_every_province_of_a_struck_list_is_an_event(extractor):
    text = "Israeli air strikes targeted the provinces of Homs, Latakia and Tartus on Sunday, Syrian media reported."
    assert located(extractor, text) == [("SY-HI", None), ("SY-LA", None), ("SY-TA", None)]


def test_a_list_of_places_a_threat_was_announced_for_is_no_strike(extractor):
    text = "On Monday night an air raid alarm sounded in Kyiv, Lviv and Odesa over the threat of missile attacks."
    assert located(extractor, text) == []


def test_a_reference_city_north_of_the_struck_province_is_not_struck(extractor):
    text = "Rebel television reported an American strike on a radio mast in the Amran province north of Sanaa on Monday."
    assert located(extractor, text) == [("YE-AM", None)]


def test_a_total_across_the_country_is_not_the_toll_of_the_one_strike_placed(extractor):
    text = ("Health officials said Israeli strikes killed 30 people across Gaza on Monday. "
            "Four of them died when a missile hit a tent in Rafah.")
    assert located(extractor, text) == [("PS-RFH", 4)]


def test_the_last_word_of_a_longer_local_name_is_no_foreign_town(extractor):
    text = "On Monday a missile hit a school near Birkat Umm Basel in Jabalia camp, killing three people."
    assert [code for code, _ in located(extractor, text)] == ["PS-NGZ"]


def test_a_town_a_minister_promises_to_protect_from_shelling_is_not_struck(extractor):
    text = "On Monday the minister vowed to shield the border town of Sumy, which fears more attacks, from shelling."
    assert located(extractor, text) == []


def test_a_drone_downed_somewhere_in_a_country_with_no_one_hurt_is_no_event(extractor):
    text = "Separately, on Monday soldiers shot a drone down in eastern Syria, and no one was injured."
    assert located(extractor, text) == []
