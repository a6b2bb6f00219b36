"""A closed workshop, through real Socket.IO clients: every facilitator event is tried, and it
answers as the catalogue says (reading, revealing, reporting and reopening go on; changing
anything answers `wrong_phase` and leaves the file as it was)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.factories import card_payload
from workshop.service import catalogue

pytestmark = [pytest.mark.server]


def payloads(ids: dict[str, int]) -> dict[str, Any]:
    """A payload for every facilitator event that would be accepted in an open workshop."""
    card, other, theme, person, gone = ids["card"], ids["other"], ids["theme"], ids["person"], ids["gone"]
    north, south = ids["north"], ids["south"]
    return {
        "card:hide": {"card_id": card},
        "card:unhide": {"card_id": ids["hidden"]},
        "card:correct": {"card_id": card, "text": "Corrected"},
        "card:move": {"card_id": card, "group_id": south},
        "participant:move": {"participant_id": person, "group_id": south},
        "participant:remove": {"participant_id": person},
        "participants:remove": {"participant_ids": [person]},
        "participant:readmit": {"participant_id": gone},
        "group:add": {"name": "East"},
        "group:rename": {"group_id": north, "name": "Northern"},
        "group:lock": {"group_id": north, "locked": True},
        "group:limit": {"group_id": north, "size_limit": 3},
        "groups:shuffle": {"strategy": "balanced"},
        "phase:set": {"index": 1},
        "agenda:set": {"agenda": [{"kind": "join", "name": "Join"}, {"kind": "brainstorm", "name": "Ideas"}]},
        "timer:start": {"seconds": 60},
        "timer:pause": {},
        "timer:resume": {},
        "timer:add": {"seconds": 60},
        "timer:reset": {},
        "settings:set": {"retention": 30},  # the one setting a closed workshop lets change
        "cards:reveal": {},
        "workshop:close": {},
        "workshop:reopen": {},
        "report:show": {"synthesis": True},
        "report:next": {},
        "report:prev": {},
        "spotlight:show": {"card_id": card},
        "spotlight:clear": {},
        "workshop:edit": {"title": "Renamed workshop"},
        "theme:create": {"group_id": north, "name": "New theme"},
        "theme:rename": {"theme_id": theme, "name": "Renamed"},
        "theme:delete": {"theme_id": theme},
        "theme:suggest": {"group_id": north},
        "theme:decline": {"group_id": north, "card_ids": [card, other]},
        "synthesis:suggest": {},
        "synthesis:merge": {"items": [f"card:{card}", f"theme:{theme}"], "name": "Merged"},
        "synthesis:decline": {"items": [f"card:{card}", f"theme:{theme}"]},
        "card:theme": {"card_id": card, "theme_id": theme},
        "card:merge": {"into": card, "cards": [other]},
        "votes:reveal": {},
        "votes:hide": {},
    }


def fingerprint(path: Path) -> str:
    """The database and its write-ahead log: a write lands in the log first."""
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


STEWARD_EVENTS = [e for e in catalogue.EVENTS if "facilitator" in e.permission.roles]


def test_the_payloads_cover_every_facilitator_event():
    names = ["card", "other", "theme", "person", "gone", "north", "south", "hidden"]
    assert sorted(payloads(dict.fromkeys(names, 1))) == sorted(e.name for e in STEWARD_EVENTS)


@pytest.mark.parametrize("event", STEWARD_EVENTS, ids=[e.name for e in STEWARD_EVENTS])
def test_a_closed_workshop_answers_each_facilitator_event_as_the_catalogue_says(server, client, event):
    made = server.create_workshop(title="Closed", question="Q", groups=["North", "South"])
    code = made["code"]
    fac = client({"code": code, "key": made["facilitator_key"]}).connect()
    north, south = (g["id"] for g in fac.wait_for("state")["groups"])
    ana = client({"code": code}).connect()
    person = ana.call("join", {"name": "Ana", "group": north})["participant"]["id"]
    gone_phone = client({"code": code}).connect()
    gone = gone_phone.call("join", {"name": "Gone", "group": north})["participant"]["id"]
    assert fac.call("phase:set", {"index": 1})["ok"]
    card = ana.call("card:add", card_payload(text="Silos"))["card"]["id"]
    other = ana.call("card:add", card_payload(text="More silos"))["card"]["id"]
    hidden = ana.call("card:add", card_payload(text="Off topic"))["card"]["id"]
    assert fac.call("card:hide", {"card_id": hidden})["ok"]
    theme = fac.call("theme:create", {"group_id": north, "name": "Silos"})["theme"]["id"]
    assert fac.call("participant:remove", {"participant_id": gone})["ok"]
    if event.name in ("timer:pause", "timer:resume"):
        assert fac.call("timer:start", {"seconds": 120})["ok"]
    if event.name == "timer:resume":
        assert fac.call("timer:pause", {})["ok"]
    if event.name == "votes:hide":
        assert fac.call("votes:reveal", {})["ok"]
    assert fac.call("workshop:close", {})["ok"]
    path = Path(server.data_dir) / f"{code}.db"
    before = fingerprint(path)

    ids = {"card": card, "other": other, "theme": theme, "person": person, "gone": gone}
    ids |= {"north": north, "south": south, "hidden": hidden}
    ack = fac.call(event.name, payloads(ids)[event.name])

    if event.permission.when_closed:
        assert ack["ok"] is True, (event.name, ack)
    else:
        assert ack["ok"] is False and ack["error"]["code"] == "wrong_phase", (event.name, ack)
        assert fingerprint(path) == before, f"{event.name} was refused, yet the file changed"
