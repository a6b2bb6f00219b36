"""Who may do what: every Socket.IO event and every HTTP route, tried as every role.

The tables below are the decision, one row per event or route, one cell per role. A new event
or route fails `test_the_tables_decide_every_event_and_route` until someone writes down who may
use it. Each cell runs on a fresh workshop (docs/security.md, "Who may do what"):

- Workshop A has two groups, Finance and Design. In Finance, `author` wrote the target card
  and `same_group` wrote a second card; `other_group` sits in Design; a third Finance member
  was removed by the facilitator. Finance has one theme.
- Workshop B, same shape, holds the `other_workshop` attendee and no cards or themes, so ids
  of A's items name nothing there.
- `outsider` is a connection that has not joined (Socket.IO) or a request without any
  credential (HTTP). Over HTTP, attendees present their token as a Bearer key (a token is
  not a key), and `screen` is the projector laptop's browser: the cookie the screen page set.

A refused cell also checks that workshop A's file did not change at all.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.factories import OWNER_KEY, card_payload, setup_payload
from tests.web import refusals
from tests.web.conftest import Phone
from tests.web.refusals import DOCUMENTED
from workshop.domain import permissions
from workshop.domain.permissions import ATTENDEE, FACILITATOR, SCREEN
from workshop.service import catalogue

ROLES = (
    "outsider",
    "author",
    "same_group",
    "other_group",
    "other_workshop",
    "removed",
    "facilitator",
    "owner",
    "screen",
)
OK = "allowed"
OWN = "allowed, in its own workshop only"  # answered ok; workshop A is untouched
KEY_FORM = "key form"  # an HTML page answering 401 with the facilitator key form


def roles(**cells: str) -> dict[str, str]:
    assert set(cells) == set(ROLES), sorted(set(ROLES) ^ set(cells))
    return cells


# --- Socket.IO: derived from the catalogue (workshop/service/catalogue.py)

# Each test role as the connection presents itself to the server.
PRESENTS_AS = {"facilitator": FACILITATOR, "owner": FACILITATOR, "screen": SCREEN}


def from_the_catalogue(permission: permissions.Permission) -> dict[str, str]:
    """The cells that follow from an event's permission alone: who may send it at all."""
    cells = {}
    for role in ROLES:
        presents_as = PRESENTS_AS.get(role, ATTENDEE)
        if role == "removed":
            # A removed attendee's connections are closed; reconnecting with its token is
            # refused `removed`, so every event answers that for them.
            cells[role] = "removed"
        elif presents_as not in permission.roles:
            cells[role] = "not_allowed"
        elif role == "outsider":  # connected, not joined
            cells[role] = "not_joined" if permission.joined is permissions.MUST_HAVE_JOINED else OK
        elif presents_as == ATTENDEE:
            cells[role] = "already_joined" if permission.joined is permissions.MUST_NOT_HAVE_JOINED else OK
        else:
            cells[role] = OK
    return cells


# Where what the event touches decides, beyond who sends it: whose card, which group, which
# workshop. These refine cells the permission allows, never the others.
BY_WHAT_IT_TOUCHES: dict[str, dict[str, str]] = {
    "card:add": {"other_workshop": OWN},
    "card:edit": {"same_group": "not_allowed", "other_group": "not_allowed", "other_workshop": "not_found"},
    "card:delete": {"same_group": "not_allowed", "other_group": "not_allowed", "other_workshop": "not_found"},
    "vote:cast": {"other_group": "not_your_group", "other_workshop": "not_found"},
    # author and same_group hold a dot on the target card
    "vote:retract": {"other_group": "not_found", "other_workshop": "not_found"},
}

SOCKET_TABLE: dict[str, dict[str, str]] = {
    event.name: roles(**{**from_the_catalogue(event.permission), **BY_WHAT_IT_TOUCHES.get(event.name, {})})
    for event in catalogue.EVENTS
}


