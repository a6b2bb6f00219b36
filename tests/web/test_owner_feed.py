"""The owner's list hears which workshops changed, and the owner's notice reaches every
connection. (Across processes, through Redis: tests/server/test_sharded.py.)"""

from __future__ import annotations

import pytest

from tests.factories import OWNER_KEY
from tests.web.conftest import Phone
from tests.web.refusals import connect_refusal


@pytest.fixture
def feed(app):
    return app.extensions["workshop.feed"]


@pytest.fixture
def owner(connect) -> Phone:
    return Phone(connect({"role": "owner", "key": OWNER_KEY}))


def changed(client: Phone) -> list[list[str]]:
    return [payload["codes"] for name, payload in client.events() if name == "workshops:changed"]


@pytest.mark.parametrize(
    "auth, code",
    [
        ({"role": "owner"}, "missing_key"),
        ({"role": "owner", "key": "not-the-owner-key"}, "bad_key"),
    ],
)
def test_the_owners_list_needs_the_owner_key(app_and_socketio, auth, code):
    app, socketio = app_and_socketio
    assert connect_refusal(app, socketio, auth)["data"]["code"] == code


def test_a_facilitator_key_does_not_open_the_owners_list(app_and_socketio, workshop):
    app, socketio = app_and_socketio
    refused = connect_refusal(app, socketio, {"role": "owner", "key": workshop["facilitator_key"]})
    assert refused["data"]["code"] == "bad_key"


def test_the_owners_cookie_opens_the_owners_list(app, connect, feed, workshop, socketio_of):
    browser = app.test_client()
    assert browser.get(f"/?key={OWNER_KEY}").status_code == 302  # the owner's link sets the cookie
    owner = Phone(connect({"role": "owner"}, flask_client=browser))
    assert owner.client.is_connected()
    feed.mark(workshop["code"])
    feed.flush(socketio_of)
    assert changed(owner) == [[workshop["code"]]]


def test_a_connection_that_names_no_workshop_and_no_owner_role_is_refused(app_and_socketio):
    app, socketio = app_and_socketio
    refused = connect_refusal(app, socketio, {"role": "screen", "key": OWNER_KEY})
    assert refused["data"] == {
        "code": "invalid_input",
        "message": "The connection must name a workshop: its code is missing.",
    }


@pytest.fixture
def socketio_of(app_and_socketio):
    return app_and_socketio[1]


def test_joins_cards_and_new_workshops_reach_the_owners_list_in_one_message(
    owner, feed, socketio_of, joined, created, workshop, facilitator
):
    owner.drain()
    ana = joined(name="Ana")
    joined(name="Ben")
    assert ana.emit("card:add", {"kind": "challenge", "text": "Silos", "client_id": "c1"})["ok"]
    second = created(title="Second")
    assert changed(owner) == []  # nothing until the feed's round
    assert feed.flush(socketio_of) == sorted([workshop["code"], second["code"]])
    assert changed(owner) == [sorted([workshop["code"], second["code"]])]
    assert feed.flush(socketio_of) == []  # told once
    assert "workshops:changed" not in facilitator.event_names()  # a dashboard does not hear it
    assert "workshops:changed" not in ana.event_names()


def test_a_refused_action_is_not_a_change(owner, feed, socketio_of, joined):
    ana = joined()
    feed.flush(socketio_of)
    owner.drain()
    assert ana.emit("card:add", {"kind": "no-such-kind", "text": "x", "client_id": "c"})["ok"] is False
    assert feed.flush(socketio_of) == []


def test_deleting_a_workshop_reaches_the_owners_list(app, owner, feed, socketio_of, workshop):
    browser = app.test_client()
    browser.get(f"/?key={OWNER_KEY}")
    feed.flush(socketio_of)
    deleted = browser.post(f"/w/{workshop['code']}/delete", data={"confirm": workshop["code"]})
    assert deleted.status_code == 303
    assert feed.flush(socketio_of) == [workshop["code"]]


def test_the_owners_list_only_listens(owner, workshop):
    for event, payload in [
        ("card:add", {"kind": "challenge", "text": "x", "client_id": "c"}),
        ("phase:set", {"index": 1}),
        ("join", {"name": "Ana"}),
    ]:
        ack = owner.emit(event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "not_allowed", (event, ack)


def test_a_notice_reaches_every_connection_of_every_workshop(
    http, owner_headers, created, connect, joined, facilitator, screen, owner
):
    other = created(title="Other room")
    elsewhere = Phone(connect({"code": other["code"]}))
    here = joined()
    for client in (elsewhere, here, facilitator, screen, owner):
        client.drain()
    response = http.post(
        "/api/notices", json={"text": "  Plenary at 15:00 in the main hall  "}, headers=owner_headers
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] is True and body["notice"]["text"] == "Plenary at 15:00 in the main hall"
    for client in (elsewhere, here, facilitator, screen, owner):
        assert [p for n, p in client.events() if n == "notice"] == [body["notice"]]


def test_the_owners_page_sends_a_notice_with_its_cookie(app, connect, workshop):
    phone = Phone(connect({"code": workshop["code"]}))
    phone.drain()
    browser = app.test_client()
    browser.get(f"/?key={OWNER_KEY}")
    assert browser.post("/api/notices", json={"text": "Lunch is served"}).status_code == 200
    assert [p["text"] for n, p in phone.events() if n == "notice"] == ["Lunch is served"]


@pytest.mark.parametrize(
    "headers, body, status, code",
    [
        ({}, {"text": "Hello"}, 401, "missing_key"),
        ({"Authorization": "Bearer wrong"}, {"text": "Hello"}, 401, "bad_key"),
        ({"Authorization": f"Bearer {OWNER_KEY}"}, {"text": "   "}, 400, "empty_text"),
        ({"Authorization": f"Bearer {OWNER_KEY}"}, {"text": "x" * 281}, 400, "text_too_long"),
        ({"Authorization": f"Bearer {OWNER_KEY}"}, {"text": 7}, 400, "invalid_input"),
        ({"Authorization": f"Bearer {OWNER_KEY}"}, {}, 400, "invalid_input"),
        ({"Authorization": f"Bearer {OWNER_KEY}"}, ["Hello"], 400, "invalid_payload"),
    ],
)
def test_a_bad_notice_is_refused_and_sent_to_nobody(http, connect, workshop, headers, body, status, code):
    phone = Phone(connect({"code": workshop["code"]}))
    phone.drain()
    response = http.post("/api/notices", json=body, headers=headers)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert "notice" not in phone.event_names()


def test_a_facilitator_key_cannot_send_a_notice(http, workshop):
    response = http.post(
        "/api/notices",
        json={"text": "Hi"},
        headers={"Authorization": f"Bearer {workshop['facilitator_key']}"},
    )
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "bad_key"
