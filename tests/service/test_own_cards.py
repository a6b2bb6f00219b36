"""An attendee's phone keeps showing their own cards that their group's list no longer does:
set aside by the facilitator, or left behind in a group they were moved from."""

from __future__ import annotations

from tests.factories import card_payload, edge, facilitator
from workshop.domain.commands import AddCard, CardRef, MoveParticipant
from workshop.service import cards, moderation, people
from workshop.service import state as role_state


def post(ctx, store, actor, text):
    return edge(cards.add_card)(ctx, store, actor, AddCard(**card_payload(text=text))).ack["card"]["id"]


def state_of(ctx, store, actor):
    return role_state.attendee_state(store, ctx, store.people.get(actor.participant_id))


def test_nothing_extra_while_every_own_card_is_on_the_board(ctx, store, ada, bob):
    post(ctx, store, ada, "Data silos")
    post(ctx, store, bob, "Slow approvals")
    assert state_of(ctx, store, ada)["my_other_cards"] == []


def test_a_hidden_card_stays_visible_to_its_author_only_and_flagged(ctx, store, ada, bob):
    hidden = post(ctx, store, ada, "Off topic")
    post(ctx, store, ada, "Data silos")
    edge(moderation.set_hidden)(ctx, store, facilitator(store), CardRef(hidden), True)

    mine = state_of(ctx, store, ada)
    assert [c["text"] for c in mine["cards"]] == ["Data silos"]
    assert [(c["id"], c["hidden"]) for c in mine["my_other_cards"]] == [(hidden, True)]
    other = state_of(ctx, store, bob)
    assert hidden not in [c["id"] for c in other["cards"] + other["my_other_cards"]]

    edge(moderation.set_hidden)(ctx, store, facilitator(store), CardRef(hidden), False)
    assert state_of(ctx, store, ada)["my_other_cards"] == []


def test_a_moved_person_still_sees_the_cards_they_posted_in_their_old_group(ctx, store, groups, ada, dana):
    finance, design = groups
    earlier = post(ctx, store, ada, "Data silos")
    edge(people.move_participant)(ctx, store, facilitator(store), MoveParticipant(ada.participant_id, design))

    moved = state_of(ctx, store, ada)
    assert moved["me"]["group_id"] == design
    assert earlier not in [c["id"] for c in moved["cards"]]
    assert [(c["id"], c["group_id"], c["text"]) for c in moved["my_other_cards"]] == [
        (earlier, finance, "Data silos")
    ]
    # Dana, already in Design, sees the newcomer's old card nowhere.
    assert state_of(ctx, store, dana)["my_other_cards"] == []
    assert earlier not in [c["id"] for c in state_of(ctx, store, dana)["cards"]]
