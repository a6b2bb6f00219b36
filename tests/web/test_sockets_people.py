"""Arranging people over Socket.IO: shuffles, locked and limited groups, removing a person."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.factories import card_payload
from tests.web.acks import error_code, ok
from tests.web.conftest import Phone
from tests.web.refusals import connect_refusal


def drain(*phones) -> None:
    for phone in phones:
        phone.drain()


def newcomer(connect, workshop) -> Phone:
    phone = Phone(connect({"code": workshop["code"]}))
    phone.drain()
    return phone


# --- shuffling


def test_balanced_shuffle_moves_phones_into_even_groups_at_once(
    joined, facilitator, screen, group_ids, stored
):
    crowd = [joined("Finance", f"Person {n}") for n in range(6)]
    drain(facilitator, screen, *crowd)
    body = ok(facilitator.emit("groups:shuffle", {"strategy": "balanced"}))
    assert body == {"moved": 3}
    landed = {}
    for phone in crowd:
        events = phone.events()
        if events:
            [(event, state)] = events
            assert event == "state"
            landed[phone.participant["id"]] = state["me"]["group_id"]
    assert set(landed.values()) == {group_ids["Design"]} and len(landed) == 3
    assert Counter(p.group_id for p in stored.people.all()) == {
        group_ids["Finance"]: 3,
        group_ids["Design"]: 3,
    }
    [(event, fac_state)] = facilitator.events()
    assert event == "state"
    assert Counter(p["group_id"] for p in fac_state["participants"]) == {
        group_ids["Finance"]: 3,
        group_ids["Design"]: 3,
    }
    assert screen.event_names() == []

    # The moved phones now hear the Design room, and the others stay in Finance's.
    moved = [p for p in crowd if p.participant["id"] in landed]
    stayed = [p for p in crowd if p.participant["id"] not in landed]
    drain(*crowd)
    card = ok(moved[0].emit("card:add", card_payload(text="From Design")))["card"]
    assert card["group_id"] == group_ids["Design"]
    assert [p.event_names() for p in moved[1:]] == [["card:added"]] * 2
    assert [p.event_names() for p in stayed] == [[]] * 3


def test_mixed_shuffle_spreads_organisations(joined, facilitator, group_ids, stored):
    for n, organisation in enumerate(["ACME"] * 4 + ["Beta"] * 2):
        joined("Finance", f"Person {n}", organisation=organisation)
    ok(facilitator.emit("groups:shuffle", {"strategy": "mixed"}))
    spread = Counter((p.organisation, p.group_id) for p in stored.people.all())
    assert spread == {
        ("ACME", group_ids["Finance"]): 2,
        ("ACME", group_ids["Design"]): 2,
        ("Beta", group_ids["Finance"]): 1,
        ("Beta", group_ids["Design"]): 1,
    }


@pytest.mark.parametrize(
    "payload, code",
    [({"strategy": "random"}, "invalid_input"), ({}, "invalid_input"), ({"strategy": 1}, "invalid_input")],
)
def test_bad_shuffle_is_refused_and_nobody_moves(joined, facilitator, group_ids, stored, payload, code):
    crowd = [joined("Finance", f"Person {n}") for n in range(4)]
    drain(facilitator, *crowd)
    assert error_code(facilitator.emit("groups:shuffle", payload)) == code
    assert [p.event_names() for p in (facilitator, *crowd)] == [[]] * 5
    assert {p.group_id for p in stored.people.all()} == {group_ids["Finance"]}


# --- locked and limited groups


def test_locked_group_is_announced_and_refuses_newcomers_and_cards(
    joined, facilitator, screen, connect, workshop, group_ids, stored
):
    ana, dee = joined("Finance", "Ana"), joined("Design", "Dee")
    waiting = newcomer(connect, workshop)
    drain(ana, dee, facilitator, screen)
    body = ok(facilitator.emit("group:lock", {"group_id": group_ids["Finance"], "locked": True}))
    assert body["group"]["locked"] is True
    for phone in (ana, dee, waiting, facilitator, screen):
        assert phone.events() == [("group:updated", body)]
    assert error_code(waiting.emit("join", {"name": "Late", "group": group_ids["Finance"]})) == "group_locked"
    assert error_code(ana.emit("card:add", card_payload())) == "group_locked"
    ok(dee.emit("card:add", card_payload(text="Design still open")))
    assert (stored.people.count(), stored.cards.count()) == (2, 1)

    ok(facilitator.emit("group:lock", {"group_id": group_ids["Finance"], "locked": False}))
    ok(ana.emit("card:add", card_payload(text="Open again")))
    ok(waiting.emit("join", {"name": "Late", "group": group_ids["Finance"]}))


def test_limited_group_is_announced_and_refuses_a_newcomer_when_full(
    joined, facilitator, connect, workshop, group_ids, stored
):
    ana = joined("Finance", "Ana")
    waiting = newcomer(connect, workshop)
    drain(ana, facilitator)
    body = ok(facilitator.emit("group:limit", {"group_id": group_ids["Finance"], "size_limit": 1}))
    assert body["group"]["size_limit"] == 1
    for phone in (ana, waiting, facilitator):
        assert phone.events() == [("group:updated", body)]
    assert error_code(waiting.emit("join", {"name": "Late", "group": group_ids["Finance"]})) == "group_full"
    assert ok(waiting.emit("join", {"name": "Late"}))["participant"]["group_id"] == group_ids["Design"]
    assert stored.people.count() == 2


@pytest.mark.parametrize(
    "event, payload, code",
    [
        ("group:limit", {"group_id": "{finance}", "size_limit": 0}, "invalid_input"),
        ("group:limit", {"group_id": "{finance}", "size_limit": 1001}, "invalid_input"),
        ("group:limit", {"group_id": "{finance}"}, "invalid_input"),
        ("group:limit", {"group_id": 999, "size_limit": 3}, "unknown_group"),
        ("group:lock", {"group_id": "{finance}", "locked": "yes"}, "invalid_input"),
        ("group:lock", {"group_id": 999, "locked": True}, "unknown_group"),
        ("participant:remove", {"participant_id": 999}, "not_found"),
        ("participant:remove", {"participant_id": "1"}, "invalid_input"),
    ],
)
def test_bad_group_or_person_events_are_refused_and_nobody_hears(
    joined, facilitator, group_ids, stored, event, payload, code
):
    ana = joined("Finance", "Ana")
    drain(ana, facilitator)
    resolved = {k: group_ids["Finance"] if v == "{finance}" else v for k, v in payload.items()}
    assert error_code(facilitator.emit(event, resolved)) == code
    assert (ana.event_names(), facilitator.event_names()) == ([], [])
    group = stored.groups.get(group_ids["Finance"])
    assert (group.locked, group.size_limit, stored.people.count()) == (False, None, 1)


# --- removing a person


def refusal(app_and_socketio, auth) -> dict:
    """The `connect_error` data a refused client receives."""
    app, socketio = app_and_socketio
    refused = connect_refusal(app, socketio, auth)
    assert refused is not None, "the connection was accepted"
    return refused


@pytest.fixture
def removal(joined, facilitator, screen, connect, workshop):
    """Ana (two phones) and Ben in Finance, Dee in Design; Ana has a card; then she is removed."""
    ana, ben, dee = joined("Finance", "Ana"), joined("Finance", "Ben"), joined("Design", "Dee")
    card = ok(ana.emit("card:add", card_payload(text="Ana's card")))["card"]
    second_phone = Phone(connect({"code": workshop["code"], "token": ana.token}))
    drain(ana, ben, dee, second_phone, facilitator, screen)
    body = ok(facilitator.emit("participant:remove", {"participant_id": ana.participant["id"]}))
    return {
        "body": body,
        "card": card,
        "ana": ana,
        "second_phone": second_phone,
        "ben": ben,
        "dee": dee,
        "facilitator": facilitator,
        "screen": screen,
    }


def received(phone) -> list[tuple[str, object]]:
    """What a phone got, even once the server has closed it (get_received needs a connection)."""
    return [(m["name"], m["args"][0] if m["args"] else None) for m in phone.client.queue]


def test_removed_persons_phones_are_told_and_disconnected(removal):
    assert removal["body"]["participant"]["removed"] is True
    for name in ("ana", "second_phone"):
        phone = removal[name]
        [(event, payload)] = received(phone)
        assert event == "removed" and payload["message"], name
        assert phone.client.is_connected() is False, name


def test_removal_is_announced_to_facilitators_and_the_head_count_drops(removal, stored):
    ana_id = removal["ana"].participant["id"]
    events = removal["facilitator"].events()
    assert [p for e, p in events if e == "participant:removed"] == [{"participant_id": ana_id}]
    assert [p["counts"]["people"] for e, p in events if e == "counts:changed"] == [2]
    offline = [p["participant"] for e, p in events if e == "participant:updated"]
    assert [(p["id"], p["online"], p["removed"]) for p in offline] == [(ana_id, False, True)]
    heads = [p for e, p in events if e == "people:changed"]
    assert heads[-1] == {"people": 2, "online": 2}
    assert [p["people"] for p in heads] == [2] * len(heads)
    assert removal["screen"].events() == [("people:changed", head) for head in heads]
    assert removal["ben"].event_names() == []
    assert removal["dee"].event_names() == []
    assert stored.people.get(ana_id).removed is True


def test_removed_persons_cards_stay_for_the_facilitator(removal, workshop, connect):
    fresh = connect({"code": workshop["code"], "key": workshop["facilitator_key"]})
    state = fresh.get_received()[0]["args"][0]
    assert [(c["id"], c["author"]) for c in state["cards"]] == [(removal["card"]["id"], "Ana")]
    assert {p["name"]: p["removed"] for p in state["participants"]} == {
        "Ana": True,
        "Ben": False,
        "Dee": False,
    }
    assert state["counts"]["people"] == 2


def test_removed_person_is_no_longer_counted_online(removal, workshop, connect):
    fresh = connect({"code": workshop["code"], "key": workshop["facilitator_key"]})
    state = fresh.get_received()[0]["args"][0]
    assert state["counts"]["online"] == 2
    assert {p["name"]: p["online"] for p in state["participants"]}["Ana"] is False


def test_removed_person_cannot_reconnect_with_their_token(removal, app_and_socketio, workshop):
    error = refusal(app_and_socketio, {"code": workshop["code"], "token": removal["ana"].token})
    assert error["data"]["code"] == "removed"
    assert error["message"] == error["data"]["message"] != ""
