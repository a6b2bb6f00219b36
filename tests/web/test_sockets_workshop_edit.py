"""`workshop:edit` over Socket.IO: the facilitator changes the title, question or kinds'
labels while the workshop runs, and every connection hears it at once."""

from __future__ import annotations

import pytest

from tests.web.acks import error_code, ok
from tests.web.conftest import Phone

VOTE = 3  # in the default agenda


@pytest.fixture
def room(joined, facilitator, screen, connect, workshop):
    phones = {
        "ana": joined("Finance", "Ana"),
        "dee": joined("Design", "Dee"),
        "newcomer": Phone(connect({"code": workshop["code"]})),
        "screen": screen,
        "facilitator": facilitator,
    }
    ok(facilitator.emit("phase:set", {"index": VOTE}))
    for phone in phones.values():
        phone.drain()
    return phones


def test_an_edit_reaches_every_connection_and_a_fresh_connection_sees_it(room, connect, workshop):
    body = ok(
        room["facilitator"].emit(
            "workshop:edit",
            {
                "title": "Launch, day 2",
                "question": "What first?",
                "kinds": [{"id": "challenge", "label": "Hurdle"}],
            },
        )
    )
    assert (body["workshop"]["title"], body["workshop"]["question"]) == ("Launch, day 2", "What first?")
    assert body["kinds"] == [
        {"id": "challenge", "label": "Hurdle"},
        {"id": "opportunity", "label": "Opportunity"},
    ]
    for name, phone in room.items():
        assert phone.events() == [("workshop:edited", body)], name
    late = Phone(connect({"code": workshop["code"]}))
    (name, state), *_ = late.events()
    assert (name, state["workshop"]["title"], state["kinds"][0]["label"]) == (
        "state",
        "Launch, day 2",
        "Hurdle",
    )


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "invalid_input"),
        ({"title": ""}, "empty_text"),
        ({"title": 7}, "invalid_input"),
        ({"kinds": [{"id": "idea", "label": "Idea"}]}, "invalid_input"),
        ({"kinds": [{"id": "challenge"}]}, "invalid_input"),
        ({"kinds": "challenge"}, "invalid_input"),
        ("Launch", "invalid_payload"),
    ],
)
def test_a_bad_edit_is_refused_with_its_code_and_nobody_hears_anything(room, stored, payload, code):
    assert error_code(room["facilitator"].emit("workshop:edit", payload)) == code
    assert stored.stored_workshop().title == "Launch event"
    assert all(phone.events() == [] for phone in room.values())


def test_an_attendee_or_a_screen_may_not_edit(room, stored):
    assert error_code(room["ana"].emit("workshop:edit", {"title": "Ours"})) == "not_allowed"
    assert error_code(room["screen"].emit("workshop:edit", {"title": "Ours"})) == "not_allowed"
    assert stored.workshop().title == "Launch event"


def test_a_closed_workshop_keeps_its_words(room, stored):
    ok(room["facilitator"].emit("workshop:close", {}))
    assert error_code(room["facilitator"].emit("workshop:edit", {"title": "Later"})) == "wrong_phase"
    assert stored.workshop().title == "Launch event"
