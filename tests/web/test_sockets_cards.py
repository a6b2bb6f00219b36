"""Posting, editing and deleting cards over Socket.IO, and who hears of it."""

from __future__ import annotations

import pytest

from tests.factories import card_payload


def test_new_card_reaches_own_group_facilitators_and_screen_only(joined, facilitator, screen):
    alice, bob, carol = joined("Finance"), joined("Finance"), joined("Design")
    for client in (alice, bob, carol, facilitator, screen):
        client.drain()
    ack = alice.emit("card:add", card_payload(text="Data silos"))
    assert ack["ok"] is True
    assert ack["card"]["text"] == "Data silos"
    assert ack["card"]["author"] == "Ana"
    assert [e for e in bob.event_names()] == ["card:added"]
    assert carol.event_names() == []
    assert "card:added" in facilitator.event_names()
    assert screen.event_names() == ["card:added"]


def test_resent_card_is_stored_once_and_answered_with_the_first(joined, facilitator, app, workshop):
    alice = joined()
    payload = card_payload(client_id="phone-1-card-1")
    first = alice.emit("card:add", payload)
    facilitator.drain()
    second = alice.emit("card:add", payload)
    assert second == first
    assert facilitator.event_names() == []
    assert app.extensions["workshop"].store(workshop["code"]).cards.count() == 1


@pytest.mark.parametrize(
    "payload, code",
    [
        ("not an object", "invalid_payload"),
        ({}, "invalid_input"),
        (card_payload(text=""), "empty_text"),
        (card_payload(text="   \n\t "), "empty_text"),
        (card_payload(text="x" * 501), "text_too_long"),
        (card_payload(kind="idea"), "unknown_kind"),
        (card_payload(text=5), "invalid_input"),
        (card_payload(client_id=""), "invalid_input"),
    ],
)
def test_bad_card_is_refused_and_nothing_is_saved(joined, app, workshop, payload, code):
    ack = joined().emit("card:add", payload)
    assert (ack["ok"], ack["error"]["code"]) == (False, code)
    assert ack["error"]["message"]
    assert app.extensions["workshop"].store(workshop["code"]).cards.count() == 0


def test_attendee_edits_own_card_and_group_sees_the_change(joined, facilitator):
    alice, bob = joined(), joined()
    card = alice.emit("card:add", card_payload(text="Typo hree"))["card"]
    bob.drain()
    facilitator.drain()
    ack = alice.emit("card:edit", {"card_id": card["id"], "text": "Typo here", "kind": "opportunity"})
    assert ack["ok"] is True
    assert (ack["card"]["text"], ack["card"]["kind"]) == ("Typo here", "opportunity")
    assert ack["card"]["updated_at"] is not None
    assert bob.events() == [("card:updated", {"card": ack["card"]})]
    assert facilitator.event_names() == ["card:updated", "counts:changed"]


def test_attendee_deletes_own_card(joined, screen, app, workshop):
    alice = joined()
    card = alice.emit("card:add", card_payload())["card"]
    screen.drain()
    assert alice.emit("card:delete", {"card_id": card["id"]}) == {"ok": True, "card_id": card["id"]}
    assert screen.events() == [("card:deleted", {"card_id": card["id"], "group_id": card["group_id"]})]
    assert app.extensions["workshop"].store(workshop["code"]).cards.count() == 0


@pytest.mark.parametrize("event", ["card:edit", "card:delete"])
def test_nobody_changes_another_persons_card(joined, event, app, workshop):
    alice, mallory = joined(name="Alice"), joined(name="Mallory")
    card = alice.emit("card:add", card_payload(text="Mine"))["card"]
    ack = mallory.emit(event, {"card_id": card["id"], "text": "Yours now"})
    assert ack["error"]["code"] == "not_allowed"
    assert app.extensions["workshop"].store(workshop["code"]).cards.get(card["id"]).text == "Mine"


def test_editing_a_missing_card_is_not_found(joined):
    ack = joined().emit("card:edit", {"card_id": 999, "text": "x"})
    assert ack["error"]["code"] == "not_found"


def test_posting_before_join_is_refused(workshop, connect):
    client = connect({"code": workshop["code"]})
    ack = client.emit("card:add", card_payload(), callback=True)
    assert ack["error"]["code"] == "not_joined"


def test_facilitator_cannot_post_a_card(facilitator):
    assert facilitator.emit("card:add", card_payload())["error"]["code"] == "not_allowed"


def test_hostile_text_is_stored_and_echoed_exactly(joined):
    text = '<img src=x onerror=alert(1)> =HYPERLINK("http://x") مرحبا 👋'
    ack = joined().emit("card:add", card_payload(text=text))
    assert ack["card"]["text"] == text
