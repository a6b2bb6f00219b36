"""Any payload, any event, any role: a documented answer every time, and a consistent file.

More than ten thousand generated payloads go through Flask-SocketIO's test client (events
and connection `auth`) and the Flask test client (`POST /api/workshops`): wrong types,
missing and extra fields, huge and non-finite numbers, deep nesting, and every kind of
Unicode (emoji, right-to-left, zero-width, control characters, lone surrogates). Every
acknowledgement must be `{"ok": true, ...}` or an error with a documented code (never
`internal`) and a message; afterwards the workshop file passes SQLite's own checks and the
rules that hold for every row (docs/security.md, "Input").

One app per test function (not per example), with the rate limits raised so the flood of
examples is not refused for speed (tests/web/test_limits.py covers the limits).
"""

from __future__ import annotations

import json
import operator
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from socketio import packet

from tests.factories import OWNER_KEY, card_payload, make_settings, setup_payload
from tests.web.conftest import Phone
from tests.web.refusals import DOCUMENTED
from workshop.domain.phases import TEMPLATES
from workshop.web.app import create_app

ANSWERABLE = set(DOCUMENTED) - {"internal"}

FUZZ = settings(
    deadline=None,
    database=None,  # nothing written into the work tree; a failure prints its minimal example
    suppress_health_check=list(HealthCheck),
)

# --- values

EDGE_INTS = [0, -1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 2**70, -(2**70)]
INTS = st.one_of(st.integers(-3, 12), st.integers(), st.sampled_from(EDGE_INTS))
FLOATS = st.one_of(st.floats(), st.sampled_from([1.0, 3.0, -0.0, 1e308, float("nan"), float("inf")]))
HOSTILE = [
    "",
    " ",
    "\t\r\n",
    "\u200b",  # zero-width space
    "\u200d\u200c",  # zero-width joiners
    "\ufeff",  # byte-order mark
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "👩🏽‍💻🚀",
    "e\u0301",
    "\x00",
    "a\x00b",
    "\x1b[31mred",
    "\ud800",  # lone surrogates: JSON's \\ud800 escape decodes to these
    "\udfff",
    "x\ud83dy",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://evil.example")',
    "'; DROP TABLE cards; --",
    "%s%n{0}",
    "challenge",
    "opportunity",
    "balanced",
    "mixed",
]
TEXT = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "So"]), max_size=12),
    st.sampled_from(HOSTILE),
    # Around the limits: card 500, name 80, organisation 120, title 200, question 1000.
    st.builds(operator.mul, st.sampled_from(["x", "é", "😀", " ", "\u200b"]), st.integers(0, 1100)),
)

FIELD_NAMES = [
    "name", "organisation", "group", "kind", "text", "client_id", "card_id", "theme_id", "group_id",
    "participant_id", "index", "agenda", "seconds", "votes_per_person", "multiple_votes_per_item",
    "cards_while_voting", "blur_cards", "cards_per_person", "max_people", "into", "cards", "synthesis",
    "strategy", "locked", "size_limit", "minutes", "question", "title", "groups", "kinds", "assignment",
    "allow_anonymous", "agenda_template", "code", "key", "token", "role",
]  # fmt: skip
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), TEXT)
SCALARS = st.one_of(st.none(), st.booleans(), INTS, FLOATS, TEXT)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=12,
)


def nest(leaf: Any, depth: int, as_dict: bool) -> Any:
    for _ in range(depth):
        leaf = {"a": leaf} if as_dict else [leaf]
    return leaf


DEEP = st.builds(
    nest, SCALARS, st.integers(20, 300), st.booleans()
)  # the test client's json.dumps caps depth
ANYTHING = st.one_of(JSON, JSON, DEEP)

