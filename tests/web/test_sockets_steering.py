"""Steering the room over Socket.IO: phases, agenda, timer, switches, closing, report-back."""

from __future__ import annotations

import pytest

from tests.factories import card_payload
from tests.web.acks import error_code, ok
from tests.web.conftest import Phone

JOIN, BRAINSTORM, CLUSTER, VOTE, REPORT = range(5)  # the default agenda


@pytest.fixture
def room(joined, facilitator, screen, connect, workshop):
    """Ana and Ben in Finance, Dee in Design, a phone that has not joined, the screen, the
    facilitator; everything they heard so far dropped."""
    phones = {
        "ana": joined("Finance", "Ana"),
        "ben": joined("Finance", "Ben"),
        "dee": joined("Design", "Dee"),
        "newcomer": Phone(connect({"code": workshop["code"]})),
        "screen": screen,
        "facilitator": facilitator,
    }
    for phone in phones.values():
        phone.drain()
    return phones


def heard(room) -> dict[str, list[str]]:
    return {name: phone.event_names() for name, phone in room.items()}


# --- phases and agenda


def test_phase_set_reaches_every_connection_with_phase_and_timer(room):
    body = ok(room["facilitator"].emit("phase:set", {"index": BRAINSTORM}))
    assert body["phase"]["kind"] == "brainstorm"
    assert {k: body["timer"][k] for k in ("running", "remaining", "ends_at", "duration")} == {
        "running": False,
        "remaining": 900.0,
        "ends_at": None,
        "duration": 900.0,
    }
    for name, phone in room.items():
        assert phone.events() == [("phase:changed", body)], name


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"index": 5}, "invalid_input"),
        ({"index": -1}, "invalid_input"),
        ({"index": "2"}, "invalid_input"),
        ({}, "invalid_input"),
    ],
)
def test_bad_phase_is_refused_and_nobody_hears(room, stored, payload, code):
    assert error_code(room["facilitator"].emit("phase:set", payload)) == code
    assert all(names == [] for names in heard(room).values())
    assert stored.live().phase_index == JOIN


def test_entering_report_back_refreshes_each_connection_with_its_own_report(room, group_ids):
    room["facilitator"].emit("phase:set", {"index": REPORT})
    assert heard_states(room) == {name: ["phase:changed", "state"] for name in room}
    finance, design = group_ids["Finance"], group_ids["Design"]
    for name, group_id in [("ana", finance), ("dee", design)]:
        state = last_state(room[name])
        assert [g["group_id"] for g in state["report"]["groups"]] == [group_id], name
    assert [g["group_id"] for g in last_state(room["screen"])["report"]["groups"]] == [finance, design]


def heard_states(room) -> dict[str, list[str]]:
    """Event names per connection, keeping the `state` payloads for `last_state`."""
    names = {}
    for name, phone in room.items():
        events = phone.events()
        phone.states = [payload for event, payload in events if event == "state"]
        names[name] = [event for event, _ in events]
    return names


def last_state(phone) -> dict:
    return phone.states[-1]


def test_agenda_set_reaches_everyone(room, stored):
    payload = {"agenda": [{"kind": "brainstorm", "name": "Ideas", "minutes": 5}, {"kind": "vote"}]}
    body = ok(room["facilitator"].emit("agenda:set", payload))
    assert [(p["kind"], p["name"], p["minutes"]) for p in body["agenda"]] == [
        ("brainstorm", "Ideas", 5),
        ("vote", "Vote", None),
    ]
    assert body["phase"]["index"] == 0
    for name, phone in room.items():
        assert phone.events() == [("agenda:changed", body)], name
    assert [p.kind for p in stored.live().agenda] == ["brainstorm", "vote"]


@pytest.mark.parametrize(
    "payload",
    [
        {"agenda": [{"kind": "party"}]},
        {"agenda": []},
        {"agenda": [{"name": "No kind"}]},
        {"agenda": [{"kind": "vote", "minutes": "5"}]},
        {"agenda": "brainstorm"},
    ],
)
def test_bad_agenda_is_refused_and_nobody_hears(room, stored, payload):
    before = stored.live().agenda
    assert error_code(room["facilitator"].emit("agenda:set", payload)) == "invalid_input"
    assert all(names == [] for names in heard(room).values())
    assert stored.live().agenda == before


# --- timer


