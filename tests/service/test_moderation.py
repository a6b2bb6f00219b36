"""The facilitator moderates cards: corrects a text, moves a card to another group."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator
from tests.service.announced import all_rooms, payload_of, rooms_of, sent
from workshop.domain.commands import (
    AddCard,
    CardRef,
    CastVote,
    ChangeSettings,
    CorrectCard,
    CreateTheme,
    Empty,
    MoveCard,
    SetCardTheme,
    SetPhase,
)
from workshop.domain.errors import WorkshopError
from workshop.service import cards, moderation, rooms, steering, themes, voting
from workshop.service import state as role_state
from workshop.service.actors import SCREEN, Actor

VOTE = 3  # in the default agenda


@pytest.fixture
def card_id(ctx, store, ada):
    return edge(cards.add_card)(ctx, store, ada, AddCard(**card_payload(text="Data silso"))).ack["card"]["id"]


def refused(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        call(*args, **kwargs)
    return caught.value


def correct(ctx, store, card_id, text, actor=None):
    return edge(moderation.correct_card)(ctx, store, actor or facilitator(store), CorrectCard(card_id, text))


def move(ctx, store, card_id, group_id, actor=None):
    return edge(moderation.move_card)(ctx, store, actor or facilitator(store), MoveCard(card_id, group_id))


def state_of(ctx, store, actor):
    return role_state.attendee_state(store, ctx, store.people.get(actor.participant_id))


# --- corrections


def test_corrected_card_keeps_its_original_text(ctx, store, card_id, clock):
    clock.tick(30)
    outcome = correct(ctx, store, card_id, "  Data silos ")
    card = outcome.ack["card"]
    assert (card["text"], card["original_text"], card["updated_at"]) == (
        "Data silos",
        "Data silso",
        clock.now,
    )
    stored = store.cards.get(card_id)
    assert (stored.text, stored.original_text) == ("Data silos", "Data silso")


def test_a_second_correction_keeps_the_first_original(ctx, store, card_id):
    correct(ctx, store, card_id, "Data silos")
    outcome = correct(ctx, store, card_id, "Data silos between teams")
    assert outcome.ack["card"]["original_text"] == "Data silso"
    assert store.cards.get(card_id).original_text == "Data silso"


def test_correction_is_announced_to_the_group_and_stewards_only(ctx, store, groups, card_id):
    code = store.code
    finance, design = groups
    outcome = correct(ctx, store, card_id, "Data silos")
    stewards = {rooms.group(code, finance), rooms.facilitators(code), rooms.screens(code)}
    assert sent(outcome) == {("card:updated", room) for room in stewards}
    for room in stewards:
        card = payload_of(outcome, "card:updated", room)["card"]
        assert (card["text"], card["original_text"]) == ("Data silos", "Data silso")
    assert rooms.group(code, design) not in all_rooms(outcome)


def test_correction_of_a_hidden_card_reaches_facilitators_only(ctx, store, card_id):
    edge(moderation.set_hidden)(ctx, store, facilitator(store), CardRef(card_id), True)
    outcome = correct(ctx, store, card_id, "Data silos")
    assert sent(outcome) == {("card:updated", rooms.facilitators(store.code))}


def test_corrected_text_reaches_a_blurred_group_blurred(ctx, store, groups, card_id):
    edge(steering.change_settings)(ctx, store, facilitator(store), ChangeSettings(blur_cards=True))
    outcome = correct(ctx, store, card_id, "Data silos")
    to_group = payload_of(outcome, "card:updated", rooms.group(store.code, groups[0]))["card"]
    assert (to_group["blurred"], to_group["text"]) == (True, "")
    assert payload_of(outcome, "card:updated", rooms.facilitators(store.code))["card"]["text"] == "Data silos"


@pytest.mark.parametrize(
    "text, code", [("", "empty_text"), ("  ", "empty_text"), ("x" * 501, "text_too_long")]
)
def test_bad_correction_is_refused_and_the_text_kept(ctx, store, card_id, text, code):
    error = refused(correct, ctx, store, card_id, text)
    assert (error.code, error.field) == (code, "text")
    stored = store.cards.get(card_id)
    assert (stored.text, stored.original_text) == ("Data silso", None)


def test_correcting_an_unknown_card_is_not_found(ctx, store):
    error = refused(correct, ctx, store, 999, "Text")
    assert (error.code, error.field) == ("not_found", "card_id")


# --- moving a card to another group


def test_moved_card_leaves_the_old_group_and_joins_the_new_one(ctx, store, groups, card_id, ada, dana):
    code = store.code
    finance, design = groups
    outcome = move(ctx, store, card_id, design)
    assert outcome.ack["card"]["group_id"] == design
    assert sent(outcome) == {
        ("card:deleted", rooms.group(code, finance)),
        ("card:added", rooms.group(code, design)),
        ("card:updated", rooms.facilitators(code)),
        ("card:updated", rooms.screens(code)),
        ("card:updated", rooms.person(code, ada.participant_id)),
        ("counts:changed", rooms.facilitators(code)),
    }
    # Its author is told where it went, with their own words: their phone keeps it in sight.
    assert payload_of(outcome, "card:updated", rooms.person(code, ada.participant_id))["card"] == {
        **payload_of(outcome, "card:updated", rooms.facilitators(code))["card"]
    }
    assert payload_of(outcome, "card:deleted", rooms.group(code, finance)) == {
        "card_id": card_id,
        "group_id": finance,
    }
    assert payload_of(outcome, "card:added", rooms.group(code, design))["card"]["group_id"] == design
    assert payload_of(outcome, "card:updated", rooms.facilitators(code))["card"]["group_id"] == design
    assert payload_of(outcome, "card:updated", rooms.screens(code))["card"]["group_id"] == design
    assert rooms_of(outcome, "card:deleted") == {rooms.group(code, finance)}
    assert rooms_of(outcome, "card:added") == {rooms.group(code, design)}
    assert store.cards.get(card_id).group_id == design
    assert [c["id"] for c in state_of(ctx, store, ada)["cards"]] == []
    assert [c["id"] for c in state_of(ctx, store, dana)["cards"]] == [card_id]


def test_moved_card_updates_both_groups_counts(ctx, store, groups, card_id):
    finance, design = groups
    outcome = move(ctx, store, card_id, design)
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(store.code))["counts"]
    assert counts["groups"][str(finance)]["cards"] == {}
    assert counts["groups"][str(design)]["cards"] == {"challenge": 1}


def test_moved_card_leaves_its_theme_and_its_dots(ctx, store, groups, card_id, ada):
    finance, design = groups
    fac = facilitator(store)
    theme_id = edge(themes.create_theme)(ctx, store, fac, CreateTheme(finance, "Silos")).ack["theme"]["id"]
    edge(themes.set_card_theme)(ctx, store, fac, SetCardTheme(card_id, theme_id))
    edge(steering.set_phase)(ctx, store, fac, SetPhase(VOTE))
    edge(voting.cast_vote)(ctx, store, ada, CastVote(client_id="v-1", card_id=card_id))
    outcome = move(ctx, store, card_id, design)
    assert outcome.ack["card"]["theme_id"] is None
    assert store.cards.get(card_id).theme_id is None
    assert store.votes.count() == 0
    assert state_of(ctx, store, ada)["votes_left"] == 3


def test_moved_hidden_card_is_told_to_facilitators_only_besides_the_old_group(ctx, store, groups, card_id):
    code = store.code
    design = groups[1]
    edge(moderation.set_hidden)(ctx, store, facilitator(store), CardRef(card_id), True)
    outcome = move(ctx, store, card_id, design)
    assert rooms.group(code, design) not in all_rooms(outcome)
    assert rooms.screens(code) not in all_rooms(outcome)
    author = rooms.person(code, store.cards.get(card_id).participant_id)
    assert rooms_of(outcome, "card:updated") == {rooms.facilitators(code), author}
    assert store.cards.get(card_id).group_id == design


def test_moving_a_card_to_its_own_group_is_a_quiet_no_op(ctx, store, groups, card_id):
    outcome = move(ctx, store, card_id, groups[0])
    assert outcome.ack["card"]["group_id"] == groups[0]
    assert outcome.announce == ()


@pytest.mark.parametrize(
    "target, code, field", [("card", "not_found", "card_id"), ("group", "unknown_group", "group_id")]
)
def test_moving_to_or_from_the_unknown_is_refused(ctx, store, groups, card_id, target, code, field):
    args = (999, groups[1]) if target == "card" else (card_id, 999)
    error = refused(move, ctx, store, *args)
    assert (error.code, error.field) == (code, field)
    assert store.cards.get(card_id).group_id == groups[0]


# --- who and when


@pytest.mark.parametrize("action", ["correct", "move"])
@pytest.mark.parametrize("role", ["attendee", "screen"])
def test_only_a_facilitator_moderates(ctx, store, groups, ada, card_id, action, role):
    actor = ada if role == "attendee" else Actor(code=store.code, role=SCREEN)
    call = (
        (lambda: correct(ctx, store, card_id, "Mine", actor))
        if action == "correct"
        else (lambda: move(ctx, store, card_id, groups[1], actor))
    )
    assert refused(call).code == "not_allowed"
    stored = store.cards.get(card_id)
    assert (stored.text, stored.group_id) == ("Data silso", groups[0])


def test_nothing_is_moderated_in_a_closed_workshop(ctx, store, groups, card_id):
    edge(steering.close_workshop)(ctx, store, facilitator(store), Empty())
    assert refused(correct, ctx, store, card_id, "Data silos").code == "wrong_phase"
    assert refused(move, ctx, store, card_id, groups[1]).code == "wrong_phase"
    stored = store.cards.get(card_id)
    assert (stored.text, stored.group_id) == ("Data silso", groups[0])
