"""Closing the door, bulk removal, letting people back in, the browser bar and the join flags,
through Socket.IO as the dashboard and phones use them (docs/protocol.md)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import card_payload
from tests.web import refusals
from tests.web.conftest import Phone


def ok(ack: dict[str, Any]) -> dict[str, Any]:
    assert ack["ok"] is True, ack
    return ack


def code_of(ack: dict[str, Any]) -> str:
    assert ack["ok"] is False, ack
    assert ack["error"]["message"]
    return ack["error"]["code"]


def browser(app, ip: str = "127.0.0.1") -> Any:
    """A phone's browser: it opened the join page, so its cookie holds a browser id."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    return client


def phone_in(connect, workshop, client: Any = None) -> Phone:
    return Phone(connect({"code": workshop["code"]}, client))


@pytest.fixture
def finance(group_ids) -> int:
    return group_ids["Finance"]


def test_the_facilitator_closes_the_door_and_a_new_phone_is_refused(connect, workshop, facilitator, stored):
    waiting = phone_in(connect, workshop)
    waiting.drain()
    ack = ok(facilitator.emit("settings:set", {"door_closed": True}))
    assert ack["settings"]["door_closed"] is True
    # A phone on the join page hears it at once: its fresh state says the door is closed.
    states = [p for e, p in waiting.events() if e == "state"]
    assert states and states[-1]["settings"]["door_closed"] is True
    refused = waiting.emit("join", {"name": "Late"})
    assert code_of(refused) == "door_closed"
    assert "closed the door" in refused["error"]["message"]
    assert stored.people.count() == 0


def test_a_joined_phone_comes_back_through_a_closed_door(joined, app_and_socketio, workshop, facilitator):
    ana = joined("Finance", "Ana")
    ok(facilitator.emit("settings:set", {"door_closed": True}))
    ana.client.disconnect()
    app, socketio = app_and_socketio
    assert refusals.connect_refusal(app, socketio, {"code": workshop["code"], "token": ana.token}) is None


def test_attendees_cannot_close_the_door(joined):
    assert code_of(joined().emit("settings:set", {"door_closed": True})) == "not_allowed"


def test_the_join_page_says_the_door_is_closed_instead_of_showing_the_form(http, workshop, facilitator):
    page = http.get(f"/j/{workshop['code']}").get_data(as_text=True)
    assert 'id="door" class="thanks" hidden' in page
    ok(facilitator.emit("settings:set", {"door_closed": True}))
    page = http.get(f"/j/{workshop['code']}").get_data(as_text=True)
    assert 'id="door" class="thanks" hidden' not in page
    assert "The facilitator has closed the door to new people" in page


def test_the_join_page_gives_the_browser_an_id_in_its_signed_cookie(app, http, workshop):
    response = http.get(f"/j/{workshop['code']}")
    cookie = response.headers.get("Set-Cookie", "")
    assert cookie.startswith("workshop_session=") and "HttpOnly" in cookie
    with http.session_transaction() as session:
        first = session["browser"]
    http.get(f"/j/{workshop['code']}")
    with http.session_transaction() as session:
        assert session["browser"] == first  # the same browser keeps its id
    assert len(first) == 32


def test_a_removed_persons_browser_cannot_join_again_until_let_back_in(
    app, connect, workshop, facilitator, finance
):
    own = browser(app)
    own.get(f"/j/{workshop['code']}")
    eve = phone_in(connect, workshop, own)
    eve_id = ok(eve.emit("join", {"name": "Eve", "group": finance}))["participant"]["id"]
    ok(facilitator.emit("participant:remove", {"participant_id": eve_id}))

    again = phone_in(connect, workshop, own)  # a fresh page load, the token thrown away
    refused = again.emit("join", {"name": "Not Eve", "group": finance})
    assert code_of(refused) == "removed"
    assert refused["error"]["message"] == "The facilitator removed you from this workshop."

    other = browser(app)
    other.get(f"/j/{workshop['code']}")
    ok(phone_in(connect, workshop, other).emit("join", {"name": "Neighbour", "group": finance}))

    facilitator.drain()
    back = ok(facilitator.emit("participant:readmit", {"participant_id": eve_id}))
    assert back["participant"]["removed"] is False
    names = facilitator.event_names()
    assert "participant:updated" in names and "people:changed" in names and "counts:changed" in names
    ok(again.emit("join", {"name": "Eve", "group": finance}))