def test_timer_changes_reach_everyone(room):
    fac = room["facilitator"]
    started = ok(fac.emit("timer:start", {"seconds": 300}))["timer"]
    assert (started["running"], started["duration"]) == (True, 300.0)
    assert started["ends_at"] == pytest.approx(started["now"] + 300)
    for name, phone in room.items():
        assert phone.events() == [("timer:changed", {"timer": started})], name
    paused = ok(fac.emit("timer:pause", {}))["timer"]
    assert (paused["running"], paused["ends_at"]) == (False, None)
    assert 0 < paused["remaining"] <= 300
    added = ok(fac.emit("timer:add", {"seconds": 60}))["timer"]
    assert added["remaining"] == pytest.approx(paused["remaining"] + 60)
    resumed = ok(fac.emit("timer:resume", {}))["timer"]
    assert resumed["running"] is True
    reset = ok(fac.emit("timer:reset", {}))["timer"]
    assert (reset["running"], reset["remaining"], reset["duration"]) == (False, 360.0, 360.0)
    for name, phone in room.items():
        assert phone.event_names() == ["timer:changed"] * 4, name


@pytest.mark.parametrize(
    "event, payload",
    [
        ("timer:start", {"seconds": 0}),
        ("timer:start", {"seconds": 36_001}),
        ("timer:start", {"seconds": 1.5}),
        ("timer:start", {}),
        ("timer:add", {"seconds": 0}),
        ("timer:add", {"seconds": -3601}),
        ("timer:add", {"seconds": "60"}),
    ],
)
def test_bad_timer_seconds_are_refused_and_nobody_hears(room, event, payload):
    assert error_code(room["facilitator"].emit(event, payload)) == "invalid_input"
    assert all(names == [] for names in heard(room).values())


# --- settings, blur and reveal


def test_settings_reach_everyone_and_each_connection_gets_a_fresh_state(room, stored):
    body = ok(room["facilitator"].emit("settings:set", {"votes_per_person": 5, "cards_while_voting": True}))
    assert (body["settings"]["votes_per_person"], body["settings"]["cards_while_voting"]) == (5, True)
    assert heard_states(room) == {name: ["settings:changed", "state"] for name in room}
    assert last_state(room["ana"])["votes_left"] == 5
    assert stored.live().settings.votes_per_person == 5


@pytest.mark.parametrize(
    "payload",
    [{"votes_per_person": 0}, {"votes_per_person": 21}, {"votes_per_person": "5"}, {"blur_cards": "yes"}],
)
def test_bad_settings_are_refused_and_nobody_hears(room, stored, payload):
    assert error_code(room["facilitator"].emit("settings:set", payload)) == "invalid_input"
    assert all(names == [] for names in heard(room).values())
    assert stored.live().settings.votes_per_person == 3


@pytest.fixture
def blurred(room):
    ok(room["facilitator"].emit("settings:set", {"blur_cards": True}))
    for phone in room.values():
        phone.drain()
    return room


def test_blurred_card_reaches_groupmates_blurred_and_facilitators_in_full(blurred):
    card = ok(blurred["ana"].emit("card:add", card_payload(text="Data silos")))["card"]
    assert card["text"] == "Data silos" and "blurred" not in card
    [(event, payload)] = blurred["ben"].events()
    assert event == "card:added"
    assert (payload["card"]["id"], payload["card"]["blurred"], payload["card"]["text"]) == (
        card["id"],
        True,
        "",
    )
    full = [p for e, p in blurred["facilitator"].events() if e == "card:added"]
    assert [p["card"]["text"] for p in full] == ["Data silos"]
    assert blurred["dee"].event_names() == []


def test_the_author_never_receives_their_own_card_blurred(blurred):
    """docs/protocol.md: blurred, "on other people's cards"; the author's phone keeps its text."""
    card = ok(blurred["ana"].emit("card:add", card_payload(text="Data silos")))["card"]
    own = [p["card"] for e, p in blurred["ana"].events() if e in ("card:added", "card:updated")]
    blurred_own = [
        c for c in own if c["id"] == card["id"] and (c.get("blurred") or c["text"] != "Data silos")
    ]
    assert blurred_own == []


def test_revealed_cards_reach_attendees_in_a_fresh_state(blurred):
    ok(blurred["ana"].emit("card:add", card_payload(text="Data silos")))
    blurred["ben"].drain()
    body = ok(blurred["facilitator"].emit("cards:reveal", {}))
    assert body["settings"]["cards_revealed"] is True
    events = blurred["ben"].events()
    assert [e for e, _ in events] == ["settings:changed", "state"]
    [card] = events[1][1]["cards"]
    assert card["text"] == "Data silos" and "blurred" not in card