# Allowed in a closed workshop, but not with what the matrix sends: a closed workshop's
# settings stay as they were, but for the retention (domain/settings.py).
CLOSED_BY_WHAT_IT_CHANGES = {"settings:set": "wrong_phase"}


def when_closed(name: str, role: str) -> str:
    """The cell in a closed workshop: who may send it is decided first, then whether a closed
    workshop allows it, then what it touches."""
    event = catalogue.BY_NAME[name]
    if from_the_catalogue(event.permission)[role] != OK:
        return SOCKET_TABLE[name][role]
    if not event.permission.when_closed:
        return "wrong_phase"
    return CLOSED_BY_WHAT_IT_CHANGES.get(name, SOCKET_TABLE[name][role])


TOKENS = {r: "bad_key" for r in ("author", "same_group", "other_group", "other_workshop", "removed")}
ANYONE = roles(**{role: OK for role in ROLES})
FACILITATOR_PAGE = roles(
    **{role: KEY_FORM for role in ROLES if role not in ("facilitator", "owner", "screen")},
    facilitator=OK,
    owner=OK,
    screen=OK,
)
DOWNLOAD = roles(outsider="missing_key", **TOKENS, facilitator=OK, owner=OK, screen=OK)
OWNER_API = roles(outsider="missing_key", **TOKENS, facilitator="bad_key", owner=OK, screen="missing_key")
# A facilitator key (or its cookie) opens a workshop but does not dispose of it.
OWNER_DELETES = roles(
    outsider="missing_key", **TOKENS, facilitator="not_allowed", owner=OK, screen="not_allowed"
)

HTTP_TABLE: dict[str, dict[str, str]] = {
    "GET /": ANYONE,
    "GET /j": ANYONE,
    "GET /j/<code>": ANYONE,
    "GET /w/<code>/qr.svg": ANYONE,
    "GET /healthz": ANYONE,
    "GET /socket.io/": ANYONE,  # the Engine.IO handshake: who may connect is decided on `connect`
    "GET /w/<code>/facilitate": FACILITATOR_PAGE,
    "GET /w/<code>/screen": FACILITATOR_PAGE,
    "GET /w/<code>/report": FACILITATOR_PAGE,
    "POST /workshops": roles(**{role: KEY_FORM for role in ROLES if role != "owner"}, owner=OK),
    "POST /w/<code>/template": roles(**{role: KEY_FORM for role in ROLES if role != "owner"}, owner=OK),
    "GET /w/<code>/export.json": DOWNLOAD,
    "GET /w/<code>/export.csv": DOWNLOAD,
    "GET /w/<code>/report.md": DOWNLOAD,
    "GET /w/<code>/export.anon.json": DOWNLOAD,
    "GET /w/<code>/export.anon.csv": DOWNLOAD,
    "GET /w/<code>/delete": OWNER_DELETES,
    "POST /w/<code>/delete": OWNER_DELETES,
    "POST /api/workshops": OWNER_API,
    "GET /api/workshops": OWNER_API,
    "POST /api/notices": OWNER_API,
    "GET /series": roles(**{role: KEY_FORM for role in ROLES if role != "owner"}, owner=OK),
    "GET /series.csv": OWNER_API,
    "GET /series.json": OWNER_API,
    "GET /series.md": OWNER_API,
}


# --- the world each cell runs in


