"""Setting up a workshop's agenda and vote settings."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import setup_payload
from workshop.domain import setup
from workshop.domain.commands import AgendaItem, CreateWorkshop
from workshop.domain.errors import WorkshopError
from workshop.domain.phases import TEMPLATES, Phase
from workshop.domain.settings import Settings


def checked(**overrides: Any):
    return setup.check_setup(CreateWorkshop(**setup_payload(**overrides)))


def test_default_agenda_is_the_challenges_template():
    assert setup.agenda(None) == TEMPLATES["challenges"]
    assert checked().agenda == TEMPLATES["challenges"]


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_named_template_gives_its_phases(name):
    assert setup.agenda(None, name) == TEMPLATES[name]
    assert checked(agenda_template=name).agenda == TEMPLATES[name]


@pytest.mark.parametrize("name", ["unknown", "Challenges", "1-2-4", "challenges "])
def test_unknown_template_is_refused_on_its_field(name):
    with pytest.raises(WorkshopError) as refused:
        checked(agenda_template=name)
    assert (refused.value.code, refused.value.field) == ("invalid_input", "agenda_template")


def test_explicit_agenda_is_checked_and_kept_in_order():
    items = [
        AgendaItem("join"),
        AgendaItem("brainstorm", "  Ideas ", 10, " What could we try? "),
        AgendaItem("vote", minutes=5),
        AgendaItem("report"),
    ]
    assert checked(agenda=items).agenda == (
        Phase("join", "Join"),
        Phase("brainstorm", "Ideas", 10, "What could we try?"),
        Phase("vote", "Vote", 5),
        Phase("report", "Report back"),
    )


def test_explicit_agenda_wins_over_a_template():
    agenda = checked(agenda=[AgendaItem("brainstorm")], agenda_template="1-2-4-all").agenda
    assert agenda == (Phase("brainstorm", "Brainstorm"),)


@pytest.mark.parametrize(
    "items, code",
    [
        ([], "invalid_input"),
        ([AgendaItem("brainstorm")] * 31, "invalid_input"),
        ([AgendaItem("party")], "invalid_input"),
        ([AgendaItem("brainstorm", minutes=0)], "invalid_input"),
        ([AgendaItem("brainstorm", minutes=601)], "invalid_input"),
        ([AgendaItem("brainstorm", name="n" * 61)], "text_too_long"),
    ],
)
def test_bad_explicit_agenda_is_refused_on_the_agenda_field(items, code):
    with pytest.raises(WorkshopError) as refused:
        checked(agenda=items)
    assert (refused.value.code, refused.value.field) == (code, "agenda")


def test_setup_carries_the_vote_settings_into_settings():
    settings = checked(
        votes_per_person=7, multiple_votes_per_item=True, cards_while_voting=True, blur_cards=True
    ).settings
    assert settings == Settings(
        votes_per_person=7, multiple_votes_per_item=True, cards_while_voting=True, blur_cards=True
    )


def test_default_setup_has_default_settings():
    assert checked().settings == Settings()


def test_new_workshop_reveals_nothing_and_is_open():
    settings = checked(blur_cards=True).settings
    assert (settings.cards_revealed, settings.votes_revealed, settings.closed) == (False, False, False)


@pytest.mark.parametrize("votes", [1, 20])
def test_one_to_twenty_votes_per_person_are_accepted_at_setup(votes):
    assert checked(votes_per_person=votes).settings.votes_per_person == votes


@pytest.mark.parametrize("votes", [0, 21])
def test_zero_or_twenty_one_votes_per_person_is_refused_at_setup(votes):
    with pytest.raises(WorkshopError) as refused:
        checked(votes_per_person=votes)
    assert (refused.value.code, refused.value.field) == ("invalid_input", "votes_per_person")