# Plausible values per field, so examples reach past the type checks into the rules.
IDS = st.one_of(st.integers(-1, 8), INTS)
BOOLS = st.booleans()
PHASE = st.fixed_dictionaries(
    {"kind": st.one_of(st.sampled_from(["join", "brainstorm", "cluster", "vote", "report", "closed"]), TEXT)},
    optional={"name": TEXT, "minutes": INTS, "question": TEXT},
)
PLAUSIBLE: dict[str, Any] = {
    "name": TEXT,
    "organisation": st.one_of(st.none(), TEXT),
    "group": st.one_of(st.none(), IDS),
    "kind": st.one_of(st.sampled_from(["challenge", "opportunity", "Challenge", "idea"]), TEXT),
    "text": TEXT,
    "client_id": st.one_of(st.sampled_from(["c-1", "c-2", "v-1"]), TEXT),
    "card_id": IDS,
    "theme_id": st.one_of(st.none(), IDS),
    "group_id": st.one_of(st.none(), IDS),
    "participant_id": IDS,
    "index": IDS,
    "agenda": st.one_of(st.lists(st.one_of(PHASE, PHASE, ANYTHING), max_size=32), ANYTHING),
    "seconds": st.one_of(st.integers(-4000, 40000), INTS),
    "votes_per_person": st.one_of(st.integers(0, 21), INTS),
    "cards_per_person": st.one_of(st.integers(0, 1001), INTS),
    "max_people": st.one_of(st.integers(0, 10001), INTS),
    "multiple_votes_per_item": BOOLS,
    "cards_while_voting": BOOLS,
    "blur_cards": BOOLS,
    "into": IDS,
    "cards": st.one_of(st.lists(IDS, max_size=55), ANYTHING),
    "card_ids": st.one_of(st.lists(IDS, max_size=55), ANYTHING),
    "items": st.one_of(
        st.lists(st.one_of(st.sampled_from(["theme:1", "card:1", "card:2", "theme:x"]), TEXT), max_size=12),
        ANYTHING,
    ),
    "synthesis": BOOLS,
    "strategy": st.one_of(st.sampled_from(["balanced", "mixed", "Balanced"]), TEXT),
    "locked": BOOLS,
    "size_limit": st.one_of(st.none(), st.integers(-1, 1001), INTS),
    "door_closed": BOOLS,
    "participant_ids": st.one_of(st.lists(IDS, max_size=12), ANYTHING),
    "joined_within_minutes": st.one_of(st.integers(-1, 1500), INTS),
    "silent_only": BOOLS,
    "title": TEXT,
    "question": TEXT,
    "kinds": st.one_of(
        st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "id": st.one_of(st.sampled_from(["challenge", "opportunity", "idea"]), TEXT),
                        "label": TEXT,
                    }
                ),
                ANYTHING,
            ),
            max_size=10,
        ),
        ANYTHING,
    ),
}

# Every client event and the fields its payload has (docs/protocol.md).
ATTENDEE_EVENTS = {
    "join": ["name", "organisation", "group"],
    "card:add": ["kind", "text", "client_id"],
    "card:edit": ["card_id", "text", "kind"],
    "card:delete": ["card_id"],
    "vote:cast": ["card_id", "theme_id", "client_id"],
    "vote:retract": ["card_id", "theme_id"],
}
FACILITATOR_EVENTS = {
    "card:hide": ["card_id"],
    "card:unhide": ["card_id"],
    "card:correct": ["card_id", "text"],
    "card:move": ["card_id", "group_id"],
    "card:theme": ["card_id", "theme_id"],
    "card:merge": ["into", "cards"],
    "cards:reveal": [],
    "participant:move": ["participant_id", "group_id"],
    "participant:remove": ["participant_id"],
    "participants:remove": ["participant_ids", "joined_within_minutes", "silent_only"],
    "participant:readmit": ["participant_id"],
    "group:add": ["name"],
    "group:rename": ["group_id", "name"],
    "group:lock": ["group_id", "locked"],
    "group:limit": ["group_id", "size_limit"],
    "groups:shuffle": ["strategy"],
    "phase:set": ["index"],
    "agenda:set": ["agenda"],
    "workshop:edit": ["title", "question", "kinds"],
    "timer:start": ["seconds"],
    "timer:pause": [],
    "timer:resume": [],
    "timer:add": ["seconds"],
    "timer:reset": [],
    "settings:set": [
        "votes_per_person",
        "multiple_votes_per_item",
        "cards_while_voting",
        "blur_cards",
        "cards_per_person",
        "max_people",
        "door_closed",
    ],
    "theme:create": ["group_id", "name"],
    "theme:rename": ["theme_id", "name"],
    "theme:delete": ["theme_id"],
    "theme:suggest": ["group_id"],
    "theme:decline": ["group_id", "card_ids"],
    "synthesis:suggest": [],
    "synthesis:merge": ["items", "name"],
    "synthesis:decline": ["items"],
    "votes:reveal": [],
    "votes:hide": [],
    "report:show": ["group_id", "synthesis"],
    "report:next": [],
    "report:prev": [],
    "spotlight:show": ["card_id", "theme_id"],
    "spotlight:clear": [],
    "workshop:close": [],
    "workshop:reopen": [],
}


