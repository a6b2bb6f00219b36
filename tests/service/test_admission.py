"""Who may join: the door, the browser of a removed person, bulk removal, letting back in."""

from __future__ import annotations

import pytest

from tests.factories import card_payload, edge, facilitator
from tests.service.announced import events, payload_of, rooms_of
from workshop.domain.commands import (
    AddCard,
    ChangeSettings,
    Join,
    ParticipantRef,
    RemoveParticipants,
)
from workshop.domain.errors import WorkshopError
from workshop.service import cards, joining, people, rooms, steering
from workshop.service.actors import ATTENDEE, Actor


def newcomer(ctx, store, name="Eve", *, browser=None, address=None):
    actor = Actor(code=store.code, role=ATTENDEE)
    return joining.join(ctx, store, actor, Join(name=name), browser=browser, address=address)


def refused(call, *args, **kwargs) -> WorkshopError:
    with pytest.raises(WorkshopError) as caught:
        call(*args, **kwargs)
    return caught.value


def close_door(ctx, store, closed=True):
    return edge(steering.change_settings)(ctx, store, facilitator(store), ChangeSettings(door_closed=closed))


def test_a_closed_door_refuses_newcomers_and_is_saved_with_the_settings(ctx, store):
    outcome = close_door(ctx, store)
    assert outcome.ack["settings"]["door_closed"] is True
    assert rooms_of(outcome, "settings:changed") == {rooms.everyone(store.code)}
    assert store.stored_live().settings.door_closed is True
    error = refused(newcomer, ctx, store)
    assert error.code == "door_closed"
    assert store.people.count() == 0
    close_door(ctx, store, closed=False)
    newcomer(ctx, store)
    assert store.people.count() == 1


def test_a_closed_door_still_lets_a_joined_person_back_with_their_token(ctx, store):
    _, outcome = newcomer(ctx, store)
    token = outcome.ack["token"]
    close_door(ctx, store)
    actor, _ = joining.connect_attendee(ctx, store, token)
    assert actor.participant_id is not None


def test_only_the_facilitator_opens_or_closes_the_door(ctx, store, ada):
    error = refused(edge(steering.change_settings), ctx, store, ada, ChangeSettings(door_closed=True))
    assert error.code == "not_allowed"


def test_a_browser_whose_person_was_removed_cannot_join_again_until_let_back_in(ctx, store):
    actor, _ = newcomer(ctx, store, browser="browser-1")
    edge(people.remove_participant)(ctx, store, facilitator(store), ParticipantRef(actor.participant_id))
    error = refused(newcomer, ctx, store, "Eve again", browser="browser-1")
    assert (error.code, error.message) == ("removed", "The facilitator removed you from this workshop.")
    newcomer(ctx, store, "Someone else", browser="browser-2")  # another browser is not barred
    edge(people.readmit_participant)(ctx, store, facilitator(store), ParticipantRef(actor.participant_id))
    newcomer(ctx, store, "Eve again", browser="browser-1")
    assert store.people.count() == 3


def test_the_browser_id_is_kept_only_as_a_hash(ctx, store):
    newcomer(ctx, store, browser="browser-secret-id")
    row = store.handle.row("SELECT browser_hash FROM participants")
    assert row["browser_hash"] and "browser-secret-id" not in row["browser_hash"]


def test_letting_back_in_restores_the_person_and_their_pass(ctx, store):
    actor, joined = newcomer(ctx, store)
    pid = actor.participant_id
    edge(people.remove_participant)(ctx, store, facilitator(store), ParticipantRef(pid))
    assert refused(joining.connect_attendee, ctx, store, joined.ack["token"]).code == "removed"
    outcome = edge(people.readmit_participant)(ctx, store, facilitator(store), ParticipantRef(pid))
    assert outcome.ack["participant"]["removed"] is False
    update = payload_of(outcome, "participant:updated", rooms.facilitators(store.code))
    assert update["participant"]["id"] == pid
    assert "people:changed" in events(outcome) and "counts:changed" in events(outcome)
    back, _ = joining.connect_attendee(ctx, store, joined.ack["token"])
    assert back.participant_id == pid


