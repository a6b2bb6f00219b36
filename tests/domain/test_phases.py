"""The agenda: what each phase allows, checked agenda items, and the two templates."""

from __future__ import annotations

import pytest

from workshop.domain import phases
from workshop.domain.errors import WorkshopError, WrongPhase
from workshop.domain.phases import KINDS, LABELS, TEMPLATES, Phase, check_agenda, check_phase

# kind → (cards without cards_while_voting, cards with it, votes), for an open workshop
RULES = {
    "join": (True, True, False),
    "brainstorm": (True, True, False),
    "cluster": (True, True, False),
    "vote": (False, True, True),
    "report": (False, False, False),
    "closed": (False, False, False),
}


def phase(kind: str) -> Phase:
    return Phase(kind, LABELS[kind])


def test_the_table_names_every_kind():
    assert set(RULES) == set(KINDS)


@pytest.mark.parametrize("cards_while_voting", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_cards_are_allowed_as_the_phase_table_says(kind, cards_while_voting):
    expected = RULES[kind][1 if cards_while_voting else 0]
    allowed = phases.allows_cards(phase(kind), closed=False, cards_while_voting=cards_while_voting)
    assert allowed is expected
    if expected:
        phases.require_cards(phase(kind), closed=False, cards_while_voting=cards_while_voting)
    else:
        with pytest.raises(WrongPhase) as refused:
            phases.require_cards(phase(kind), closed=False, cards_while_voting=cards_while_voting)
        assert refused.value.code == "wrong_phase"


@pytest.mark.parametrize("kind", KINDS)
def test_votes_are_allowed_only_in_the_vote_phase(kind):
    assert phases.allows_votes(phase(kind), closed=False) is RULES[kind][2]
    assert phases.allows_votes(phase(kind), closed=True) is False
    if RULES[kind][2]:
        phases.require_votes(phase(kind), closed=False)
    else:
        with pytest.raises(WrongPhase) as refused:
            phases.require_votes(phase(kind), closed=False)
        assert refused.value.code == "wrong_phase"


@pytest.mark.parametrize("cards_while_voting", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_closed_workshop_allows_no_cards_in_any_phase(kind, cards_while_voting):
    assert phases.allows_cards(phase(kind), closed=True, cards_while_voting=cards_while_voting) is False
    with pytest.raises(WrongPhase) as refused:
        phases.require_cards(phase(kind), closed=True, cards_while_voting=cards_while_voting)
    assert refused.value.code == "wrong_phase"
    assert refused.value.message == "The workshop is closed."


@pytest.mark.parametrize("kind", KINDS)
def test_closed_workshop_allows_no_votes_in_any_phase(kind):
    with pytest.raises(WrongPhase) as refused:
        phases.require_votes(phase(kind), closed=True)
    assert refused.value.code == "wrong_phase"
    assert refused.value.message == "The workshop is closed."


def test_refusal_names_the_current_phase():
    with pytest.raises(WrongPhase) as refused:
        phases.require_cards(Phase("report", "Report back"), closed=False, cards_while_voting=False)
    assert "Report back" in refused.value.message


@pytest.mark.parametrize(
    "kind, flag, closed",
    [
        ("brainstorm", False, False),
        ("vote", False, False),
        ("report", False, False),
        ("brainstorm", True, True),
        ("closed", False, True),
        ("closed", True, True),
    ],
)
def test_workshop_is_closed_by_the_flag_or_a_closed_phase(kind, flag, closed):
    assert phases.is_closed(phase(kind), flag) is closed


@pytest.mark.parametrize("kind", KINDS)
def test_phase_name_defaults_to_the_kind_label(kind):
    assert check_phase(kind, None, None, None) == Phase(kind, LABELS[kind], None, None)
    assert check_phase(kind, "   ", None, None).name == LABELS[kind]


def test_checked_phase_keeps_trimmed_name_minutes_and_question():
    checked = check_phase("brainstorm", "  Ideas  ", 15, "  What next?  ")
    assert checked == Phase("brainstorm", "Ideas", 15, "What next?")


def test_blank_question_means_the_workshop_question():
    assert check_phase("brainstorm", None, None, "   ").question is None


@pytest.mark.parametrize("minutes", [1, 600])
def test_phase_lengths_at_the_limits_are_accepted(minutes):
    assert check_phase("brainstorm", None, minutes, None).minutes == minutes


@pytest.mark.parametrize(
    "kind, name, minutes, question, code",
    [
        ("party", None, None, None, "invalid_input"),
        ("Brainstorm", None, None, None, "invalid_input"),
        ("", None, None, None, "invalid_input"),
        ("brainstorm", None, 0, None, "invalid_input"),
        ("brainstorm", None, 601, None, "invalid_input"),
        ("brainstorm", None, -5, None, "invalid_input"),
        ("brainstorm", "n" * 61, None, None, "text_too_long"),
        ("brainstorm", None, None, "q" * 1001, "text_too_long"),
    ],
)
def test_bad_phase_is_refused_on_the_agenda_field(kind, name, minutes, question, code):
    with pytest.raises(WorkshopError) as refused:
        check_phase(kind, name, minutes, question)
    assert (refused.value.code, refused.value.field) == (code, "agenda")


def test_challenges_template_runs_join_brainstorm_cluster_vote_report():
    assert [p.kind for p in TEMPLATES["challenges"]] == ["join", "brainstorm", "cluster", "vote", "report"]


def test_one_two_four_all_template_is_brainstorm_rounds_of_1_2_4_minutes_then_the_room():
    template = TEMPLATES["1-2-4-all"]
    assert {p.kind for p in template} <= set(KINDS)
    rounds = [p.minutes for p in template if p.kind == "brainstorm"]
    assert rounds == [1, 2, 4]
    assert template[-1].kind == "report"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_is_a_valid_agenda(name):
    template = TEMPLATES[name]
    assert check_agenda(list(template)) == template
    for item in template:
        assert check_phase(item.kind, item.name, item.minutes, item.question) == item


def test_default_template_is_challenges():
    assert phases.DEFAULT_TEMPLATE == "challenges"


@pytest.mark.parametrize("count", [1, 30])
def test_agenda_of_one_to_thirty_phases_is_accepted(count):
    agenda = [Phase("brainstorm", f"Round {n}") for n in range(count)]
    assert check_agenda(agenda) == tuple(agenda)


@pytest.mark.parametrize("count", [0, 31])
def test_agenda_of_zero_or_thirty_one_phases_is_refused(count):
    with pytest.raises(WorkshopError) as refused:
        check_agenda([Phase("brainstorm", f"Round {n}") for n in range(count)])
    assert (refused.value.code, refused.value.field) == ("invalid_input", "agenda")


@pytest.mark.parametrize(
    "kind, closed, shown",
    [("brainstorm", False, False), ("vote", False, False), ("report", False, True), ("vote", True, True)],
)
def test_phones_and_the_projector_show_report_back_in_a_report_phase_and_once_closed(kind, closed, shown):
    assert phases.shows_report(Phase(kind, "x"), closed=closed) is shown


def test_a_phase_number_must_be_on_the_agenda():
    agenda = TEMPLATES["challenges"]
    assert phases.check_index(len(agenda) - 1, agenda) == len(agenda) - 1
    for index in (-1, len(agenda)):
        with pytest.raises(WorkshopError) as refused:
            phases.check_index(index, agenda)
        assert (refused.value.code, refused.value.field) == ("invalid_input", "index")