def test_a_let_back_in_person_reconnects_with_their_own_token(
    joined, app_and_socketio, workshop, facilitator
):
    ana = joined("Finance", "Ana")
    ok(facilitator.emit("participant:remove", {"participant_id": ana.participant["id"]}))
    app, socketio = app_and_socketio
    auth = {"code": workshop["code"], "token": ana.token}
    assert refusals.connect_refusal(app, socketio, auth)["data"]["code"] == "removed"
    ok(facilitator.emit("participant:readmit", {"participant_id": ana.participant["id"]}))
    assert refusals.connect_refusal(app, socketio, auth) is None


def test_selected_people_are_removed_together_and_each_phone_is_told(joined, facilitator, stored):
    ana, ben, cy = joined("Finance", "Ana"), joined("Finance", "Ben"), joined("Design", "Cy")
    for phone in (ana, ben, cy, facilitator):
        phone.drain()
    ids = [ana.participant["id"], cy.participant["id"]]
    ack = ok(facilitator.emit("participants:remove", {"participant_ids": ids}))
    assert (ack["removed"], ack["participant_ids"]) == (2, sorted(ids))
    for phone in (ana, cy):
        assert [e for e, _ in ((m["name"], m["args"]) for m in phone.client.queue)] == ["removed"]
        assert phone.client.is_connected() is False
    assert ben.client.is_connected() is True
    removed = [p for e, p in facilitator.events() if e == "participant:removed"]
    assert removed == [{"participant_id": i} for i in sorted(ids)]
    assert stored.people.count() == 1


def test_recent_silent_joiners_are_removed_and_people_who_posted_stay(joined, facilitator, stored):
    poster, quiet = joined("Finance", "Poster"), joined("Finance", "Quiet")
    ok(poster.emit("card:add", card_payload(text="Data silos")))
    ack = ok(facilitator.emit("participants:remove", {"joined_within_minutes": 10, "silent_only": True}))
    assert ack["participant_ids"] == [quiet.participant["id"]]
    assert {p.name for p in stored.people.all() if not p.removed} == {"Poster"}
    assert poster.client.is_connected() is True


@pytest.mark.parametrize(
    "payload, code",
    [
        ({}, "invalid_input"),
        ({"participant_ids": "1"}, "invalid_input"),
        ({"participant_ids": [999]}, "not_found"),
        ({"joined_within_minutes": 0}, "invalid_input"),
        ({"joined_within_minutes": 5, "participant_ids": [1]}, "invalid_input"),
    ],
)
def test_bad_bulk_removals_are_refused_and_nobody_leaves(joined, facilitator, stored, payload, code):
    joined("Finance", "Ana")
    assert code_of(facilitator.emit("participants:remove", payload)) == code
    assert stored.people.count() == 1


def test_only_the_facilitator_removes_in_bulk_or_lets_back_in(joined, screen):
    ana = joined("Finance", "Ana")
    for phone in (ana, screen):
        assert code_of(phone.emit("participants:remove", {"joined_within_minutes": 5})) == "not_allowed"
        assert code_of(phone.emit("participant:readmit", {"participant_id": 1})) == "not_allowed"


def test_five_joins_from_one_address_are_flagged_on_the_dashboard_without_the_address(
    app, connect, workshop, facilitator, screen, finance
):
    facilitator.drain()
    screen.drain()
    for i in range(5):
        ok(
            phone_in(connect, workshop, browser(app, "203.0.113.5")).emit(
                "join", {"name": f"Bot {i}", "group": finance}
            )
        )
    flags = [p for e, p in facilitator.events() if e == "flags:changed"]
    assert len(flags) == 1 and len(flags[0]["flags"]) == 5
    assert {tuple(f["reasons"]) for f in flags[0]["flags"]} == {("many_from_address",)}
    assert "203.0.113.5" not in repr(flags)
    assert "flags:changed" not in screen.event_names()
    fresh = Phone(connect({"code": workshop["code"], "key": workshop["facilitator_key"]}))
    state = fresh.events()[0][1]
    assert len(state["flags"]) == 5


def test_a_newcomer_from_a_removed_persons_address_is_flagged(app, connect, workshop, facilitator, finance):
    first = phone_in(connect, workshop, browser(app, "203.0.113.9"))
    first_id = ok(first.emit("join", {"name": "First", "group": finance}))["participant"]["id"]
    ok(facilitator.emit("participant:remove", {"participant_id": first_id}))
    facilitator.drain()
    again = phone_in(connect, workshop, browser(app, "203.0.113.9"))
    again_id = ok(again.emit("join", {"name": "Again", "group": finance}))["participant"]["id"]
    flags = [p for e, p in facilitator.events() if e == "flags:changed"]
    assert flags == [{"flags": [{"participant_id": again_id, "reasons": ["removed_address"], "source": 1}]}]
