"""Event type from weapon words, and the side that struck (including claims)."""

from __future__ import annotations

import pytest

from tests.unit.nlp.test_components import extract


@pytest.mark.parametrize(("text", "event_type", "weapon"), [
    ("A Kinzhal missile killed a guard in Lutsk on Monday.", "missile_strike", "Kinzhal"),
    ("Shahed drones hit Kharkiv on Monday, killing two people.", "drone_strike", "Shahed"),
    ("A guided aerial bomb hit Sumy on Monday, killing one person.", "air_strike", None),
    ("Artillery shelled Kherson on Monday, killing a woman.", "shelling", "artillery"),
    ("A HIMARS strike on Nova Kakhovka killed three people on Monday.", "missile_strike", "HIMARS"),
    ("An attack on Nikopol killed a man on Monday.", "strike_unspecified", None),
])
def test_event_type_and_weapon_names(extractor, text, event_type, weapon):
    [event] = extract(extractor, text)
    assert event["event_type"] == event_type
    if weapon:
        assert weapon in event["weapons"]


def test_a_claimed_strike_names_the_side_accused(extractor):
    [event] = extract(extractor, "Russia's defence ministry said a Ukrainian strike on Nova Kakhovka killed three civilians on Friday.")
    assert event["actor"] == "UA" and event["location"]["admin1_code"] == "UA-65"


def test_munitions_go_to_launched_and_intercepted_not_casualties(extractor):
    events = extract(extractor, "Russia launched 99 missiles at Ukraine on Monday and 72 were shot down. "
                                "In Rivne, one person was killed when a missile hit a house.")
    assert [(e["location"]["admin1_code"], e["killed"]) for e in events] == [("UA-56", 1)]
