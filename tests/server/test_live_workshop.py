"""A real server process: a facilitator and attendees in two groups, then a restart."""

from __future__ import annotations

import pytest
import requests
import socketio

from tests.live_server import OWNER_KEY


def test_whole_foundation_flow_survives_a_restart(server, client):
    made = server.create_workshop(title="Live", question="What blocks you?", groups=["North", "South"])
    code, key = made["code"], made["facilitator_key"]

    fac = client({"code": code, "key": key}).connect()
    state = fac.wait_for("state")
    north, south = (g["id"] for g in state["groups"])

    ana = client({"code": code}).connect()
    ana.wait_for("state")
    joined = ana.call("join", {"name": "Ana", "organisation": "Design unit", "group": north})
    assert joined["ok"] is True
    token = joined["token"]
    ben = client({"code": code}).connect()
    assert ben.call("join", {"name": "Ben", "group": north})["ok"]
    cai = client({"code": code}).connect()
    assert cai.call("join", {"name": "Cai", "group": south})["ok"]

    ack = ana.call("card:add", {"kind": "challenge", "text": "Legacy IT", "client_id": "ana-1"})
    assert ack["ok"] is True
    card_id = ack["card"]["id"]
    assert ben.wait_for("card:added")["card"]["text"] == "Legacy IT"
    assert fac.wait_for("card:added")["card"]["id"] == card_id
    assert cai.call("card:add", {"kind": "opportunity", "text": "Open data", "client_id": "cai-1"})["ok"]
    fac.wait_for("card:added", lambda d: d["card"]["text"] == "Open data")
    # A broadcast to everyone, sent after both cards: each connection's events arrive in
    # order, so once it is in, any card that strayed into the other group would be too.
    assert fac.call("timer:start", {"seconds": 60})["ok"] is True
    for attendee in (ben, cai):
        attendee.wait_for("timer:changed")
    assert [d["card"]["text"] for e, d in ben.received if e == "card:added"] == ["Legacy IT"]
    assert [d["card"]["text"] for e, d in cai.received if e == "card:added"] == ["Open data"]

    for c in (fac, ana, ben, cai):
        c.close()
    server.restart()

    back = client({"code": code, "token": token}).connect()
    state = back.wait_for("state")
    assert state["me"]["name"] == "Ana" and state["me"]["group_id"] == north
    assert [c["text"] for c in state["cards"]] == ["Legacy IT"]
    fac = client({"code": code, "key": key}).connect()
    fstate = fac.wait_for("state")
    assert sorted(c["text"] for c in fstate["cards"]) == ["Legacy IT", "Open data"]
    assert sorted(p["name"] for p in fstate["participants"]) == ["Ana", "Ben", "Cai"]
    # The resent card after the restart is recognised, not doubled.
    again = back.call("card:add", {"kind": "challenge", "text": "Legacy IT", "client_id": "ana-1"})
    assert again["card"]["id"] == card_id
    export = requests.get(
        f"{server.url}/w/{code}/export.json", headers={"Authorization": f"Bearer {key}"}, timeout=5
    )
    assert len(export.json()["cards"]) == 2


def test_refused_connections_carry_a_code(server, client):
    made = server.create_workshop(title="T", question="Q", groups=2)
    for auth, code in [
        ({"code": "ZZZZZZ"}, "unknown_workshop"),
        ({"code": made["code"], "key": "wrong"}, "bad_key"),
        ({"code": made["code"], "token": "forged"}, "bad_token"),
    ]:
        refused = client(auth)
        with pytest.raises(socketio.exceptions.ConnectionError):
            refused.connect()
        assert refused.connect_error["data"]["code"] == code


def test_server_prints_the_lan_url_and_owner_link(server):
    log = server.log()
    assert "Phones on this network open:" in log
    assert f"?key={OWNER_KEY}" in log
    assert "Eventlet is deprecated" not in log


def test_bad_payload_does_not_disturb_anyone_else(server, client):
    made = server.create_workshop(title="T", question="Q", groups=1)
    rude = client({"code": made["code"]}).connect()
    polite = client({"code": made["code"]}).connect()
    assert polite.call("join", {"name": "Polite"})["ok"]
    for payload in (None, "text", 12, [1, 2], {"name": {"nested": True}}, {"name": "x" * 10_000}):
        assert rude.call("join", payload)["ok"] is False
    ack = polite.call("card:add", {"kind": "challenge", "text": "Still here", "client_id": "p1"})
    assert ack["ok"] is True