def payloads(fields: list[str]) -> Any:
    """Objects with the real field names (plausible or wrong values) and random extra keys, or anything."""
    real = st.fixed_dictionaries(
        {}, optional={f: st.one_of(PLAUSIBLE[f], PLAUSIBLE[f], ANYTHING) for f in fields}
    )
    full = st.fixed_dictionaries({f: PLAUSIBLE[f] for f in fields})
    extra = st.dictionaries(KEYS, ANYTHING, max_size=3)
    mixed = st.builds(lambda a, b: {**b, **a}, real, extra)
    return st.one_of(real, full, mixed, ANYTHING)


def cases(events: dict[str, list[str]]) -> Any:
    per_event = {event: payloads(fields) for event, fields in events.items()}
    return st.sampled_from(sorted(events)).flatmap(lambda e: st.tuples(st.just(e), per_event[e]))


# --- the rig: one app, one workshop, three kinds of sender


def ok(ack: Any) -> dict[str, Any]:
    assert isinstance(ack, dict) and ack.get("ok") is True, ack
    return ack


def check_ack(ack: Any, what: str) -> bool:
    """A documented answer: ok, or an error with a known code and a message. Returns ok."""
    assert isinstance(ack, dict), f"{what}: no acknowledgement ({ack!r})"
    if ack.get("ok") is True:
        return True
    assert ack.get("ok") is False, f"{what}: {ack!r}"
    error = ack.get("error")
    assert isinstance(error, dict), f"{what}: {ack!r}"
    assert error.get("code") in ANSWERABLE, f"{what}: undocumented or internal code in {ack!r}"
    assert isinstance(error.get("message"), str) and error["message"].strip(), f"{what}: no message"
    return False


