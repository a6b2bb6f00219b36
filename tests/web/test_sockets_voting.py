"""Dot voting over Socket.IO: acks, who hears of a dot, revealing, and a burst of votes."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from tests.factories import card_payload
from tests.web.acks import error_code, ok

BRAINSTORM, VOTE = 1, 3  # in the default agenda
_client_ids = itertools.count(1)


def cast(phone, **target) -> dict:
    return phone.emit("vote:cast", {"client_id": f"v-{next(_client_ids)}", **target})


@pytest.fixture
def room(joined, facilitator, screen, group_ids):
    """Ana and Ben in Finance with two cards and a theme, Dee in Design with one card;
    voting is open and nothing heard so far is kept."""
    phones = {
        "ana": joined("Finance", "Ana"),
        "ben": joined("Finance", "Ben"),
        "dee": joined("Design", "Dee"),
        "screen": screen,
        "facilitator": facilitator,
    }
    ids = {
        "f1": ok(phones["ana"].emit("card:add", card_payload(text="Data silos")))["card"]["id"],
        "f2": ok(phones["ben"].emit("card:add", card_payload(text="Slow budgets")))["card"]["id"],
        "d1": ok(phones["dee"].emit("card:add", card_payload(text="Design debt")))["card"]["id"],
    }
    theme = facilitator.emit("theme:create", {"group_id": group_ids["Finance"], "name": "Money"})
    ids["f_theme"] = ok(theme)["theme"]["id"]
    ok(facilitator.emit("phase:set", {"index": VOTE}))
    for phone in phones.values():
        phone.drain()
    phones["ids"] = ids
    return phones


def phones_of(room) -> dict:
    return {name: phone for name, phone in room.items() if name != "ids"}


def heard(room) -> dict[str, list[tuple[str, object]]]:
    return {name: phone.events() for name, phone in phones_of(room).items()}


def test_a_dot_is_acked_and_told_to_facilitators_only_until_revealed(room, stored):
    ids = room["ids"]
    body = ok(cast(room["ana"], card_id=ids["f1"]))
    assert body == {"votes_left": 2, "my_votes": {"cards": {str(ids["f1"]): 1}, "themes": {}}}
    events = heard(room)
    assert events["facilitator"] == [
        ("votes:changed", {"tallies": {"cards": {str(ids["f1"]): 1}, "themes": {}}})
    ]
    assert {name: e for name, e in events.items() if name != "facilitator"} == {
        "ana": [],
        "ben": [],
        "dee": [],
        "screen": [],
    }
    assert stored.votes.count() == 1


def test_revealing_tells_everyone_all_tallies_and_later_dots_too(room):
    ids = room["ids"]
    cast(room["ana"], card_id=ids["f1"])
    cast(room["dee"], card_id=ids["d1"])
    room["facilitator"].drain()
    body = ok(room["facilitator"].emit("votes:reveal", {}))
    assert body["settings"]["votes_revealed"] is True
    everything = {"tallies": {"cards": {str(ids["f1"]): 1, str(ids["d1"]): 1}, "themes": {}}}
    for name, events in heard(room).items():
        assert events == [("votes:revealed", everything)], name
    cast(room["ben"], theme_id=ids["f_theme"])
    one_item = {"tallies": {"cards": {}, "themes": {str(ids["f_theme"]): 1}}}
    for name, events in heard(room).items():
        assert events == [("votes:changed", one_item)], name


def test_hiding_the_votes_tells_everyone_and_dots_go_back_to_facilitators_only(room):
    ids = room["ids"]
    ok(room["facilitator"].emit("votes:reveal", {}))
    heard(room)
    ok(room["facilitator"].emit("votes:hide", {}))
    for name, events in heard(room).items():
        assert events == [("votes:hidden", {})], name
    cast(room["ana"], card_id=ids["f1"])
    events = heard(room)
    assert [e for e, _ in events.pop("facilitator")] == ["votes:changed"]
    assert all(e == [] for e in events.values())


def test_retracting_gives_the_dot_back_and_tells_the_facilitators(room, stored):
    ids = room["ids"]
    cast(room["ana"], card_id=ids["f1"])
    room["facilitator"].drain()
    body = ok(room["ana"].emit("vote:retract", {"card_id": ids["f1"]}))
    assert body == {"votes_left": 3, "my_votes": {"cards": {}, "themes": {}}}
    assert room["facilitator"].events() == [
        ("votes:changed", {"tallies": {"cards": {str(ids["f1"]): 0}, "themes": {}}})
    ]
    assert stored.votes.count() == 0
    assert error_code(room["ana"].emit("vote:retract", {"card_id": ids["f1"]})) == "not_found"


def test_a_resent_vote_is_counted_once_and_announced_once(room, stored):
    ids = room["ids"]
    payload = {"card_id": ids["f1"], "client_id": "phone-vote-1"}
    first = ok(room["ana"].emit("vote:cast", payload))
    second = ok(room["ana"].emit("vote:cast", payload))
    assert first == second == {"votes_left": 2, "my_votes": {"cards": {str(ids["f1"]): 1}, "themes": {}}}
    assert room["facilitator"].event_names() == ["votes:changed"]
    assert stored.votes.count() == 1


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"card_id": "d1"}, "not_your_group"),
        ({"card_id": 999}, "not_found"),
        ({"theme_id": 999}, "not_found"),
        ({}, "invalid_input"),
        ({"card_id": "f1", "theme_id": "f_theme"}, "invalid_input"),
        ({"card_id": "1"}, "invalid_input"),
    ],
)
def test_bad_vote_is_refused_and_nobody_hears(room, stored, payload, code):
    ids = room["ids"]
    resolved = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
    assert error_code(cast(room["ana"], **resolved)) == code
    assert all(events == [] for events in heard(room).values())
    assert stored.votes.count() == 0


def test_budget_and_duplicates_over_sockets(room, stored):
    ids, ana = room["ids"], room["ana"]
    ok(cast(ana, card_id=ids["f1"]))
    assert error_code(cast(ana, card_id=ids["f1"])) == "duplicate_vote"
    ok(cast(ana, card_id=ids["f2"]))
    ok(cast(ana, theme_id=ids["f_theme"]))
    assert error_code(cast(room["ana"], card_id=ids["f2"])) == "no_votes_left"
    assert stored.votes.count() == 3


def test_no_votes_outside_the_vote_phase(room, stored):
    ok(room["facilitator"].emit("phase:set", {"index": BRAINSTORM}))
    assert error_code(cast(room["ana"], card_id=room["ids"]["f1"])) == "wrong_phase"
    assert stored.votes.count() == 0


def test_tallies_come_with_a_fresh_state_only_once_revealed(room, workshop, connect):
    ids = room["ids"]
    cast(room["ana"], card_id=ids["f1"])
    ana_again = connect({"code": workshop["code"], "token": room["ana"].token})
    state = ana_again.get_received()[0]["args"][0]
    assert "tallies" not in state
    assert (state["votes_left"], state["my_votes"]) == (2, {"cards": {str(ids["f1"]): 1}, "themes": {}})
    ok(room["facilitator"].emit("votes:reveal", {}))
    again = connect({"code": workshop["code"], "token": room["ana"].token})
    assert again.get_received()[0]["args"][0]["tallies"]["cards"] == {str(ids["f1"]): 1}


def test_a_burst_of_thirty_phones_with_three_dots_each_is_counted_exactly(joined, facilitator, stored):
    phones = [joined("Finance" if i % 2 else "Design", f"Voter {i}") for i in range(30)]
    board: dict[int, list[int]] = {}
    for phone in phones[:2]:
        group_id = phone.participant["group_id"]
        board[group_id] = [
            ok(phone.emit("card:add", card_payload(text=f"Card {n}")))["card"]["id"] for n in range(4)
        ]
    ok(facilitator.emit("phase:set", {"index": VOTE}))
    facilitator.drain()
    expected: Counter[int] = Counter()
    for i, phone in enumerate(phones):
        mine = board[phone.participant["group_id"]]
        for spent, pick in enumerate((0, 1 + (i // 2) % 2, 3), start=1):  # three different cards
            body = ok(cast(phone, card_id=mine[pick]))
            assert body["votes_left"] == 3 - spent
            expected[mine[pick]] += 1
    assert stored.votes.count() == 90
    assert stored.votes.tallies() == {"cards": dict(expected), "themes": {}}
    assert facilitator.event_names() == ["votes:changed"] * 90
    ok(facilitator.emit("votes:reveal", {}))
    [(_, revealed)] = [e for e in facilitator.events() if e[0] == "votes:revealed"]
    assert revealed["tallies"]["cards"] == {str(k): v for k, v in expected.items()}
    for cards in board.values():
        assert [expected[card_id] for card_id in cards] == [15, 8, 7, 15]
