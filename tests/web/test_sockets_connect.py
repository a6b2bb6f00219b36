"""Connecting: who may connect as what, and the `state` each role receives first."""

from __future__ import annotations

import pytest

from tests.web.refusals import connect_refusal


def first_state(client) -> dict:
    received = client.get_received()
    assert received[0]["name"] == "state"
    return received[0]["args"][0]


def refusal(app_and_socketio, auth) -> dict:
    """The `connect_error` data a refused client receives."""
    app, socketio = app_and_socketio
    refused = connect_refusal(app, socketio, auth)
    assert refused is not None, "the connection was accepted"
    return refused


@pytest.mark.parametrize(
    "auth, code",
    [
        (None, "invalid_payload"),
        ({}, "invalid_payload"),  # an empty auth arrives as no auth at all
        ({"key": "k"}, "invalid_input"),
        ({"code": 7}, "invalid_input"),
        ({"code": "ZZZZZZ"}, "unknown_workshop"),
        ({"code": "not a code"}, "unknown_workshop"),
        ({"code": "{code}", "key": "wrong"}, "bad_key"),
        ({"code": "{code}", "role": "facilitator"}, "missing_key"),
        ({"code": "{code}", "role": "screen"}, "missing_key"),
        ({"code": "{code}", "token": "forged"}, "bad_token"),
    ],
)
def test_connection_is_refused_with_a_reason(app_and_socketio, workshop, auth, code):
    if isinstance(auth, dict) and auth.get("code") == "{code}":
        auth = {**auth, "code": workshop["code"]}
    error = refusal(app_and_socketio, auth)
    assert error["data"]["code"] == code
    assert error["message"] == error["data"]["message"] != ""


def test_new_attendee_gets_the_public_state(workshop, connect):
    state = first_state(connect({"code": workshop["code"].lower()}))
    assert state["role"] == "attendee"
    assert state["workshop"]["title"] == "Launch event"
    assert state["workshop"]["join_url"] == workshop["join_url"]
    assert [g["name"] for g in state["groups"]] == ["Finance", "Design"]
    assert state["kinds"] == [
        {"id": "challenge", "label": "Challenge"},
        {"id": "opportunity", "label": "Opportunity"},
    ]
    assert "me" not in state and "cards" not in state


def test_join_puts_the_attendee_in_the_chosen_group(workshop, group_ids, connect):
    client = connect({"code": workshop["code"]})
    client.get_received()
    ack = client.emit(
        "join", {"name": " Ana ", "organisation": "Public bank", "group": group_ids["Design"]}, callback=True
    )
    assert ack["ok"] is True
    assert ack["participant"]["name"] == "Ana"
    assert ack["participant"]["organisation"] == "Public bank"
    assert ack["participant"]["group_id"] == group_ids["Design"]
    assert len(ack["token"]) >= 32
    assert ack["state"]["me"]["id"] == ack["participant"]["id"]
    assert ack["state"]["cards"] == []


@pytest.mark.parametrize(
    "payload, code",
    [
        ([1, 2], "invalid_payload"),
        ({"name": ""}, "name_required"),
        ({"name": "   "}, "name_required"),
        ({"name": "x" * 81}, "text_too_long"),
        ({"name": "Ana", "organisation": "o" * 121}, "text_too_long"),
        ({"name": "Ana", "group": 9999}, "unknown_group"),
        ({"name": "Ana", "group": "Finance"}, "invalid_input"),
    ],
)
def test_bad_join_is_refused_and_nobody_is_added(workshop, connect, app, payload, code):
    client = connect({"code": workshop["code"]})
    ack = client.emit("join", payload, callback=True)
    assert ack["error"]["code"] == code
    assert app.extensions["workshop"].store(workshop["code"]).people.count() == 0


def test_joining_twice_on_one_connection_is_refused(joined):
    assert joined().emit("join", {"name": "Again"})["error"]["code"] == "already_joined"


def test_anonymous_join_where_allowed(created, connect):
    body = created(allow_anonymous=True)
    client = connect({"code": body["code"]})
    ack = client.emit("join", {"name": ""}, callback=True)
    assert ack["ok"] is True and ack["participant"]["name"] is None


def test_returning_attendee_resumes_with_their_token(joined, workshop, connect):
    alice = joined()
    alice.emit("card:add", {"kind": "challenge", "text": "Kept", "client_id": "k1"})
    alice.client.disconnect()
    again = connect({"code": workshop["code"], "token": alice.token})
    state = first_state(again)
    assert state["me"]["id"] == alice.participant["id"]
    assert [c["text"] for c in state["cards"]] == ["Kept"]


def test_balanced_assignment_fills_groups_evenly(created, connect):
    body = created(groups=3, assignment="balanced")
    groups = []
    for n in range(6):
        client = connect({"code": body["code"]})
        groups.append(
            client.emit("join", {"name": f"P{n}", "group": 999}, callback=True)["participant"]["group_id"]
        )
    assert sorted(groups.count(g) for g in set(groups)) == [2, 2, 2]


def test_facilitator_state_has_people_presence_and_counts(joined, workshop, connect):
    alice = joined()
    alice.emit("card:add", {"kind": "challenge", "text": "One", "client_id": "a"})
    state = first_state(connect({"code": workshop["code"], "key": workshop["facilitator_key"]}))
    assert state["role"] == "facilitator"
    assert [(p["name"], p["online"]) for p in state["participants"]] == [("Ana", True)]
    group = str(alice.participant["group_id"])
    assert state["counts"]["groups"][group] == {"people": 1, "cards": {"challenge": 1}}
    assert state["counts"]["people"] == 1 and state["counts"]["online"] == 1


def test_screen_state_shows_no_secret_and_no_hidden_card(joined, workshop, connect, facilitator):
    alice = joined()
    card = alice.emit("card:add", {"kind": "challenge", "text": "Hide me", "client_id": "h"})["card"]
    facilitator.emit("card:hide", {"card_id": card["id"]})
    state = first_state(
        connect({"code": workshop["code"], "role": "screen", "key": workshop["facilitator_key"]})
    )
    assert state["role"] == "screen"
    assert state["cards"] == []
    assert state["people"] == 1
    text = str(state)
    assert workshop["facilitator_key"] not in text and alice.token not in text
    assert "participants" not in state


def test_owner_key_opens_any_workshop_as_facilitator(workshop, connect):
    state = first_state(connect({"code": workshop["code"], "key": "owner-key-for-tests"}))
    assert state["role"] == "facilitator"


def test_cookie_from_the_dashboard_link_authorizes_the_socket(workshop, http, connect):
    page = http.get(f"/w/{workshop['code']}/facilitate?key={workshop['facilitator_key']}")
    assert page.status_code == 302
    state = first_state(connect({"code": workshop["code"], "role": "facilitator"}, flask_client=http))
    assert state["role"] == "facilitator"


def test_presence_goes_offline_when_the_last_connection_closes(joined, facilitator):
    alice = joined()
    facilitator.drain()
    alice.client.disconnect()
    events = facilitator.events()
    updated = [p for name, p in events if name == "participant:updated"]
    assert updated[-1]["participant"]["online"] is False
    assert ("people:changed", {"people": 1, "online": 0}) in events
