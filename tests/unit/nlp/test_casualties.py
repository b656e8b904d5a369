"""The casualty reader on small docs: who is counted, as killed or wounded, and how many."""

from __future__ import annotations

import pytest

from tests.unit.nlp.test_components import extract


def figures(doc) -> set[tuple[str, int]]:
    return {(c.kind, c.value) for c in doc._.casualties}


@pytest.mark.parametrize(("text", "expected"), [
    ("A missile killed three people and wounded 14 others in the city.", {("killed", 3), ("wounded", 14)}),
    ("Shelling killed a woman and her two daughters.", {("killed", 3)}),
    ("Two children and their mother were killed when a drone hit the house.", {("killed", 3)}),
    ("A shell hit a tractor, killing the driver.", {("killed", 1)}),
    ("The strike injured their neighbour.", {("wounded", 1)}),
    ("Air strikes on the prison killed at least 60 detainees.", {("killed", 60)}),
    ("Tank fire killed three Palestinians near the crossing.", {("killed", 3)}),
    ("Eleven others were wounded.", {("wounded", 11)}),
])
def test_who_counts_as_a_victim(annotate, text, expected):
    assert figures(annotate(text)) == expected


@pytest.mark.parametrize("text", [
    "A 91-year-old woman's house was damaged.",
    "Russia launched 99 missiles, and 72 were shot down.",
    "The strike left 30,000 people without power as temperatures fell to minus 12 degrees.",
    "Russian forces lost 1,120 troops over the past day.",
])
def test_ages_munitions_outages_and_troops_are_not_victims(annotate, text):
    assert figures(annotate(text)) == set()


def test_lower_bounds(annotate):
    doc = annotate("At least five people died and more than 20 were injured.")
    assert {(c.kind, c.value, c.lower_bound) for c in doc._.casualties} == {("killed", 5, True), ("wounded", 20, True)}


@pytest.mark.parametrize(("text", "expected"), [
    ("No one was killed or injured.", {("killed", 0), ("wounded", 0)}),
    ("No one was hurt.", {("killed", 0), ("wounded", 0)}),
    ("Two workers were injured. No deaths were reported.", {("wounded", 2), ("killed", 0)}),
])
def test_negation_gives_zero(annotate, text, expected):
    assert figures(annotate(text)) == expected


def test_a_toll_update_supersedes_and_already_counts_the_bodies_found(annotate):
    doc = annotate("The death toll from Monday's strike rose to nine after rescuers pulled two more bodies from the rubble.")
    assert [(c.kind, c.value, c.update) for c in doc._.casualties] == [("killed", 9, True)]


def test_the_number_of_people_killed_is_a_toll(annotate):
    doc = annotate("The number of people killed in the attack rose to 12 on Thursday.")
    assert [(c.kind, c.value, c.update) for c in doc._.casualties] == [("killed", 12, True)]


@pytest.mark.parametrize(("sentence", "killed", "wounded"), [
    ("At least nine people lost their lives and 30 others sustained injuries when a missile struck Uman.", 9, 30),
    ("Eleven people were reported injured when a drone hit a school in Uman.", None, 11),
    ("Four residents were taken to hospital after a drone hit a shop in Uman.", None, 4),
    ("The drone strike on a market in Uman resulted in six injuries.", None, 6),
])
def test_casualties_in_other_words(extractor, sentence, killed, wounded):
    events = extract(extractor, sentence, "2025-03-10")
    assert [(e["killed"], e["wounded"]) for e in events] == [(killed, wounded)]


def test_a_toll_raised_by_recovered_bodies_is_the_new_toll(extractor):
    text = "A missile hit a block in Uman on Monday. Three more bodies were found, raising the number of victims to 12."
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [12]


def test_an_age_in_brackets_and_a_running_total_are_no_tolls(extractor):
    text = ("A drone strike on Uman on Monday killed a teenage girl (16) and her neighbour. "
            "Some 400 residents of the region have been killed in total since the start of the war.")
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [2]


def test_figures_before_the_place_is_named_belong_to_it(extractor):
    text = ("Five people were killed and two injured when a bomb hit their home on Monday. "
            "The house stood near the central market of Uman.")
    assert [(e["killed"], e["wounded"]) for e in extract(extractor, text, "2025-03-10")] == [(5, 2)]


