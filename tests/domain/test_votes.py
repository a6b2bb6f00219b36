"""Dot voting: one item per vote, a budget per person, one dot per item unless allowed."""

from __future__ import annotations

import pytest

from workshop.domain import votes
from workshop.domain.errors import DuplicateVote, NoVotesLeft, WorkshopError


@pytest.mark.parametrize(
    "card_id, theme_id, expected",
    [(7, None, ("card", 7)), (None, 3, ("theme", 3)), (0, None, ("card", 0)), (None, 0, ("theme", 0))],
)
def test_vote_is_on_the_one_item_named(card_id, theme_id, expected):
    assert votes.target(card_id, theme_id) == expected


@pytest.mark.parametrize("card_id, theme_id", [(None, None), (7, 3)])
def test_vote_naming_neither_or_both_items_is_refused(card_id, theme_id):
    with pytest.raises(WorkshopError) as refused:
        votes.target(card_id, theme_id)
    assert refused.value.code == "invalid_input"


@pytest.mark.parametrize("used, budget", [(0, 1), (2, 3), (19, 20)])
def test_vote_within_the_budget_is_allowed(used, budget):
    votes.check_cast(used=used, budget=budget, on_item=0, multiple_per_item=False)


@pytest.mark.parametrize("used, budget", [(3, 3), (1, 1), (5, 3)])
@pytest.mark.parametrize("multiple", [False, True])
def test_vote_beyond_the_budget_is_refused(used, budget, multiple):
    with pytest.raises(NoVotesLeft) as refused:
        votes.check_cast(used=used, budget=budget, on_item=0, multiple_per_item=multiple)
    assert refused.value.code == "no_votes_left"


def test_second_dot_on_an_item_is_refused_when_multiple_votes_are_off():
    with pytest.raises(DuplicateVote) as refused:
        votes.check_cast(used=1, budget=3, on_item=1, multiple_per_item=False)
    assert refused.value.code == "duplicate_vote"


@pytest.mark.parametrize("on_item", [1, 2])
def test_further_dots_on_an_item_are_allowed_when_multiple_votes_are_on(on_item):
    votes.check_cast(used=on_item, budget=3, on_item=on_item, multiple_per_item=True)


def test_an_exhausted_budget_is_reported_before_a_duplicate():
    with pytest.raises(NoVotesLeft):
        votes.check_cast(used=3, budget=3, on_item=1, multiple_per_item=False)


@pytest.mark.parametrize("budget, used, left", [(3, 0, 3), (3, 2, 1), (3, 3, 0), (3, 5, 0), (1, 10, 0)])
def test_votes_left_is_never_negative(budget, used, left):
    assert votes.left(budget, used) == left


def test_dots_go_on_items_of_ones_own_group():
    from workshop.domain.errors import WorkshopError
    from workshop.domain.votes import check_own_group

    check_own_group(1, 1, field="card_id")  # no error
    with pytest.raises(WorkshopError) as refused:
        check_own_group(2, 1, field="theme_id")
    assert (refused.value.code, refused.value.field) == ("not_your_group", "theme_id")


@pytest.mark.parametrize(
    "budget, people, placed, expected",
    [
        (3, 0, {}, votes.Progress(0, 0, 0)),
        (3, 4, {}, votes.Progress(all=0, some=0, none=4)),
        (3, 4, {1: 1, 2: 1, 3: 1}, votes.Progress(all=1, some=2, none=1)),
        (1, 2, {1: 2}, votes.Progress(all=2, some=0, none=0)),
        # The budget was lowered after these five placed 3 and 4 dots: all of theirs are placed.
        (2, 6, {3: 2, 4: 3}, votes.Progress(all=5, some=0, none=1)),
    ],
)
def test_progress_counts_people_with_all_some_or_none_of_their_dots_placed(budget, people, placed, expected):
    assert votes.progress(budget, people, placed) == expected


def test_progress_of_the_room_adds_up_its_groups():
    groups = [votes.Progress(1, 2, 3), votes.Progress(0, 1, 0), votes.Progress()]
    assert votes.total(groups) == votes.Progress(all=1, some=3, none=3)
    assert votes.total([]) == votes.Progress()
