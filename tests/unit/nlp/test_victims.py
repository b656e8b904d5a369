"""Victims counted by who they are: people listed by name or relation, relatives hurt in different
sentences, plurals with no number, fighters named beside civilians. All texts are our own writing."""

from __future__ import annotations

import pytest

from tests.unit.nlp.test_components import extract


def figures(doc) -> set[tuple[str, int, bool]]:
    return {(c.kind, c.value, c.lower_bound) for c in doc._.casualties}


@pytest.mark.parametrize(("text", "expected"), [
    ("Karim Haddad, his wife Lina and their two daughters were killed.", {("killed", 4, False)}),
    ("His mother and sister were injured.", {("wounded", 2, False)}),
    ("The strike killed Nadia Farouk and her son Yusuf Farouk.", {("killed", 2, False)}),
    ("Omar Khalil, a 40-year-old teacher, was killed.", {("killed", 1, False)}),
])
def test_people_listed_by_name_or_relation_are_counted_once_each(annotate, text, expected):
    assert figures(annotate(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Two residents were killed and others were injured.", {("killed", 2, False), ("wounded", 2, True)}),
    ("A number of civilians were wounded in the raid.", {("wounded", 2, True)}),
    ("Several others were hurt.", {("wounded", 2, True)}),
    ("The shelling resulted in injuries.", {("wounded", 2, True)}),
])
def test_a_plural_without_a_number_is_at_least_two(annotate, text, expected):
    assert figures(annotate(text)) == expected


@pytest.mark.parametrize("text", [
    "Dozens of people were wounded.",
    "Hundreds were injured in the blast.",
])
def test_dozens_and_hundreds_stay_unknown(annotate, text):
    assert figures(annotate(text)) == set()


def test_a_number_stated_anywhere_replaces_a_vague_plural(extractor):
    text = ("An air strike hit a bakery in Uman on Monday, and others were wounded. "
            "Doctors at the city hospital said four people were injured in the strike.")
    events = extract(extractor, text, "2025-03-10")
    assert [(e["wounded"], e["wounded_is_lower_bound"]) for e in events] == [(4, False)]


def test_a_vague_plural_alone_is_a_lower_bound_of_two(extractor):
    events = extract(extractor, "A drone hit a market in Uman on Monday. Two people were killed and others were injured.",
                     "2025-03-10")
    assert [(e["killed"], e["wounded"], e["wounded_is_lower_bound"]) for e in events] == [(2, 2, True)]


def test_relatives_hurt_in_different_sentences_add_up_without_counting_anyone_twice(extractor):
    text = ("On Monday an air strike hit the home of the Nasser family in Jabalia. "
            "Samir Nasser was injured in the strike. His sister Huda Nasser was also wounded. "
            "Samir Nasser was later taken to hospital.")
    events = extract(extractor, text, "2025-03-10")
    assert [e["wounded"] for e in events if e["location"]["place"]] == [2]


def test_a_fighter_named_beside_a_civilian_is_no_civilian_victim(annotate):
    doc = annotate("Militant commander Ziad Omar and his neighbour Rami Saleh were killed.")
    assert figures(doc) == {("killed", 1, False)}


def test_a_vague_plural_in_a_flood_report_is_no_strike(extractor):
    text = "Flash floods swept through villages in the Sumy region on Monday and caused injuries."
    assert extract(extractor, text, "2025-03-10") == []


def test_names_beside_a_counted_strike_make_no_event_of_their_own(extractor):
    text = ("An air strike on a house in Jabalia on Monday killed six people. "
            "Relatives in Cairo said Amir Saleh and Dina Saleh were among those killed.")
    events = extract(extractor, text, "2025-03-10")
    assert [(e["location"]["place"], e["killed"]) for e in events] == [("Jabālyā", 6)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tariq Mansour was killed along with his three children.", {("killed", 4, False)}),
    ("Rania Odeh was killed alongside her husband Sami Odeh.", {("killed", 2, False)}),
    ("The blast killed a family of five people.", {("killed", 5, False)}),
    ("They mourned a couple who were killed with their two young sons.", {("killed", 4, False)}),
])
def test_people_killed_with_the_victim_are_victims_too(annotate, text, expected):
    assert figures(annotate(text)) == expected


def test_names_after_a_count_spell_it_out_and_ages_are_no_people(annotate):
    doc = annotate("Five civilians, Hani Saad (40 years old), his wife Noor Saad and their three sons, were killed.")
    assert figures(doc) == {("killed", 5, False)}
    doc = annotate("Hani Saad was killed with his two daughters, Lama, aged six, and Dima, aged nine.")
    assert figures(doc) == {("killed", 3, False)}


def test_killed_and_injured_share_a_vague_subject_but_not_a_number(annotate):
    assert figures(annotate("A number of residents were killed and injured.")) == {("killed", 2, True), ("wounded", 2, True)}
    # a number shared by both is the dead and the hurt together: neither's count (test_casualties)
    assert figures(annotate("Three people were killed and injured.")) == set()


def test_one_injured_person_named_beside_others_keeps_at_least_two(extractor):
    text = ("A drone hit a house in Uman on Monday, killing two people and injuring others. "
            "A photo showed an injured man being carried to an ambulance.")
    events = extract(extractor, text, "2025-03-10")
    assert [(e["wounded"], e["wounded_is_lower_bound"]) for e in events] == [(2, True)]


def test_an_unknown_number_of_wounded_is_at_least_two(annotate):
    assert figures(annotate("Four people were killed and an unknown number were wounded.")) == {("killed", 4, False), ("wounded", 2, True)}
