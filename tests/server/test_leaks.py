"""The leaks an adversarial run found, closed, through a real server and real Socket.IO clients:
hidden cards, other groups' people, tallies before they are revealed, invisible texts and
formulas behind invisible characters in the CSV."""

from __future__ import annotations

import csv
import io
import time

import requests

VOTE, REPORT = 3, 4  # in the default agenda


def everything(client, since: int = 0) -> str:
    """All a client received (from its `since`-th event on), as one string to search."""
    return repr(client.received[since:])


def settle() -> None:
    time.sleep(0.2)  # let any stray broadcast arrive before checking who did not get it


def open_room(server, client, **setup):
    made = server.create_workshop(
        title="Leaks", question="What blocks you?", groups=["North", "South"], **setup
    )
    code, key = made["code"], made["facilitator_key"]
    fac = client({"code": code, "key": key}).connect()
    north, south = (g["id"] for g in fac.wait_for("state")["groups"])
    screen = client({"code": code, "key": key, "role": "screen"}).connect()
    screen.wait_for("state")
    return code, key, fac, screen, north, south


def attendee(client, code, name, group, organisation=None):
    phone = client({"code": code}).connect()
    phone.wait_for("state")
    ack = phone.call("join", {"name": name, "organisation": organisation, "group": group})
    assert ack["ok"] is True, ack
    return phone


def post(phone, text, client_id, kind="challenge"):
    ack = phone.call("card:add", {"kind": kind, "text": text, "client_id": client_id})
    assert ack["ok"] is True, ack
    return ack["card"]["id"]


def test_a_hidden_card_is_neither_merged_nor_changed_and_its_text_never_comes_back(server, client):
    code, _, fac, screen, north, _ = open_room(server, client)
    ana = attendee(client, code, "Ana", north)
    ben = attendee(client, code, "Ben", north)
    silos = post(ana, "Data silos", "a-1")
    rude = post(ana, "Rude remark", "a-2")
    assert fac.call("card:hide", {"card_id": rude})["ok"] is True
    ben.wait_for("card:hidden")
    screen.wait_for("card:hidden")
    after_hide = {c: len(c.received) for c in (ana, ben, screen)}

    merged = fac.call("card:merge", {"into": silos, "cards": [rude]})
    assert merged["ok"] is False and merged["error"]["code"] == "card_hidden"
    into_hidden = fac.call("card:merge", {"into": rude, "cards": [silos]})
    assert into_hidden["ok"] is False and into_hidden["error"]["code"] == "card_hidden"
    for event, payload in (
        ("card:edit", {"card_id": rude, "text": "Nicer remark"}),
        ("card:delete", {"card_id": rude}),
    ):
        refused = ana.call(event, payload)
        assert refused["ok"] is False and refused["error"]["code"] == "card_hidden", refused

    settle()
    for phone_or_screen, since in after_hide.items():
        assert "Rude remark" not in everything(phone_or_screen, since)
    exported = requests.get(
        f"{server.url}/w/{code}/export.json",
        headers={"Authorization": f"Bearer {fac.auth['key']}"},
        timeout=5,
    ).json()
    kept = next(c for c in exported["cards"] if c["id"] == rude)
    assert (kept["text"], kept["hidden"]) == ("Rude remark", True)  # evidence kept as it was


