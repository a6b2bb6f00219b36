"""A workshop's switches: the vote budget and its limits."""

from __future__ import annotations

import pytest

from workshop.domain.errors import WorkshopError
from workshop.domain.settings import Settings, votes_per_person


def test_default_settings_give_three_single_dots_and_reveal_nothing():
    assert Settings() == Settings(
        votes_per_person=3,
        multiple_votes_per_item=False,
        cards_while_voting=False,
        blur_cards=False,
        cards_revealed=False,
        votes_revealed=False,
        closed=False,
    )


@pytest.mark.parametrize("value", [1, 3, 20])
def test_one_to_twenty_votes_per_person_are_accepted(value):
    assert votes_per_person(value) == value


@pytest.mark.parametrize("value", [0, -1, 21, 100])
def test_votes_per_person_outside_one_to_twenty_is_refused(value):
    with pytest.raises(WorkshopError) as refused:
        votes_per_person(value)
    assert (refused.value.code, refused.value.field) == ("invalid_input", "votes_per_person")


def test_the_door_is_open_by_default_and_admits_newcomers():
    from workshop.domain.settings import admit_newcomer

    assert Settings().door_closed is False
    admit_newcomer(Settings())  # no error


def test_a_closed_door_refuses_newcomers_with_a_stable_code():
    from workshop.domain.settings import admit_newcomer

    with pytest.raises(WorkshopError) as refused:
        admit_newcomer(Settings(door_closed=True))
    assert refused.value.code == "door_closed"
    assert "closed the door" in refused.value.message