def test_a_year_is_not_a_count(extractor):
    text = "On the 3rd of March, 2025 six members of one family were killed in a drone strike on Uman."
    assert [e["killed"] for e in extract(extractor, text, "2025-03-05")] == [6]


def test_a_flood_is_no_strike(extractor):
    text = ("Flash floods and landslides killed 40 people in the Lviv region on Monday, officials said.\n\n"
            "Nine more people died in Uman, where the flood-hit streets were closed.")
    assert extract(extractor, text, "2025-03-10") == []


def test_drones_only_shot_down_or_tried_are_no_event(extractor):
    text = ("A drone attempted to attack the Belgorod region on Monday. Air defence destroyed it over the region; "
            "nobody was hurt, the governor said.")
    assert extract(extractor, text, "2025-03-10") == []


def test_a_strike_that_hit_a_place_is_an_event_even_with_interceptions(extractor):
    text = "Air defence shot down six drones over Uman on Monday, but debris hit a school in Uman."
    assert [e["location"]["admin1_code"] for e in extract(extractor, text, "2025-03-10")] == ["UA-71"]


def test_the_loss_of_lives(extractor):
    text = "Missiles hit the centre of Uman on Monday, resulting in the loss of at least 13 lives."
    assert [(e["killed"], e["killed_is_lower_bound"]) for e in extract(extractor, text, "2025-03-10")] == [(13, True)]


# Figures as real reports phrase them (issue 15, the numbers): each case is our own sentence for a
# phrasing found in several real articles.

def test_more_than_is_a_lower_bound_not_an_addition(annotate):
    doc = annotate("The attack killed two people and injured more than 40 in the city.")
    assert {(c.kind, c.value, c.lower_bound, c.increment) for c in doc._.casualties} == {
        ("killed", 2, False, False), ("wounded", 40, True, False)}


@pytest.mark.parametrize(("text", "expected"), [
    ("The shelling left six dead and 11 wounded, the mayor said.", {("killed", 6), ("wounded", 11)}),
    ("Officials reported three dead, seven wounded and heavy damage in the village.", {("killed", 3), ("wounded", 7)}),
    ("The raid claimed the lives of 12 civilians and more than 30 injured people.", {("killed", 12), ("wounded", 30)}),
    ("Later updates raised the count to 11 killed and 22 wounded.", {("killed", 11), ("wounded", 22)}),
])
def test_a_dead_count_and_a_wounded_count_side_by_side_are_not_added(annotate, text, expected):
    assert figures(annotate(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The blast claimed the lives of at least nine villagers.", {("killed", 9)}),
    ("The strike took the lives of four workers.", {("killed", 4)}),
    ("Twelve residents sought medical help after the attack.", {("wounded", 12)}),
    ("Eight people received medical treatment at the scene.", {("wounded", 8)}),
    ("Seventeen people are in hospital after the strike.", {("wounded", 17)}),
    ("The strike left 30 people injured and destroyed a school.", {("wounded", 30)}),
])
def test_deaths_and_injuries_in_other_words(annotate, text, expected):
    assert figures(annotate(text)) == expected


def test_a_toll_update_that_leaves_out_its_verb_the_second_time(annotate):
    doc = annotate("By evening the number of dead had risen to eight, and injured to 25.")
    assert {(c.kind, c.value, c.update) for c in doc._.casualties} == {("killed", 8, True), ("wounded", 25, True)}


def test_two_subjects_of_one_verb_are_one_list(annotate):
    doc = annotate("At least two girls from the same street and a man were reportedly injured by the blast.")
    assert figures(doc) == {("wounded", 3)}


def test_an_injured_person_listed_beside_injured_children_counts_once_in_the_list(annotate):
    doc = annotate("Photos showed two injured boys and an injured woman.")
    assert max(c.value for c in doc._.casualties) == 3


def test_soldiers_counted_before_a_participle_are_troops(annotate):
    assert figures(annotate("Two wounded soldiers were evacuated from the front.")) == set()