class Rig:
    """A workshop in the vote phase (cards still allowed), with cards and themes in both groups."""

    def __init__(self, tmp_path: Path) -> None:
        self.app, self.socketio = create_app(
            make_settings(
                tmp_path / "sessions",
                event_rates=("100000/second",),
                steward_rates=("100000/second",),
                lookup_rates=("100000/minute",),
            )
        )
        self.app.config["TESTING"] = True
        self.http = self.app.test_client()
        body = self.http.post("/api/workshops", json=setup_payload(), headers=owner())
        assert body.status_code == 201
        self.code, self.key = body.get_json()["code"], body.get_json()["facilitator_key"]
        self.clients: list[Any] = []
        self.fac = self.phone({"code": self.code, "key": self.key})
        self.groups = [g["id"] for g in self.fac.events()[0][1]["groups"]]
        ok(self.fac.emit("settings:set", {"cards_while_voting": True, "cards_per_person": 1000}))
        self.attendee = self.joined()
        neighbour = self.joined(self.groups[1])
        for phone in (self.attendee, self.attendee, neighbour):
            ok(phone.emit("card:add", card_payload()))
        for group in self.groups:
            ok(self.fac.emit("theme:create", {"group_id": group, "name": f"Theme {group}"}))
        self.vote_phase()
        ok(self.attendee.emit("vote:cast", {"card_id": 1, "client_id": "v-card"}))
        ok(self.attendee.emit("vote:cast", {"theme_id": 1, "client_id": "v-theme"}))
        self.stranger = self.phone({"code": self.code})
        self.sent = 0

    def phone(self, auth: Any) -> Phone:
        client = self.socketio.test_client(self.app, auth=auth)
        self.clients.append(client)
        return Phone(client)

    def joined(self, group: int | None = None) -> Phone:
        phone = self.phone({"code": self.code})
        ok(phone.emit("join", {"name": "Fuzz", "group": group or self.groups[0]}))
        return phone

    def vote_phase(self) -> None:
        agenda = [{"kind": p.kind, "name": p.name} for p in TEMPLATES["challenges"]]
        ok(self.fac.emit("agenda:set", {"agenda": agenda}))
        ok(self.fac.emit("phase:set", {"index": 3}))

    def send(self, phone: Phone, event: str, body: Any, who: str) -> bool:
        self.sent += 1
        return check_ack(phone.emit(event, body), f"{event} by {who} with {body!r}"[:2000])

    def keep_roles(self) -> None:
        """A removed attendee's connection is closed: let a new one join in its place."""
        if not self.attendee.client.is_connected():
            self.reopen_everything()
            self.attendee = self.joined()

    def reopen_everything(self) -> None:
        """Undo what a fuzzed facilitator may have done that keeps a newcomer out."""
        ok(self.fac.emit("workshop:reopen", {}))
        ok(self.fac.emit("settings:set", {"max_people": 10000, "door_closed": False}))
        self.vote_phase()
        for group in self.groups:
            ok(self.fac.emit("group:lock", {"group_id": group, "locked": False}))
            ok(self.fac.emit("group:limit", {"group_id": group, "size_limit": None}))

    @property
    def path(self) -> Path:
        return self.app.extensions["workshop"].files.path(self.code)

    def close(self) -> None:
        for client in self.clients:
            if client.is_connected():
                client.disconnect()
        self.app.extensions["workshop"].files.close_all()

    def check_file(self, *, votes_within_budget: bool) -> None:
        with closing(sqlite3.connect(self.path)) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            for card_id, text in db.execute("SELECT id, text FROM cards"):
                assert isinstance(text, str) and 1 <= len(text) <= 500, (card_id, text)
                assert text == text.strip(), (card_id, text)
                text.encode("utf-8")  # no lone surrogate was stored
            title, question, kinds = db.execute("SELECT title, question, kinds FROM workshop").fetchone()
            labels = [k["label"] for k in json.loads(kinds)]
            for value, limit in ((title, 200), (question, 1000), *((label, 40) for label in labels)):
                assert 1 <= len(value) <= limit and value == value.strip(), value
                value.encode("utf-8")
            assert len({label.casefold() for label in labels}) == len(labels), labels
            for table, column in (("participants", "name"), ("participants", "organisation")):
                for (value,) in db.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
                    value.encode("utf-8")
            if votes_within_budget:
                settings_row = json.loads(db.execute("SELECT settings FROM workshop").fetchone()[0])
                budget = settings_row["votes_per_person"]
                used = db.execute(
                    "SELECT participant_id, COUNT(*) FROM votes GROUP BY participant_id"
                ).fetchall()
                assert all(n <= budget for _, n in used), (budget, used)
                doubled = db.execute(
                    "SELECT participant_id, card_id, theme_id, COUNT(*) FROM votes"
                    " GROUP BY participant_id, card_id, theme_id HAVING COUNT(*) > 1"
                ).fetchall()
                assert doubled == [], doubled
                foreign = db.execute(
                    "SELECT v.id FROM votes v JOIN participants p ON p.id = v.participant_id"
                    " LEFT JOIN cards c ON c.id = v.card_id LEFT JOIN themes t ON t.id = v.theme_id"
                    " WHERE COALESCE(c.group_id, t.group_id) IS NOT p.group_id"
                ).fetchall()
                assert foreign == [], "a vote on another group's item"


def owner() -> dict[str, str]:
    return {"Authorization": f"Bearer {OWNER_KEY}"}


