"""Counts the parse splits or hangs on a date (components/stated.py): ranges, a participle between the
number and the people, a count that opens a sentence after its date. All texts are our own writing."""

from __future__ import annotations

import pytest

from tests.unit.nlp.test_victims import figures


@pytest.mark.parametrize(("text", "expected"), [
    ("On Friday, March 7, between six and 11 residents of the block were killed in a strike on the market.",
     {("killed", 6, True)}),
    ("A missile hit the depot, killing between four to nine workers.", {("killed", 4, True)}),
    ("An air strike killed between 23 and 30 villagers near the well.", {("killed", 23, True)}),
    ("Between three and eight were wounded in the shelling.", {("wounded", 3, True)}),
])
def test_a_range_counts_its_low_end_as_a_lower_bound(annotate, text, expected):
    assert figures(annotate(text)) == expected


def test_a_participle_between_number_and_people_keeps_the_number(annotate):
    assert figures(annotate("At least 14 identified residents were killed in the strike.")) == {("killed", 14, True)}


@pytest.mark.parametrize(("text", "expected"), [
    ("On the night of Friday, March 7, ten villagers, including two boys, were killed in a drone strike.",
     {("killed", 10, False)}),
    ("On Friday, March 7, between six and nine members of the family, including a boy and at least one woman "
     "were killed in the strike.", {("killed", 6, True)}),
    ("Around 9pm on Friday, March 7, at least five villagers, including a girl, were killed by a drone.",
     {("killed", 5, True)}),
])
def test_the_count_after_a_date_is_the_verbs_not_the_breakdown_after_including(annotate, text, expected):
    assert figures(annotate(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Crews searched for between 20 and 30 hours, and two people were killed.", {("killed", 2, False)}),
    ("Between 10 and 12 drones were launched at the city; one man was injured.", {("wounded", 1, False)}),
    ("A total of 40 members of the clan had been killed up until that point in the conflict.", set()),
])
def test_ranges_of_other_things_and_running_totals_are_no_toll(annotate, text, expected):
    assert figures(annotate(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The shelling of the farm resulted in at least four deaths and at least six injuries.",
     {("killed", 4, True), ("wounded", 6, True)}),
    ("The shelling of the farm resulted in one death and two injuries.", {("killed", 1, False), ("wounded", 2, False)}),
])
def test_counted_deaths_and_injuries_are_each_their_own_kind(annotate, text, expected):
    assert figures(annotate(text)) == expected


def test_a_vague_plural_shared_by_killing_and_wounding_is_at_least_two_of_each(annotate):
    texts = ["A drone hit the farm, killing and wounding an unknown number of workers.",
             "A drone strike on the farm killed and injured a number of workers.",
             "The farm was hit, resulting in an unknown number of deaths and injuries."]
    at_least_two_of_each = {("killed", 2, True), ("wounded", 2, True)}
    assert [figures(annotate(text)) for text in texts] == [at_least_two_of_each] * len(texts)


def test_people_killed_in_a_participle_clause(annotate):
    assert figures(annotate("The farm was shelled, resulting in at least three people killed.")) == {("killed", 3, True)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Villagers buried 40 people who were killed in the strike.", {("killed", 40, False)}),
    ("Villagers buried the 40 people who had been killed in the war.", set()),
    ("Medics went to recover four people who were killed in an earlier strike on the road.", set()),
])
def test_a_count_before_who_were_killed_in_the_strike_is_its_toll(annotate, text, expected):
    assert figures(annotate(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The strike killed Karim Haddad's grandson.", {("killed", 1, False)}),
    ("A well-known poet, Samir Abu Haddad, was killed in the shelling.", {("killed", 1, False)}),
])
def test_one_person_described_by_an_owner_or_a_name(annotate, text, expected):
    assert figures(annotate(text)) == expected
