"""Attendees posting, correcting and removing their own cards."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator
from tests.service.announced import all_rooms, events, payload_of, rooms_of, sent
from workshop.domain.commands import AddCard, CardRef, EditCard, MoveParticipant
from workshop.domain.errors import WorkshopError
from workshop.service import cards, moderation, people, rooms
from workshop.service.actors import ATTENDEE, SCREEN, Actor


def add(ctx, store, actor, **overrides):
    return edge(cards.add_card)(ctx, store, actor, AddCard(**card_payload(**overrides)))


def test_added_card_is_saved_and_answered(ctx, store, ada, groups, clock):
    outcome = add(ctx, store, ada, text="  Data silos  ", client_id="c-1")
    card = outcome.ack["card"]
    assert {k: card[k] for k in ("group_id", "participant_id", "kind", "text", "client_id", "author")} == {
        "group_id": groups[0],
        "participant_id": ada.participant_id,
        "kind": "challenge",
        "text": "Data silos",
        "client_id": "c-1",
        "author": "Ada",
    }
    assert (card["created_at"], card["updated_at"], card["hidden"]) == (clock.now, None, False)
    stored = store.cards.get(card["id"])
    assert (stored.text, stored.group_id) == ("Data silos", groups[0])


def test_card_added_goes_to_own_group_facilitators_and_screens_only(ctx, store, ada, groups):
    code = store.code
    finance, design = groups
    outcome = add(ctx, store, ada)
    assert rooms_of(outcome, "card:added") == {
        rooms.group(code, finance),
        rooms.facilitators(code),
        rooms.screens(code),
    }
    assert rooms.group(code, design) not in all_rooms(outcome)
    assert rooms.everyone(code) not in all_rooms(outcome)
    # The projector names nobody unless the facilitator turns names on (the default is off).
    unnamed = {**outcome.ack["card"], "author": None, "organisation": None}
    assert payload_of(outcome, "card:added", rooms.screens(code)) == {"card": unnamed}


def test_card_added_updates_the_facilitators_counts(ctx, store, ada, groups):
    code = store.code
    outcome = add(ctx, store, ada)
    assert rooms_of(outcome, "counts:changed") == {rooms.facilitators(code)}
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(code))["counts"]
    assert counts["groups"][str(groups[0])]["cards"] == {"challenge": 1}


def test_resent_card_is_stored_once_and_announced_once(ctx, store, ada):
    first = add(ctx, store, ada, client_id="phone-1", text="Data silos")
    again = add(ctx, store, ada, client_id="phone-1", text="Data silos")
    assert again.ack == first.ack
    assert again.announce == ()
    assert store.cards.count() == 1


def test_same_client_id_from_two_people_is_two_cards(ctx, store, ada, bob):
    first = add(ctx, store, ada, client_id="same")
    second = add(ctx, store, bob, client_id="same")
    assert first.ack["card"]["id"] != second.ack["card"]["id"]
    assert "card:added" in events(second)
    assert store.cards.count() == 2


@pytest.mark.parametrize(
    "overrides, code, field",
    [
        ({"text": ""}, "empty_text", "text"),
        ({"text": "   \n "}, "empty_text", "text"),
        ({"text": "x" * 501}, "text_too_long", "text"),
        ({"text": "Data \ud800 silos"}, "invalid_input", "text"),
        ({"kind": "risk"}, "unknown_kind", "kind"),
        ({"kind": "Challenge"}, "unknown_kind", "kind"),
        ({"client_id": ""}, "invalid_input", "client_id"),
        ({"client_id": "x" * 65}, "invalid_input", "client_id"),
    ],
)
def test_bad_card_is_refused_and_nothing_is_saved(ctx, store, ada, overrides, code, field):
    with pytest.raises(WorkshopError) as caught:
        add(ctx, store, ada, **overrides)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert store.cards.count() == 0


def test_card_before_joining_is_refused(ctx, store):
    with pytest.raises(WorkshopError) as caught:
        add(ctx, store, Actor(code=store.code, role=ATTENDEE))
    assert caught.value.code == "not_joined"
    assert store.cards.count() == 0


@pytest.mark.parametrize("role_actor", [facilitator, lambda store: Actor(code=store.code, role=SCREEN)])
def test_facilitator_or_screen_adding_a_card_is_refused(ctx, store, role_actor):
    with pytest.raises(WorkshopError) as caught:
        add(ctx, store, role_actor(store))
    assert caught.value.code == "not_allowed"
    assert store.cards.count() == 0


def test_card_lands_in_the_group_the_person_is_in_now(ctx, store, ada, groups):
    finance, design = groups
    edge(people.move_participant)(ctx, store, facilitator(store), MoveParticipant(ada.participant_id, design))
    outcome = add(ctx, store, ada)
    assert outcome.ack["card"]["group_id"] == design
    assert rooms.group(store.code, design) in rooms_of(outcome, "card:added")
    assert rooms.group(store.code, finance) not in all_rooms(outcome)


def test_edit_of_own_card_is_saved_and_announced(ctx, store, ada, groups, clock):
    code = store.code
    card_id = add(ctx, store, ada).ack["card"]["id"]
    clock.tick(10)
    outcome = edge(cards.edit_card)(ctx, store, ada, EditCard(card_id=card_id, text="  Data lakes "))
    card = outcome.ack["card"]
    assert (card["text"], card["kind"], card["updated_at"]) == ("Data lakes", "challenge", clock.now)
    assert store.cards.get(card_id).text == "Data lakes"
    assert sent(outcome) == {
        ("card:updated", rooms.group(code, groups[0])),
        ("card:updated", rooms.facilitators(code)),
        ("card:updated", rooms.screens(code)),
    }


def test_edit_changing_the_kind_updates_the_counts(ctx, store, ada, groups):
    code = store.code
    card_id = add(ctx, store, ada).ack["card"]["id"]
    outcome = edge(cards.edit_card)(
        ctx, store, ada, EditCard(card_id=card_id, text="Data silos", kind="opportunity")
    )
    assert store.cards.get(card_id).kind == "opportunity"
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(code))["counts"]
    assert counts["groups"][str(groups[0])]["cards"] == {"opportunity": 1}


def test_author_cannot_edit_or_delete_a_hidden_card_it_is_kept_as_it_was(ctx, store, ada):
    card_id = add(ctx, store, ada, text="Too blunt").ack["card"]["id"]
    edge(moderation.set_hidden)(ctx, store, facilitator(store), CardRef(card_id), True)
    for call, cmd in (
        (edge(cards.edit_card), EditCard(card_id=card_id, text="Softened")),
        (edge(cards.delete_card), CardRef(card_id)),
    ):
        with pytest.raises(WorkshopError) as caught:
            call(ctx, store, ada, cmd)
        assert (caught.value.code, caught.value.field) == ("card_hidden", "card_id")
    kept = store.cards.get(card_id)
    assert (kept.text, kept.hidden) == ("Too blunt", True)


def test_author_edits_their_card_again_once_it_is_shown_again(ctx, store, ada):
    card_id = add(ctx, store, ada).ack["card"]["id"]
    edge(moderation.set_hidden)(ctx, store, facilitator(store), CardRef(card_id), True)
    edge(moderation.set_hidden)(ctx, store, facilitator(store), CardRef(card_id), False)
    outcome = edge(cards.edit_card)(ctx, store, ada, EditCard(card_id=card_id, text="Softened"))
    assert outcome.ack["card"]["text"] == "Softened"


@pytest.mark.parametrize(
    "cmd_of, code",
    [
        (lambda cid: EditCard(card_id=cid, text=""), "empty_text"),
        (lambda cid: EditCard(card_id=cid, text="x" * 501), "text_too_long"),
        (lambda cid: EditCard(card_id=cid, text="ok", kind="risk"), "unknown_kind"),
    ],
)
def test_bad_edit_is_refused_and_the_card_is_unchanged(ctx, store, ada, cmd_of, code):
    card_id = add(ctx, store, ada, text="Original").ack["card"]["id"]
    with pytest.raises(WorkshopError) as caught:
        edge(cards.edit_card)(ctx, store, ada, cmd_of(card_id))
    assert caught.value.code == code
    stored = store.cards.get(card_id)
    assert (stored.text, stored.kind, stored.updated_at) == ("Original", "challenge", None)


def test_editing_another_persons_card_is_refused(ctx, store, ada, bob):
    card_id = add(ctx, store, ada, text="Mine").ack["card"]["id"]
    with pytest.raises(WorkshopError) as caught:
        edge(cards.edit_card)(ctx, store, bob, EditCard(card_id=card_id, text="Yours now"))
    assert caught.value.code == "not_allowed"
    assert store.cards.get(card_id).text == "Mine"


def test_deleting_another_persons_card_is_refused(ctx, store, ada, bob):
    card_id = add(ctx, store, ada).ack["card"]["id"]
    with pytest.raises(WorkshopError) as caught:
        edge(cards.delete_card)(ctx, store, bob, CardRef(card_id))
    assert caught.value.code == "not_allowed"
    assert store.cards.get(card_id) is not None


@pytest.mark.parametrize(
    "change",
    [
        lambda ctx, store, actor: edge(cards.edit_card)(ctx, store, actor, EditCard(card_id=999, text="x")),
        lambda ctx, store, actor: edge(cards.delete_card)(ctx, store, actor, CardRef(999)),
    ],
    ids=["edit", "delete"],
)
def test_changing_a_card_that_does_not_exist_is_not_found(ctx, store, ada, change):
    with pytest.raises(WorkshopError) as caught:
        change(ctx, store, ada)
    assert (caught.value.code, caught.value.field) == ("not_found", "card_id")


@pytest.mark.parametrize(
    "change",
    [
        lambda ctx, store, actor, cid: edge(cards.edit_card)(
            ctx, store, actor, EditCard(card_id=cid, text="x")
        ),
        lambda ctx, store, actor, cid: edge(cards.delete_card)(ctx, store, actor, CardRef(cid)),
    ],
    ids=["edit", "delete"],
)
def test_facilitator_cannot_change_an_attendees_card(ctx, store, ada, change):
    card_id = add(ctx, store, ada, text="Mine").ack["card"]["id"]
    with pytest.raises(WorkshopError) as caught:
        change(ctx, store, facilitator(store), card_id)
    assert caught.value.code == "not_allowed"
    assert store.cards.get(card_id).text == "Mine"


def test_delete_of_own_card_removes_it_and_announces_card_and_group(ctx, store, ada, groups):
    code = store.code
    finance, design = groups
    card_id = add(ctx, store, ada).ack["card"]["id"]
    outcome = edge(cards.delete_card)(ctx, store, ada, CardRef(card_id))
    assert outcome.ack == {"card_id": card_id}
    assert store.cards.get(card_id) is None
    assert store.cards.count() == 0
    assert rooms_of(outcome, "card:deleted") == {
        rooms.group(code, finance),
        rooms.facilitators(code),
        rooms.screens(code),
    }
    for room in rooms_of(outcome, "card:deleted"):
        assert payload_of(outcome, "card:deleted", room) == {"card_id": card_id, "group_id": finance}
    assert rooms.group(code, design) not in all_rooms(outcome)
    counts = payload_of(outcome, "counts:changed", rooms.facilitators(code))["counts"]
    assert counts["groups"][str(finance)]["cards"] == {}