# --- the properties


def test_attendee_events_answer_any_payload_from_anyone(tmp_path):
    rig = Rig(tmp_path)
    examples = 3500

    @settings(FUZZ, max_examples=examples)
    @given(cases(ATTENDEE_EVENTS))
    def attendee_events(case: tuple[str, Any]) -> None:
        event, body = case
        rig.send(rig.attendee, event, body, "a joined attendee")
        assert not rig.send(rig.fac, event, body, "the facilitator"), "a facilitator acted as an attendee"
        if rig.send(rig.stranger, event, body, "a connection that has not joined"):
            assert event == "join", f"{event} worked before joining"
            rig.stranger = rig.phone({"code": rig.code})
        rig.keep_roles()

    try:
        attendee_events()
        rig.check_file(votes_within_budget=True)
    finally:
        rig.close()
    print(f"attendee events: {rig.sent} payloads sent")
    assert rig.sent >= 3 * examples


def test_facilitator_events_answer_any_payload_from_anyone(tmp_path):
    rig = Rig(tmp_path)
    examples = 5000

    @settings(FUZZ, max_examples=examples)
    @given(cases(FACILITATOR_EVENTS))
    def facilitator_events(case: tuple[str, Any]) -> None:
        event, body = case
        rig.send(rig.fac, event, body, "the facilitator")
        rig.keep_roles()  # participant:remove may have just closed the attendee's connection
        assert not rig.send(rig.attendee, event, body, "an attendee"), "an attendee steered the room"
        assert not rig.send(rig.stranger, event, body, "a stranger"), "a stranger steered the room"
        rig.keep_roles()

    try:
        facilitator_events()
        # A lowered budget leaves the dots already cast, and moves change groups: the vote rules
        # hold only while no facilitator steers, so here only the file and card rules are checked.
        rig.check_file(votes_within_budget=False)
    finally:
        rig.close()
    print(f"facilitator events: {rig.sent} payloads sent")
    assert rig.sent >= 3 * examples


def test_the_event_lists_cover_every_handler(tmp_path):
    app, socketio = create_app(make_settings(tmp_path / "sessions"))
    try:
        handled = set(socketio.server.handlers["/"]) - {"connect", "disconnect"}
        assert sorted(handled ^ (set(ATTENDEE_EVENTS) | set(FACILITATOR_EVENTS))) == []
    finally:
        app.extensions["workshop"].files.close_all()


def refusal_for(rig: Rig, auth: Any) -> Any:
    """The CONNECT_ERROR data a fresh connection with `auth` gets, or None if it connected."""
    client = rig.socketio.test_client(rig.app, auth=None)  # refused at once; installs the packet mock
    deliver = rig.socketio.server._send_packet
    refusals: list[Any] = []

    def spy(eio_sid: str, pkt: Any) -> None:
        if pkt.packet_type == packet.CONNECT_ERROR:
            refusals.append(pkt.data)
        deliver(eio_sid, pkt)

    rig.socketio.server._send_packet = spy
    try:
        client.connect(auth=auth)
    finally:
        rig.socketio.server._send_packet = deliver
    if client.is_connected():
        client.disconnect()
        return None
    assert len(refusals) == 1, f"{auth!r}: refused without one connect_error ({refusals!r})"
    return refusals[0]