@dataclass
class World:
    app: Any
    socketio: Any
    connect: Any
    http: Any
    created: Any
    a: dict[str, Any] = field(default_factory=dict)  # the 201 body of workshop A
    groups: dict[str, int] = field(default_factory=dict)
    fac: Phone | None = None
    fac_b: Phone | None = None  # workshop B's facilitator, once B is made
    phones: dict[str, Phone] = field(default_factory=dict)  # attendees by role
    removed: Phone | None = None  # the removed attendee's old connection
    card: int = 0  # the target card, by author, in Finance
    second_card: int = 0  # by same_group, in Finance
    theme: int = 0  # in Finance

    def build(self) -> World:
        self.a = self.created()
        self.fac = Phone(self.connect({"code": self.a["code"], "key": self.a["facilitator_key"]}))
        self.groups = {g["name"]: g["id"] for g in self.fac.events()[0][1]["groups"]}
        finance, design = self.groups["Finance"], self.groups["Design"]
        self.phones = {
            "author": self.join(self.a["code"], finance, "Author"),
            "same_group": self.join(self.a["code"], finance, "Sam"),
            "other_group": self.join(self.a["code"], design, "Olga"),
        }
        self.removed = self.join(self.a["code"], finance, "Gone")
        self.card = ok(self.phones["author"].emit("card:add", card_payload(text="Target")))["card"]["id"]
        self.second_card = ok(self.phones["same_group"].emit("card:add", card_payload()))["card"]["id"]
        ok(self.phones["other_group"].emit("card:add", card_payload(text="In Design")))
        self.theme = ok(self.fac.emit("theme:create", {"group_id": finance, "name": "Silos"}))["theme"]["id"]
        ok(self.fac.emit("participant:remove", {"participant_id": self.removed.participant["id"]}))
        return self

    def make_workshop_b(self) -> None:
        """Workshop B and its attendee, made only for the cells that need them (speed)."""
        b = self.created(title="Another workshop")
        self.fac_b = Phone(self.connect({"code": b["code"], "key": b["facilitator_key"]}))
        groups_b = {g["name"]: g["id"] for g in self.fac_b.events()[0][1]["groups"]}
        self.phones["other_workshop"] = self.join(b["code"], groups_b["Finance"], "Bea")

    def join(self, code: str, group: int, name: str) -> Phone:
        phone = Phone(self.connect({"code": code}))
        body = ok(phone.emit("join", {"name": name, "group": group}))
        phone.token, phone.participant = body["token"], body["participant"]
        return phone

    def token(self, role: str) -> str:
        return (self.removed if role == "removed" else self.phones[role]).token

    @property
    def path(self) -> Path:
        return self.app.extensions["workshop"].files.path(self.a["code"])

    def codes(self) -> list[str]:
        return self.app.extensions["workshop"].files.codes()


def ok(ack: dict[str, Any]) -> dict[str, Any]:
    assert isinstance(ack, dict) and ack["ok"] is True, ack
    return ack


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of a workshop file, read through a connection of its own."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


def refusal_code(app: Any, socketio: Any, auth: Any) -> str | None:
    """The `connect_error` code for `auth`, or None if it connected."""
    return refusals.refusal_code(app, socketio, auth)


@pytest.fixture
def world(app_and_socketio, connect, created, http) -> World:
    app, socketio = app_and_socketio
    return World(app, socketio, connect, http, created).build()


# --- what each event needs first, and its payload

VOTE_PHASE = 3  # the default agenda: Join, Brainstorm, Cluster, Vote, Report back


def prepare(w: World, event: str) -> None:
    """Put workshop A (and B, where it matters) where the event makes sense."""
    if event.startswith("vote:"):
        for fac in (w.fac, w.fac_b):
            if fac is not None:
                ok(fac.emit("phase:set", {"index": VOTE_PHASE}))
    if event == "vote:retract":
        for role in ("author", "same_group"):
            ok(w.phones[role].emit("vote:cast", {"card_id": w.card, "client_id": f"v-{role}"}))
    if event == "card:unhide":
        ok(w.fac.emit("card:hide", {"card_id": w.card}))
    if event == "workshop:reopen":
        ok(w.fac.emit("workshop:close", {}))
    if event in ("timer:pause", "timer:resume"):
        ok(w.fac.emit("timer:start", {"seconds": 120}))
    if event == "timer:resume":
        ok(w.fac.emit("timer:pause", {}))
    if event == "votes:hide":
        ok(w.fac.emit("votes:reveal", {}))