def test_another_victim_named_after_a_toll_is_one_of_the_toll(extractor):
    text = ("An air strike on a family home in Rafah on Monday killed 19 people. Another woman, a teacher, was killed "
            "alongside her son, relatives wrote.")
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [19]


def test_another_victim_after_a_single_one_is_a_second(extractor):
    text = ("Glide bombs hit houses in Uman on Monday. One injured man was taken to hospital. "
            "Another woman was hurt by debris.")
    assert [e["wounded"] for e in extract(extractor, text, "2025-03-10")] == [2]


@pytest.mark.parametrize(("text", "expected"), [
    ("The strike killed between four to five people in the house.", ("killed", 4, True)),
    ("Reports said six to nine residents were killed.", ("killed", 6, True)),
    ("At least 30 and up to 80 people were killed in the strike.", ("killed", 30, True)),
    ("On the evening of May 3, at least 40, and up to 90, people from one large clan, including a doctor, 12 women, "
     "and 20 children, were killed.", ("killed", 40, True)),
    ("On Monday, at least 11 members of the family, including three women and six children, and up to 30 civilians were "
     "killed in a strike on the home.", ("killed", 11, True)),
])
def test_a_range_is_its_lower_end_not_a_sum(annotate, text, expected):
    assert [(c.kind, c.value, c.lower_bound) for c in annotate(text)._.casualties if not c.vague] == [expected]


@pytest.mark.parametrize("text", [
    "More than 40 were killed and injured when the market was shelled.",
    "A volunteer listed 25 people killed or wounded in the raid.",
])
def test_one_count_of_the_dead_and_the_hurt_together_is_neither(annotate, text):
    assert figures(annotate(text)) == set()


def test_the_dead_and_the_hurt_each_with_their_own_count_stay_two(annotate):
    assert figures(annotate("The strike killed 11 people and injured 20.")) == {("killed", 11), ("wounded", 20)}


@pytest.mark.parametrize("text", [
    "A cousin wrote that 15 members of his family had been killed in the war.",
    "The violence has killed at least 40 civilians in the province.",
])
def test_the_wars_toll_is_no_strikes(annotate, text):
    assert figures(annotate(text)) == set()


def test_a_count_broken_down_after_a_comma_is_not_added_to(annotate):
    assert figures(annotate("Five members of the household, three children and two women, were killed in the strike.")) \
        == {("killed", 5)}
    assert figures(annotate("Two men, two women and a child were killed.")) == {("killed", 5)}


def test_victims_named_in_turn_after_a_larger_toll_are_of_the_toll(extractor):
    text = ("An air strike on a family home in Rafah on Monday killed 12 people. Two further relatives, 40-year-old "
            "Karim Haddad and 35-year-old Omar Haddad, were also killed in the strike.")
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [12]


def test_further_victims_without_names_still_add(extractor):
    text = "A drone hit a bus in Kherson on Monday, killing three people. Two further passengers were killed in the strike."
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [5]


def test_the_toll_of_a_week_the_sentence_describes_is_no_strikes(extractor):
    text = ("It came after a week in which Russian missiles pounded cities across Ukraine, killing 30 people, and a fire "
            "broke out at a depot in Crimea.\n\nOn Monday a drone hit a shop in the village of Tyotkino in the Kursk region, "
            "killing two.")
    assert [(e["location"]["place"], e["killed"]) for e in extract(extractor, text) if e["killed"]] == [("Tyotkino", 2)]


def test_the_writers_own_toll_stands_over_sources_and_names_told_after_it(extractor):
    text = ("On Monday, an air strike on a family home in Rafah killed six civilians. A cousin posted the names of "
            "eight people killed in the strike. A neighbour wrote that ten people were killed. Karim Haddad was killed "
            "together with his wife, his three sons and his two daughters.")
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [6]


def test_sources_alone_still_give_the_largest_toll(extractor):
    text = ("On Monday, relatives said an air strike on a family home in Rafah killed six people. A neighbour wrote "
            "that ten people were killed.")
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [10]


def test_a_toll_update_from_a_source_still_replaces_the_writers_toll(extractor):
    text = ("A missile strike on Odesa on Monday killed five people. Later the governor said the death toll had "
            "risen to eight.")
    assert [e["killed"] for e in extract(extractor, text, "2025-03-10")] == [8]