def test_connection_auth_is_answered_with_a_documented_code(tmp_path):
    rig = Rig(tmp_path)
    examples = 500
    plausible = st.fixed_dictionaries(
        {},
        optional={
            "code": st.one_of(st.just(rig.code), st.just(rig.code.lower()), TEXT, ANYTHING),
            "key": st.one_of(st.just(rig.key), st.just(OWNER_KEY), TEXT, ANYTHING),
            "token": st.one_of(TEXT, ANYTHING),
            "role": st.one_of(st.sampled_from(["attendee", "facilitator", "screen", "owner"]), ANYTHING),
        },
    )

    # A bare number is not sent: the Socket.IO packet format would read its digits as a packet id.
    unnumbered = ANYTHING.filter(lambda v: isinstance(v, bool) or not isinstance(v, (int, float)))

    @settings(FUZZ, max_examples=examples)
    @given(st.one_of(plausible, plausible, unnumbered))
    def connect_auth(auth: Any) -> None:
        rig.sent += 1
        refusal = refusal_for(rig, auth)
        if refusal is None:
            return  # connected (and disconnected again)
        assert isinstance(refusal, dict) and isinstance(refusal.get("data"), dict), f"{auth!r}: {refusal!r}"
        assert refusal["data"].get("code") in ANSWERABLE, f"{auth!r}: {refusal!r}"
        assert refusal["message"] == refusal["data"]["message"] and refusal["message"].strip(), refusal

    try:
        connect_auth()
    finally:
        rig.close()
    print(f"connection auth: {rig.sent} payloads sent")
    assert rig.sent >= examples


def test_api_set_up_answers_any_body_with_201_or_a_documented_400(tmp_path):
    app, _ = create_app(make_settings(tmp_path / "sessions"))
    http = app.test_client()
    examples = 1500
    sent = 0
    created: list[str] = []
    valid = st.fixed_dictionaries(
        {"title": TEXT, "question": TEXT, "groups": st.one_of(st.lists(TEXT, max_size=52), INTS)},
        optional={
            "kinds": st.one_of(st.none(), st.lists(TEXT, max_size=9)),
            "assignment": st.one_of(st.sampled_from(["self", "balanced"]), TEXT),
            "allow_anonymous": BOOLS,
            "agenda": st.one_of(st.none(), PLAUSIBLE["agenda"]),
            "agenda_template": st.one_of(st.none(), st.sampled_from(["challenges", "1-2-4-all"]), TEXT),
            "votes_per_person": PLAUSIBLE["votes_per_person"],
            "multiple_votes_per_item": BOOLS,
            "cards_while_voting": BOOLS,
            "blur_cards": BOOLS,
            "cards_per_person": PLAUSIBLE["cards_per_person"],
            "max_people": PLAUSIBLE["max_people"],
        },
    )
    mixed = st.builds(lambda a, b: {**b, **a}, valid, st.dictionaries(KEYS, ANYTHING, max_size=3))
    base = st.builds(
        lambda a: {**setup_payload(), **a}, st.dictionaries(st.sampled_from(FIELD_NAMES), ANYTHING)
    )
    raw = st.one_of(st.text(max_size=40), st.sampled_from(["{", "[1,", '{"title": NaN}', "\ud800", "null"]))

    @settings(FUZZ, max_examples=examples)
    @given(st.one_of(valid, mixed, base, ANYTHING, st.builds(lambda t: ("raw", t), raw)))
    def api_body(body: Any) -> None:
        nonlocal sent
        sent += 1
        # NaN and Infinity as Python's json writes and reads them; raw text may not be UTF-8 at all.
        data = body[1].encode("utf-8", "surrogatepass") if isinstance(body, tuple) else json.dumps(body)
        response = http.post("/api/workshops", data=data, content_type="application/json", headers=owner())
        answer = response.get_json(silent=True)
        assert isinstance(answer, dict), (response.status_code, response.get_data()[:200])
        if response.status_code == 201:
            assert set(answer) >= {"code", "facilitator_key", "join_url", "facilitator_url", "screen_url"}
            created.append(answer["code"])
            app.extensions["workshop"].files.close_all()  # keep file handles few
            return
        assert response.status_code == 400, (body, response.status_code, answer)
        error = answer.get("error", {})
        assert error.get("code") in ANSWERABLE and DOCUMENTED[error["code"]] == 400, (body, answer)
        assert isinstance(error.get("message"), str) and error["message"].strip(), answer

    try:
        api_body()
        files = app.extensions["workshop"].files
        for code in files.codes():
            with closing(sqlite3.connect(files.path(code))) as db:
                assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        app.extensions["workshop"].files.close_all()
    print(f"POST /api/workshops: {sent} bodies sent, {len(created)} workshops created")
    assert sent >= examples