def test_phones_and_projector_get_no_tallies_nor_other_groups_people_before_the_reveal(server, client):
    code, _, fac, screen, north, south = open_room(
        server, client, votes_per_person=5, multiple_votes_per_item=True
    )
    # Names on screen, so that what phones must not see of another group is there to leak.
    assert fac.call("settings:set", {"names_on_screen": True})["ok"] is True
    ana = attendee(client, code, "Ana", north, organisation="ACME")
    cai = attendee(client, code, "Cai", south, organisation="Beta")
    first = post(ana, "Data silos", "a-1")
    second = post(ana, "Old tools", "a-2")
    post(cai, "Design debt", "c-1")
    assert fac.call("phase:set", {"index": VOTE})["ok"] is True
    for n, card_id in enumerate([second, second, first]):
        assert ana.call("vote:cast", {"card_id": card_id, "client_id": f"v-{n}"})["ok"] is True

    # In the vote phase, report:show and report:next reach the projector without dots.
    shown = fac.call("report:show", {"group_id": north})
    assert shown["ok"] is True
    assert [i["votes"] for i in shown["report"]["groups"][0]["top"]["challenge"]] == [2, 1]
    report = screen.wait_for("report:changed")["report"]
    assert [(i["text"], i["votes"]) for i in report["groups"][0]["top"]["challenge"]] == [
        ("Data silos", None),
        ("Old tools", None),
    ]
    assert fac.call("report:next", {})["ok"] is True
    stepped = screen.wait_for("report:changed", lambda d: d["report"]["group_id"] == south)["report"]
    assert all(i["votes"] is None for i in stepped["synthesis"]["top"]["challenge"])

    # Report-back, then closing: phones see their part without dots and without strangers.
    ana_from = len(ana.received)
    assert fac.call("phase:set", {"index": REPORT})["ok"] is True
    assert fac.call("report:show", {"synthesis": True})["ok"] is True
    synthesis = ana.wait_for("report:changed")["report"]["synthesis"]["top"]["challenge"]
    assert {i["text"]: (i["author"], i["organisation"], i["votes"]) for i in synthesis} == {
        "Data silos": ("Ana", "ACME", None),
        "Old tools": ("Ana", "ACME", None),
        "Design debt": (None, None, None),
    }
    assert fac.call("workshop:close", {})["ok"] is True
    closed = ana.wait_for("state", lambda s: s["settings"]["closed"])
    assert "tallies" not in closed
    assert all(i["votes"] is None for i in closed["report"]["groups"][0]["top"]["challenge"])
    screen_closed = screen.wait_for("state", lambda s: s["settings"]["closed"])
    assert "tallies" not in screen_closed
    assert all(i["votes"] is None for i in screen_closed["report"]["synthesis"]["top"]["challenge"])
    settle()
    assert "Cai" not in everything(ana, ana_from) and "Beta" not in everything(ana, ana_from)
    assert "Ana" not in everything(cai) and "ACME" not in everything(cai)

    # The dashboard had the dots all along; once revealed, everyone sees them.
    fac_closed = fac.wait_for("state", lambda s: s["settings"]["closed"])
    assert fac_closed["tallies"]["cards"] == {str(second): 2, str(first): 1}
    assert fac.call("votes:reveal", {})["ok"] is True
    assert ana.wait_for("votes:revealed")["tallies"]["cards"][str(second)] == 2
    shown = fac.call("report:show", {"group_id": north})
    revealed = screen.wait_for(
        "report:changed", lambda d: d["report"]["groups"][0]["top"]["challenge"][0]["votes"]
    )
    assert revealed["report"]["groups"][0]["top"]["challenge"][0]["text"] == "Old tools"


def test_invisible_texts_are_empty_and_hidden_formulas_are_neutralised_in_the_csv(server, client):
    code, key, _, _, north, _ = open_room(server, client)
    phone = client({"code": code}).connect()
    phone.wait_for("state")
    refused = phone.call("join", {"name": "\u200b\u3164\ufeff", "group": north})
    assert refused["ok"] is False and refused["error"]["code"] == "name_required"
    joined = phone.call("join", {"name": "\u200b\uff1dAda", "organisation": "\u200b\u2060", "group": north})
    assert joined["ok"] is True and joined["participant"]["organisation"] is None
    empty = phone.call("card:add", {"kind": "challenge", "text": "\u200b \u3164\u2063", "client_id": "e-1"})
    assert empty["ok"] is False and empty["error"]["code"] == "empty_text"
    post(phone, '\u200b=HYPERLINK("http://evil")', "f-1")
    post(phone, "\uff0bcmd", "f-2")

    exported = requests.get(
        f"{server.url}/w/{code}/export.csv", headers={"Authorization": f"Bearer {key}"}, timeout=5
    )
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["text"] for r in rows] == ['\'\u200b=HYPERLINK("http://evil")', "'\uff0bcmd"]
    assert {r["author"] for r in rows} == {"'\u200b\uff1dAda"}
