"""What only the facilitator steers: hiding cards, moving people, adding and renaming groups."""

from __future__ import annotations

import pytest

from tests.factories import card_payload


def test_hidden_card_leaves_phones_and_projector_but_stays_for_the_facilitator(
    joined, facilitator, screen, app, workshop
):
    alice, bob = joined(), joined()
    card = alice.emit("card:add", card_payload(text="Off topic"))["card"]
    for client in (bob, screen, facilitator):
        client.drain()
    ack = facilitator.emit("card:hide", {"card_id": card["id"]})
    assert ack["ok"] is True and ack["card"]["hidden"] is True
    assert bob.events() == [("card:hidden", {"card_id": card["id"], "group_id": card["group_id"]})]
    assert screen.event_names() == ["card:hidden"]
    assert facilitator.event_names() == ["card:updated", "counts:changed"]
    assert app.extensions["workshop"].store(workshop["code"]).cards.get(card["id"]).hidden is True


def test_unhidden_card_comes_back_to_the_group(joined, facilitator):
    alice, bob = joined(), joined()
    card = alice.emit("card:add", card_payload(text="Back"))["card"]
    facilitator.emit("card:hide", {"card_id": card["id"]})
    bob.drain()
    facilitator.emit("card:unhide", {"card_id": card["id"]})
    [(name, payload)] = bob.events()
    assert name == "card:added" and payload["card"]["text"] == "Back" and payload["card"]["hidden"] is False


@pytest.mark.parametrize(
    "event, payload",
    [
        ("card:hide", {"card_id": 1}),
        ("card:unhide", {"card_id": 1}),
        ("participant:move", {"participant_id": 1, "group_id": 1}),
        ("group:add", {"name": "Sneaky"}),
        ("group:rename", {"group_id": 1, "name": "Mine"}),
    ],
)
def test_attendees_cannot_steer(joined, event, payload):
    assert joined().emit(event, payload)["error"]["code"] == "not_allowed"


@pytest.mark.parametrize(
    "event, payload",
    [("card:hide", {"card_id": 1}), ("group:add", {"name": "From the projector"})],
)
def test_the_projector_cannot_steer(screen, event, payload):
    assert screen.emit(event, payload)["error"]["code"] == "not_allowed"


def test_moved_attendee_follows_to_the_new_group_at_once(joined, facilitator, group_ids):
    alice, bob, dana = joined("Finance"), joined("Design"), joined("Design")
    bob.emit("card:add", card_payload(text="Design card"))
    for client in (alice, bob, dana):
        client.drain()
    ack = facilitator.emit(
        "participant:move", {"participant_id": alice.participant["id"], "group_id": group_ids["Design"]}
    )
    assert ack["ok"] is True and ack["participant"]["group_id"] == group_ids["Design"]
    [(name, state)] = alice.events()
    assert name == "state"
    assert state["me"]["group_id"] == group_ids["Design"]
    assert [c["text"] for c in state["cards"]] == ["Design card"]
    # Now Alice hears the Design group, and posts land there.
    card = alice.emit("card:add", card_payload(text="After the move"))["card"]
    assert card["group_id"] == group_ids["Design"]
    assert dana.event_names() == ["card:added"]


def test_a_moved_attendee_no_longer_hears_the_old_group(joined, facilitator, group_ids):
    alice, fin = joined("Finance"), joined("Finance")
    facilitator.emit(
        "participant:move", {"participant_id": alice.participant["id"], "group_id": group_ids["Design"]}
    )
    alice.drain()
    fin.emit("card:add", card_payload(text="Finance only"))
    assert alice.event_names() == []


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"participant_id": 999, "group_id": 1}, "not_found"),
        ({"participant_id": "{me}", "group_id": 999}, "unknown_group"),
        ({"participant_id": "1"}, "invalid_input"),
    ],
)
def test_bad_move_is_refused(joined, facilitator, payload, code):
    alice = joined()
    if payload.get("participant_id") == "{me}":
        payload = {**payload, "participant_id": alice.participant["id"]}
    assert facilitator.emit("participant:move", payload)["error"]["code"] == code


def test_new_group_is_announced_to_everyone_and_can_be_joined(facilitator, joined, workshop, connect):
    alice = joined()
    alice.drain()
    ack = facilitator.emit("group:add", {"name": "  Latecomers "})
    assert ack["group"]["name"] == "Latecomers"
    assert alice.events() == [("group:added", {"group": ack["group"]})]
    newcomer = connect({"code": workshop["code"]})
    joined_ack = newcomer.emit("join", {"name": "Late", "group": ack["group"]["id"]}, callback=True)
    assert joined_ack["participant"]["group_id"] == ack["group"]["id"]


def test_renamed_group_is_announced_to_everyone(facilitator, joined, group_ids, screen):
    alice = joined()
    alice.drain()
    screen.drain()
    ack = facilitator.emit("group:rename", {"group_id": group_ids["Finance"], "name": "Money"})
    assert ack["group"] == {
        "id": group_ids["Finance"],
        "name": "Money",
        "position": 0,
        "locked": False,
        "size_limit": None,
    }
    assert alice.events() == [("group:renamed", {"group": ack["group"]})]
    assert screen.events() == [("group:renamed", {"group": ack["group"]})]


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("group:add", {"name": ""}, "empty_text"),
        ("group:add", {"name": "g" * 61}, "text_too_long"),
        ("group:rename", {"group_id": 999, "name": "x"}, "unknown_group"),
        ("group:rename", {"group_id": 1}, "invalid_input"),
        ("card:hide", {"card_id": 999}, "not_found"),
        ("card:hide", "999", "invalid_payload"),
    ],
)
def test_bad_facilitator_input_is_refused(facilitator, event, payload, code):
    assert facilitator.emit(event, payload)["error"]["code"] == code


def test_workshops_never_hear_each_other(created, connect):
    one, two = created(), created()
    fac_two = connect({"code": two["code"], "key": two["facilitator_key"]})
    fac_two.get_received()
    phone = connect({"code": one["code"]})
    phone.emit("join", {"name": "Ana"}, callback=True)
    phone.emit("card:add", card_payload(), callback=True)
    assert fac_two.get_received() == []


def test_a_facilitator_key_opens_only_its_own_workshop(created, connect):
    one, two = created(), created()
    client = connect({"code": two["code"], "key": one["facilitator_key"]})
    assert not client.is_connected()