def payload(w: World, event: str) -> dict[str, Any]:
    finance, design = w.groups["Finance"], w.groups["Design"]
    author = w.phones["author"].participant["id"]
    return {
        "join": {"name": "Newcomer", "group": finance},
        "card:add": card_payload(text="A new card"),
        "card:edit": {"card_id": w.card, "text": "Edited"},
        "card:delete": {"card_id": w.card},
        "vote:cast": {"card_id": w.card, "client_id": "v-new"},
        "vote:retract": {"card_id": w.card},
        "card:hide": {"card_id": w.card},
        "card:unhide": {"card_id": w.card},
        "card:correct": {"card_id": w.card, "text": "Corrected"},
        "card:move": {"card_id": w.card, "group_id": design},
        "card:theme": {"card_id": w.card, "theme_id": w.theme},
        "card:merge": {"into": w.card, "cards": [w.second_card]},
        "cards:reveal": {},
        "participant:move": {"participant_id": author, "group_id": design},
        "participant:remove": {"participant_id": author},
        "participants:remove": {"participant_ids": [author]},
        "participant:readmit": {"participant_id": w.removed.participant["id"]},
        "group:add": {"name": "Operations"},
        "group:rename": {"group_id": finance, "name": "Money"},
        "group:lock": {"group_id": finance, "locked": True},
        "group:limit": {"group_id": finance, "size_limit": 10},
        "groups:shuffle": {"strategy": "balanced"},
        "phase:set": {"index": 1},
        "agenda:set": {"agenda": [{"kind": "join"}, {"kind": "brainstorm", "minutes": 5}]},
        "workshop:edit": {"title": "Launch, day 2", "kinds": [{"id": "challenge", "label": "Hurdle"}]},
        "timer:start": {"seconds": 60},
        "timer:pause": {},
        "timer:resume": {},
        "timer:add": {"seconds": 30},
        "timer:reset": {},
        "settings:set": {"votes_per_person": 5},
        "theme:create": {"group_id": finance, "name": "Budget"},
        "theme:rename": {"theme_id": w.theme, "name": "Data silos"},
        "theme:delete": {"theme_id": w.theme},
        "theme:suggest": {"group_id": finance},
        "theme:decline": {"group_id": finance, "card_ids": [w.card, w.second_card]},
        "synthesis:suggest": {},
        "synthesis:merge": {"items": [f"card:{w.second_card}", f"theme:{w.theme}"], "name": "Silos"},
        "synthesis:decline": {"items": [f"card:{w.second_card}", f"theme:{w.theme}"]},
        "votes:reveal": {},
        "votes:hide": {},
        "report:show": {"group_id": finance},
        "report:next": {},
        "report:prev": {},
        "spotlight:show": {"card_id": w.card},
        "spotlight:clear": {},
        "workshop:close": {},
        "workshop:reopen": {},
    }[event]


def acting_phone(w: World, role: str) -> Phone:
    code, key = w.a["code"], w.a["facilitator_key"]
    if role == "outsider":
        return Phone(w.connect({"code": code}))
    if role == "facilitator":
        return w.fac
    if role == "owner":
        return Phone(w.connect({"code": code, "key": OWNER_KEY}))
    if role == "screen":
        return Phone(w.connect({"code": code, "role": "screen", "key": key}))
    return w.phones[role]


def socket_answer(w: World, event: str, role: str) -> Any:
    """The ack, or for the removed attendee the refusal of its reconnection."""
    if role == "removed":
        assert not w.removed.client.is_connected(), "the removed person's old connection is still open"
        assert "removed" in [m["name"] for m in w.removed.client.queue], "it was not told before closing"
        return {"refused": refusal_code(w.app, w.socketio, {"code": w.a["code"], "token": w.token(role)})}
    return acting_phone(w, role).emit(event, payload(w, event))


# --- HTTP


