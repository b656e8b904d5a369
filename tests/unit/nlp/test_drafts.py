"""How the figures told of one incident make its count (drafts.Count), without parsing."""

from __future__ import annotations

from streams.nlp.components.casualties import Casualty
from streams.nlp.drafts import Count


def told(value: int, *, at: int, listed: bool = False, attributed: bool = False, update: bool = False) -> tuple[Casualty, int]:
    return Casualty("killed", value, False, 0, update=update, listed=listed, attributed=attributed), at


def counted(*figures: tuple[Casualty, int]) -> Count:
    count = Count()
    for figure, at in figures:
        count.add(figure, at)
    return count


def test_the_writers_first_toll_is_not_raised_by_sources_or_names_after_it():
    count = counted(told(7, at=0), told(8, at=100, attributed=True), told(9, at=200, listed=True))
    assert count.value == 7


def test_an_update_and_the_writers_own_later_count_still_raise_it():
    assert counted(told(7, at=0), told(9, at=100, attributed=True, update=True)).value == 9
    assert counted(told(7, at=0), told(9, at=100)).value == 9


def test_a_first_toll_from_a_source_leaves_the_largest():
    assert counted(told(7, at=0, attributed=True), told(10, at=100, attributed=True)).value == 10
    assert counted(told(6, at=0, listed=True), told(5, at=100)).value == 6


def test_of_two_merged_counts_the_one_told_first_leads():
    lead, later = counted(told(4, at=0)), counted(told(6, at=300, listed=True))
    later.merge(lead)
    assert later.value == 4
    names_first, own_later = counted(told(6, at=0, listed=True)), counted(told(5, at=300))
    own_later.merge(names_first)
    assert own_later.value == 6
