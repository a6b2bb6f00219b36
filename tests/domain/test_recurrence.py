"""Recurrence across a series: alike texts of two or more workshops, counts in held order."""

from __future__ import annotations

import pytest

from workshop.domain.errors import TooFewWorkshops, TooManyWorkshops
from workshop.domain.recurrence import Mention, Tally, check_size, kinds_in, over_time, recurring


def test_alike_texts_of_two_workshops_recur_with_their_votes_in_each():
    found = recurring(
        [
            Mention("AAAAAA", "Data silos between agencies", 3),
            Mention("BBBBBB", "Agencies keep data in silos", 5),
            Mention("BBBBBB", "Rigid procurement rules", 1),
        ]
    )
    assert len(found) == 1
    assert found[0].text == "Agencies keep data in silos"  # the one with most votes names it
    assert found[0].workshops == ["AAAAAA", "BBBBBB"]
    assert (found[0].votes_in("AAAAAA"), found[0].votes_in("BBBBBB")) == (3, 5)


def test_alike_texts_within_one_workshop_only_do_not_recur():
    found = recurring(
        [
            Mention("AAAAAA", "Data silos between agencies"),
            Mention("AAAAAA", "Agencies keep data in silos"),
            Mention("BBBBBB", "Great team spirit"),
        ]
    )
    assert found == []


def test_wider_recurrences_come_first_then_more_votes():
    found = recurring(
        [
            Mention("AAAAAA", "Rigid procurement rules", 9),
            Mention("BBBBBB", "Procurement rules are too rigid", 9),
            Mention("AAAAAA", "No budget for experiments", 0),
            Mention("BBBBBB", "Experiments lack budget", 0),
            Mention("CCCCCC", "No budget for experiments", 1),
        ]
    )
    assert [r.workshops for r in found] == [["AAAAAA", "BBBBBB", "CCCCCC"], ["AAAAAA", "BBBBBB"]]
    assert found[0].texts_in("AAAAAA") == ["No budget for experiments"]


def test_counts_are_ordered_by_when_the_workshops_were_held():
    late = Tally("AAAAAA", 300.0, {"challenge": 4})
    early = Tally("BBBBBB", 100.0, {"challenge": 1, "idea": 2})
    assert [t.workshop for t in over_time([late, early])] == ["BBBBBB", "AAAAAA"]
    assert kinds_in(over_time([late, early])) == ["challenge", "idea"]


@pytest.mark.parametrize("count, error", [(0, TooFewWorkshops), (1, TooFewWorkshops), (51, TooManyWorkshops)])
def test_a_series_has_two_to_fifty_workshops(count, error):
    with pytest.raises(error) as raised:
        check_size(count)
    assert raised.value.field == "w"


def test_two_and_fifty_workshops_make_a_series():
    check_size(2)
    check_size(50)


def test_a_title_prefix_is_at_most_as_long_as_a_title():
    from workshop.domain.errors import WorkshopError
    from workshop.domain.recurrence import title_prefix

    assert title_prefix("x" * 200) == "x" * 200
    with pytest.raises(WorkshopError) as refused:
        title_prefix("x" * 201)
    assert (refused.value.code, refused.value.field) == ("text_too_long", "prefix")