def http_request(w: World, route: str) -> tuple[str, str, dict[str, Any]]:
    code = w.a["code"]
    every = "&".join(f"w={c}" for c in w.codes())  # a series: A and B
    form = {"title": "From the form", "question": "Why?", "groups": "Finance\nDesign"}
    return {
        "GET /": ("GET", "/", {}),
        "GET /j": ("GET", f"/j?code={code}", {}),
        "GET /j/<code>": ("GET", f"/j/{code}", {}),
        "GET /w/<code>/qr.svg": ("GET", f"/w/{code}/qr.svg", {}),
        "GET /healthz": ("GET", "/healthz", {}),
        "GET /socket.io/": ("GET", "/socket.io/?EIO=4&transport=polling", {}),
        "GET /w/<code>/facilitate": ("GET", f"/w/{code}/facilitate", {}),
        "GET /w/<code>/screen": ("GET", f"/w/{code}/screen", {}),
        "GET /w/<code>/report": ("GET", f"/w/{code}/report", {}),
        "POST /workshops": ("POST", "/workshops", {"data": form}),
        "POST /w/<code>/template": ("POST", f"/w/{code}/template", {}),
        "GET /w/<code>/export.json": ("GET", f"/w/{code}/export.json", {}),
        "GET /w/<code>/export.csv": ("GET", f"/w/{code}/export.csv", {}),
        "GET /w/<code>/report.md": ("GET", f"/w/{code}/report.md", {}),
        "GET /w/<code>/export.anon.json": ("GET", f"/w/{code}/export.anon.json", {}),
        "GET /w/<code>/export.anon.csv": ("GET", f"/w/{code}/export.anon.csv", {}),
        "GET /w/<code>/delete": ("GET", f"/w/{code}/delete", {}),
        "POST /w/<code>/delete": ("POST", f"/w/{code}/delete", {"data": {"confirm": code}}),
        "POST /api/workshops": ("POST", "/api/workshops", {"json": setup_payload(title="From the API")}),
        "GET /api/workshops": ("GET", "/api/workshops", {}),
        "POST /api/notices": ("POST", "/api/notices", {"json": {"text": "Plenary at three"}}),
        "GET /series": ("GET", f"/series?{every}", {}),
        "GET /series.csv": ("GET", f"/series.csv?{every}", {}),
        "GET /series.json": ("GET", f"/series.json?{every}", {}),
        "GET /series.md": ("GET", f"/series.md?{every}", {}),
    }[route]


def http_client_for(w: World, role: str) -> tuple[Any, dict[str, str]]:
    """A browser or script acting as `role`, and the headers it sends."""
    if role == "outsider":
        return w.http, {}
    if role == "facilitator":
        return w.http, {"Authorization": f"Bearer {w.a['facilitator_key']}"}
    if role == "owner":
        return w.http, {"Authorization": f"Bearer {OWNER_KEY}"}
    if role == "screen":
        projector = w.app.test_client()
        opened = projector.get(f"/w/{w.a['code']}/screen?key={w.a['facilitator_key']}")
        assert opened.status_code == 302
        return projector, {}
    return w.http, {"Authorization": f"Bearer {w.token(role)}"}


def http_answer(w: World, route: str, role: str) -> Any:
    method, path, body = http_request(w, route)
    client, headers = http_client_for(w, role)
    return client.open(path, method=method, headers=headers, **body)


def check_http(response: Any, expected: str, cell: str) -> None:
    status = response.status_code
    if expected == OK:
        assert status < 400, f"{cell}: expected allowed, got {status} {response.get_data(as_text=True)[:200]}"
    elif expected == KEY_FORM:
        assert status == 401, f"{cell}: expected the key form (401), got {status}"
        assert 'id="key-form"' in response.get_data(as_text=True), f"{cell}: 401 without the key form"
    else:
        body = response.get_json(silent=True) or {}
        got = (status, body.get("error", {}).get("code"))
        assert got == (DOCUMENTED[expected], expected), f"{cell}: expected {expected}, got {got}"


# --- the tests