def test_only_the_facilitator_lets_people_back_in(ctx, store, ada, bob):
    edge(people.remove_participant)(ctx, store, facilitator(store), ParticipantRef(bob.participant_id))
    error = refused(edge(people.readmit_participant), ctx, store, ada, ParticipantRef(bob.participant_id))
    assert error.code == "not_allowed"


def test_selected_people_are_removed_at_once_with_single_removal_s_announcements(ctx, store, ada, bob, dana):
    cmd = RemoveParticipants(participant_ids=[ada.participant_id, dana.participant_id])
    outcome = edge(people.remove_participants)(ctx, store, facilitator(store), cmd)
    assert outcome.ack == {"removed": 2, "participant_ids": sorted([ada.participant_id, dana.participant_id])}
    code = store.code
    for person in (ada, dana):
        assert payload_of(outcome, "removed", rooms.person(code, person.participant_id))["message"]
        assert rooms.person(code, person.participant_id) in outcome.disconnect
    assert len([a for a in outcome.announce if a.event == "participant:removed"]) == 2
    assert events(outcome).count("counts:changed") == 1
    assert store.people.count() == 1
    again = edge(people.remove_participants)(ctx, store, facilitator(store), cmd)
    assert again.ack["removed"] == 0 and again.announce == ()


def test_an_unknown_person_refuses_the_whole_bulk_removal(ctx, store, ada):
    cmd = RemoveParticipants(participant_ids=[ada.participant_id, 999])
    assert refused(edge(people.remove_participants), ctx, store, facilitator(store), cmd).code == "not_found"
    assert store.people.count() == 1


@pytest.mark.parametrize(
    "cmd",
    [
        RemoveParticipants(),
        RemoveParticipants(participant_ids=[1], joined_within_minutes=5),
        RemoveParticipants(participant_ids=[]),
        RemoveParticipants(joined_within_minutes=0),
        RemoveParticipants(joined_within_minutes=24 * 60 + 1),
    ],
)
def test_a_bulk_removal_that_names_nobody_clearly_is_refused(ctx, store, ada, cmd):
    assert (
        refused(edge(people.remove_participants), ctx, store, facilitator(store), cmd).code == "invalid_input"
    )
    assert store.people.count() == 1


def test_recent_silent_joiners_are_removed_and_posters_and_early_people_stay(ctx, store, clock, ada):
    clock.tick(30 * 60)
    poster, _ = newcomer(ctx, store, "Poster")
    quiet, _ = newcomer(ctx, store, "Quiet")
    edge(cards.add_card)(ctx, store, poster, AddCard(**card_payload(text="Data silos")))
    clock.tick(60)
    cmd = RemoveParticipants(joined_within_minutes=10)
    outcome = edge(people.remove_participants)(ctx, store, facilitator(store), cmd)
    assert outcome.ack["participant_ids"] == [quiet.participant_id]
    assert {p.name for p in store.people.all() if not p.removed} == {"Ada", "Poster"}


def test_a_burst_from_one_address_is_flagged_to_the_facilitators_only(ctx, store):
    outcomes = [newcomer(ctx, store, f"Bot {i}", address="203.0.113.5")[1] for i in range(5)]
    assert [("flags:changed" in events(o)) for o in outcomes] == [False] * 4 + [True]
    assert rooms_of(outcomes[4], "flags:changed") == {rooms.facilitators(store.code)}
    flagged = payload_of(outcomes[4], "flags:changed", rooms.facilitators(store.code))["flags"]
    assert len(flagged) == 5 and all(f["reasons"] == ["many_from_address"] for f in flagged)
    assert "203.0.113.5" not in repr(flagged)
    from workshop.service import state

    assert len(state.facilitator_state(store, ctx)["flags"]) == 5


def test_a_newcomer_from_a_removed_person_s_address_is_flagged(ctx, store, clock):
    first, _ = newcomer(ctx, store, "First", address="203.0.113.5")
    edge(people.remove_participant)(ctx, store, facilitator(store), ParticipantRef(first.participant_id))
    clock.tick(5)
    _, outcome = newcomer(ctx, store, "Again", address="203.0.113.5")
    flagged = payload_of(outcome, "flags:changed", rooms.facilitators(store.code))["flags"]
    assert [f["reasons"] for f in flagged] == [["removed_address"]]
    _, elsewhere = newcomer(ctx, store, "Elsewhere", address="203.0.113.6")
    assert "flags:changed" not in events(elsewhere)