# --- closing and reopening


def test_closing_refreshes_everyone_and_stops_cards_joins_and_votes(room, connect, workshop, stored):
    ana, fac = room["ana"], room["facilitator"]
    card = ok(ana.emit("card:add", card_payload(text="Before")))["card"]
    ok(fac.emit("phase:set", {"index": VOTE}))
    for phone in room.values():
        phone.drain()
    body = ok(fac.emit("workshop:close", {}))
    assert body["settings"]["closed"] is True
    assert heard_states(room) == {name: ["workshop:closed", "state"] for name in room}
    assert last_state(ana)["report"] is not None
    assert last_state(ana)["settings"]["closed"] is True

    assert error_code(ana.emit("card:add", card_payload(text="After"))) == "wrong_phase"
    assert error_code(ana.emit("vote:cast", {"card_id": card["id"], "client_id": "v-1"})) == "wrong_phase"
    late = connect({"code": workshop["code"]})
    assert error_code(late.emit("join", {"name": "Late"}, callback=True)) == "wrong_phase"
    assert (stored.cards.count(), stored.votes.count(), stored.people.count()) == (1, 0, 3)


def test_reopening_refreshes_everyone_and_allows_them_again(room, stored):
    ana, fac = room["ana"], room["facilitator"]
    ok(fac.emit("workshop:close", {}))
    for phone in room.values():
        phone.drain()
    body = ok(fac.emit("workshop:reopen", {}))
    assert body["settings"]["closed"] is False
    assert heard_states(room) == {name: ["workshop:reopened", "state"] for name in room}
    assert last_state(ana)["report"] is None
    ok(ana.emit("card:add", card_payload(text="After")))
    ok(room["newcomer"].emit("join", {"name": "Late"}))
    assert (stored.cards.count(), stored.people.count()) == (1, 4)


def test_reopening_from_a_closed_phase_goes_back_one_phase(room, stored):
    fac = room["facilitator"]
    ok(fac.emit("agenda:set", {"agenda": [{"kind": "brainstorm"}, {"kind": "vote"}, {"kind": "closed"}]}))
    ok(fac.emit("phase:set", {"index": 2}))
    assert error_code(room["ana"].emit("card:add", card_payload())) == "wrong_phase"
    ok(fac.emit("workshop:reopen", {}))
    assert stored.live().phase_index == 1
    assert last_reported_phase(room["ana"]) == {"index": 1, "kind": "vote"}


def last_reported_phase(phone) -> dict:
    state = [p for e, p in phone.events() if e == "state"][-1]
    return {"index": state["phase"]["index"], "kind": state["phase"]["kind"]}


# --- report-back


def test_report_show_reaches_facilitators_and_screens(room, group_ids):
    ok(room["facilitator"].emit("phase:set", {"index": REPORT}))
    for phone in room.values():
        phone.drain()
    body = ok(room["facilitator"].emit("report:show", {"group_id": group_ids["Design"]}))
    assert (body["report"]["view"], body["report"]["group_id"]) == ("group", group_ids["Design"])
    assert room["facilitator"].events() == [("report:changed", body)]
    assert room["screen"].events() == [("report:changed", body)]


def test_report_show_sends_each_group_its_own_part(room, group_ids):
    """docs/protocol.md, `report:show`: "→ facilitators, screens (and each group its own part)"."""
    ok(room["facilitator"].emit("phase:set", {"index": REPORT}))
    for phone in room.values():
        phone.drain()
    ok(room["facilitator"].emit("report:show", {"group_id": group_ids["Design"]}))
    for name, group in [("ana", "Finance"), ("ben", "Finance"), ("dee", "Design")]:
        [(event, payload)] = room[name].events()
        assert event == "report:changed", name
        assert [g["group_id"] for g in payload["report"]["groups"]] == [group_ids[group]], name


def test_report_walks_the_groups_then_the_synthesis(room, group_ids):
    fac = room["facilitator"]
    ok(fac.emit("report:show", {"group_id": group_ids["Finance"]}))
    walk = [ok(fac.emit(event, {}))["report"] for event in ("report:next", "report:next", "report:next")]
    assert [(r["view"], r["group_id"]) for r in walk[:1]] == [("group", group_ids["Design"])]
    assert [r["view"] for r in walk] == ["group", "synthesis", "synthesis"]
    back = ok(fac.emit("report:prev", {}))["report"]
    assert (back["view"], back["group_id"]) == ("group", group_ids["Design"])
    ok(fac.emit("report:show", {"synthesis": True}))
    assert ok(fac.emit("report:prev", {}))["report"]["group_id"] == group_ids["Design"]


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"group_id": 999}, "unknown_group"),
        ({"group_id": "1"}, "invalid_input"),
        ({"synthesis": "yes"}, "invalid_input"),
    ],
)
def test_bad_report_stop_is_refused_and_nobody_hears(room, payload, code):
    assert error_code(room["facilitator"].emit("report:show", payload)) == code
    assert all(names == [] for names in heard(room).values())