def cells() -> list[Any]:
    found = [
        pytest.param("socket", name, role, id=f"{name}-{role}")
        for name, row in SOCKET_TABLE.items()
        for role in ROLES
    ]
    found += [
        pytest.param("closed", name, role, id=f"closed-{name}-{role}")
        for name, row in SOCKET_TABLE.items()
        for role in ROLES
    ]
    found += [
        pytest.param("http", name, role, id=f"{name}-{role}")
        for name, row in HTTP_TABLE.items()
        for role in ROLES
    ]
    return found


@pytest.mark.parametrize("surface, name, role", cells())
def test_each_role_gets_exactly_what_the_table_says(world, surface, name, role):
    if surface == "closed":
        expected = when_closed(name, role)
    else:
        expected = (SOCKET_TABLE if surface == "socket" else HTTP_TABLE)[name][role]
    cell = f"{name} as {role}" + (" (closed)" if surface == "closed" else "")
    if role == "other_workshop" or name.startswith("GET /series"):
        world.make_workshop_b()  # a series needs two workshops
    if surface in ("socket", "closed"):
        prepare(world, name)
    if surface == "closed":
        for fac in (world.fac, world.fac_b):
            if fac is not None:
                ok(fac.emit("workshop:close", {}))  # closing a closed workshop changes nothing
    before, codes_before = snapshot(world.path), world.codes()

    if surface == "http":
        check_http(http_answer(world, name, role), expected, cell)
    elif role == "removed":
        answer = socket_answer(world, name, role)
        assert answer == {"refused": expected}, f"{cell}: {answer}"
    else:
        ack = socket_answer(world, name, role)
        assert isinstance(ack, dict), f"{cell}: no acknowledgement"
        if expected in (OK, OWN):
            assert ack["ok"] is True, f"{cell}: expected allowed, got {ack}"
        else:
            assert (ack["ok"], ack.get("error", {}).get("code")) == (False, expected), f"{cell}: {ack}"

    if expected not in (OK,):
        assert snapshot(world.path) == before, f"{cell}: refused, yet workshop A's file changed"
        assert world.codes() == codes_before, f"{cell}: refused, yet a workshop was created"


def test_the_tables_decide_every_event_and_route(app_and_socketio):
    app, socketio = app_and_socketio
    events = set(socketio.server.handlers["/"]) - {"connect", "disconnect"}
    routes = {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert sorted(events ^ set(SOCKET_TABLE)) == [], "decide who may use each new event (or drop the row)"
    assert sorted(routes ^ set(HTTP_TABLE)) == [], "decide who may use each new route (or drop the row)"
    for row in [*SOCKET_TABLE.values(), *HTTP_TABLE.values()]:
        assert tuple(row) == ROLES or set(row) == set(ROLES)
    used = {v for row in [*SOCKET_TABLE.values(), *HTTP_TABLE.values()] for v in row.values()}
    assert sorted(used - set(DOCUMENTED) - {OK, OWN, KEY_FORM}) == [], "every expected code is documented"


def test_what_an_event_touches_only_refines_what_its_permission_allows():
    for name, refined in BY_WHAT_IT_TOUCHES.items():
        allowed = from_the_catalogue(catalogue.BY_NAME[name].permission)
        assert {role: allowed[role] for role in refined} == dict.fromkeys(refined, OK), name


def test_every_event_says_whether_a_closed_workshop_allows_it():
    """Reading, revealing and reporting go on after closing; changing anything does not."""
    allowed_closed = {e.name for e in catalogue.EVENTS if e.permission.when_closed}
    assert allowed_closed == {
        "settings:set",  # the retention only (domain/settings.py)
        "cards:reveal",
        "votes:reveal",
        "votes:hide",
        "report:show",
        "report:next",
        "report:prev",
        "spotlight:show",  # a card or theme put full screen during the report
        "spotlight:clear",
        "theme:suggest",
        "synthesis:suggest",  # merging alike lines of the synthesis is part of reporting
        "synthesis:merge",
        "synthesis:decline",
        "workshop:close",
        "workshop:reopen",
    }
