"""What each role sees: the `state` a screen can be redrawn from."""

from __future__ import annotations

import json

import pytest

from tests.factories import PUBLIC_URL, card_payload, facilitator, join_as, make_workshop
from workshop.domain.commands import AddCard, CardRef, Join
from workshop.service import cards, joining, moderation, serialisers
from workshop.service import state as role_state
from workshop.service.actors import ATTENDEE, Actor

COMMON_KEYS = {"role", "workshop", "kinds", "groups", "agenda", "phase", "timer", "settings"}


@pytest.fixture
def filled(ctx, store, groups):
    """Ada (Finance) has two cards, one hidden; Bob (Design) has one."""
    finance, design = groups
    ada = join_as(ctx, store, name="Ada", group=finance)
    bob = join_as(ctx, store, name="Bob", group=design)

    def add(actor, **overrides):
        return cards.add_card(ctx, store, actor, AddCard(**card_payload(**overrides))).ack["card"]["id"]

    ids = {
        "visible": add(ada, text="Data silos"),
        "hidden": add(ada, text="Rude remark"),
        "design": add(bob, text="Design debt", kind="opportunity"),
    }
    moderation.set_hidden(ctx, store, facilitator(store), CardRef(ids["hidden"]), True)
    return ada, bob, ids


def test_common_state_shows_the_setup(ctx, store, groups):
    state = role_state.screen_state(store, ctx)
    assert state["workshop"] == {
        "code": store.code,
        "title": "Launch event",
        "question": "What holds your organisation back?",
        "assignment": "self",
        "allow_anonymous": False,
        "join_url": f"{PUBLIC_URL}/j/{store.code}",
    }
    assert state["kinds"] == [
        {"id": "challenge", "label": "Challenge"},
        {"id": "opportunity", "label": "Opportunity"},
    ]
    assert state["groups"] == [
        {"id": groups[0], "name": "Finance", "position": 0, "locked": False, "size_limit": None},
        {"id": groups[1], "name": "Design", "position": 1, "locked": False, "size_limit": None},
    ]


def test_screen_state_has_visible_cards_and_a_head_count_only(ctx, store, filled):
    _, _, ids = filled
    state = role_state.screen_state(store, ctx)
    assert set(state) == COMMON_KEYS | {"cards", "people", "themes", "report", "spotlight"}
    assert state["role"] == "screen"
    assert [c["id"] for c in state["cards"]] == [ids["visible"], ids["design"]]
    assert state["people"] == 2


def test_screen_state_carries_no_secret(ctx):
    store, key = make_workshop(ctx)
    _, joined = joining.join(ctx, store, Actor(code=store.code, role=ATTENDEE), Join(name="Ada"))
    text = json.dumps(role_state.screen_state(store, ctx))
    assert key not in text
    assert store.facilitator_key_hash() not in text
    assert joined.ack["token"] not in text
    assert "facilitator_key" not in text
    assert "token" not in text
    assert "participants" not in text


def test_attendee_state_has_own_group_visible_cards_only(ctx, store, filled, groups):
    ada, _, ids = filled
    state = role_state.attendee_state(store, ctx, store.people.get(ada.participant_id))
    assert set(state) == COMMON_KEYS | {
        "me",
        "cards",
        "my_other_cards",
        "themes",
        "my_votes",
        "votes_left",
        "report",
    }
    assert state["me"]["id"] == ada.participant_id
    assert [c["id"] for c in state["cards"]] == [ids["visible"]]
    assert {c["group_id"] for c in state["cards"]} == {groups[0]}


def test_attendee_state_before_joining_has_no_cards(ctx, store, filled):
    state = role_state.attendee_state(store, ctx, None)
    assert set(state) == COMMON_KEYS
    assert state["role"] == "attendee"


def test_facilitator_state_has_every_card_flagged_and_every_person(ctx, store, filled):
    _, _, ids = filled
    state = role_state.facilitator_state(store, ctx)
    assert set(state) == COMMON_KEYS | {
        "cards",
        "participants",
        "counts",
        "flags",
        "themes",
        "tallies",
        "vote_progress",
        "report",
        "spotlight",
    }
    assert {c["id"]: c["hidden"] for c in state["cards"]} == {
        ids["visible"]: False,
        ids["hidden"]: True,
        ids["design"]: False,
    }
    assert [(p["name"], p["online"]) for p in state["participants"]] == [("Ada", True), ("Bob", True)]


def test_facilitator_counts_leave_out_hidden_cards(ctx, store, filled, groups):
    finance, design = groups
    counts = role_state.facilitator_state(store, ctx)["counts"]
    assert counts == {
        "people": 2,
        "online": 2,
        "groups": {
            str(finance): {"people": 1, "cards": {"challenge": 1}},
            str(design): {"people": 1, "cards": {"opportunity": 1}},
        },
    }


def test_counts_list_an_empty_group(ctx, store, groups):
    counts = serialisers.counts(store, ctx)
    assert counts["groups"] == {str(g): {"people": 0, "cards": {}} for g in groups}
    assert (counts["people"], counts["online"]) == (0, 0)


def test_offline_person_is_shown_offline_to_the_facilitator(ctx, store, filled):
    ada, _, _ = filled
    joining.disconnect(ctx, store, ada)
    people = {p["name"]: p["online"] for p in role_state.facilitator_state(store, ctx)["participants"]}
    assert people == {"Ada": False, "Bob": True}
    assert serialisers.counts(store, ctx)["online"] == 1


def test_card_view_names_its_author_or_none(ctx, store, filled):
    _, _, ids = filled
    card = store.cards.get(ids["visible"])
    ada = store.people.get(card.participant_id)
    assert serialisers.card_view(card, ada)["author"] == "Ada"
    assert serialisers.card_view(card, None)["author"] is None
    assert serialisers.card_view(card, None)["organisation"] is None