# --- every new event: who may send it, and what a payload must be

FACILITATOR_EVENTS = [
    ("phase:set", {"index": 1}),
    ("agenda:set", {"agenda": [{"kind": "brainstorm"}]}),
    ("timer:start", {"seconds": 60}),
    ("timer:pause", {}),
    ("timer:resume", {}),
    ("timer:add", {"seconds": 60}),
    ("timer:reset", {}),
    ("settings:set", {"votes_per_person": 5}),
    ("cards:reveal", {}),
    ("theme:create", {"group_id": 1, "name": "Mine"}),
    ("theme:rename", {"theme_id": 1, "name": "Mine"}),
    ("theme:delete", {"theme_id": 1}),
    ("theme:suggest", {"group_id": 1}),
    ("card:theme", {"card_id": 1, "theme_id": None}),
    ("card:merge", {"into": 1, "cards": [2]}),
    ("card:correct", {"card_id": 1, "text": "Mine"}),
    ("card:move", {"card_id": 1, "group_id": 2}),
    ("votes:reveal", {}),
    ("votes:hide", {}),
    ("report:show", {"synthesis": True}),
    ("report:next", {}),
    ("report:prev", {}),
    ("groups:shuffle", {"strategy": "balanced"}),
    ("group:lock", {"group_id": 1, "locked": True}),
    ("group:limit", {"group_id": 1, "size_limit": 1}),
    ("participant:remove", {"participant_id": 1}),
    ("workshop:close", {}),
    ("workshop:reopen", {}),
]
ATTENDEE_EVENTS = [("vote:cast", {"card_id": 1, "client_id": "v-1"}), ("vote:retract", {"card_id": 1})]
EVENT_IDS = [event for event, _ in FACILITATOR_EVENTS]


@pytest.fixture
def steady(room, group_ids):
    """Cards and a theme exist, so a refused event would have had something to change."""
    ok(room["ana"].emit("card:add", card_payload(text="Mine")))
    ok(room["ben"].emit("card:add", card_payload(text="Also mine")))
    ok(room["facilitator"].emit("theme:create", {"group_id": group_ids["Finance"], "name": "Theme"}))
    for phone in room.values():
        phone.drain()
    return room


@pytest.mark.parametrize("sender", ["ana", "screen"])
@pytest.mark.parametrize("event, payload", FACILITATOR_EVENTS, ids=EVENT_IDS)
def test_facilitator_events_are_not_allowed_to_attendees_or_screens(steady, stored, sender, event, payload):
    before = (
        stored.live(),
        stored.groups.all(),
        stored.people.all(),
        stored.cards.all(),
        stored.themes.all(),
    )
    assert error_code(steady[sender].emit(event, payload)) == "not_allowed"
    assert all(names == [] for names in heard(steady).values())
    assert (
        stored.live(),
        stored.groups.all(),
        stored.people.all(),
        stored.cards.all(),
        stored.themes.all(),
    ) == before


@pytest.mark.parametrize("payload", [None, ["index", 1], "index=1", 3])
@pytest.mark.parametrize("event", [*EVENT_IDS, *(e for e, _ in ATTENDEE_EVENTS)])
def test_every_new_event_answers_invalid_payload_to_a_non_object(steady, event, payload):
    sender = steady["ana"] if event.startswith("vote:") else steady["facilitator"]
    assert error_code(sender.emit(event, payload)) == "invalid_payload"
    assert all(names == [] for names in heard(steady).values())


@pytest.mark.parametrize("event, payload", ATTENDEE_EVENTS, ids=[e for e, _ in ATTENDEE_EVENTS])
@pytest.mark.parametrize("sender", ["facilitator", "screen"])
def test_attendee_events_are_not_allowed_to_facilitators_or_screens(steady, sender, event, payload):
    assert error_code(steady[sender].emit(event, payload)) == "not_allowed"
    assert all(names == [] for names in heard(steady).values())
