"""A whole workshop on a real server: brainstorm, cluster, vote (with a restart), report, close."""

from __future__ import annotations

import requests


def test_a_whole_workshop_with_a_restart_in_the_vote_phase(server, client):
    made = server.create_workshop(
        title="Launch", question="What holds you back?", groups=["North", "South"], votes_per_person=2
    )
    code, key = made["code"], made["facilitator_key"]
    fac = client({"code": code, "key": key}).connect()
    state = fac.wait_for("state")
    assert [p["kind"] for p in state["agenda"]] == ["join", "brainstorm", "cluster", "vote", "report"]
    north, south = (g["id"] for g in state["groups"])

    phones = {}
    for name, group, org in [("Ana", north, "Bank"), ("Ben", north, "Agency"), ("Cai", south, "Ministry")]:
        phone = client({"code": code}).connect()
        joined = phone.call("join", {"name": name, "group": group, "organisation": org})
        assert joined["ok"], joined
        phone.token = joined["token"]
        phones[name] = phone

    # Brainstorm, with a timer every screen shares.
    assert fac.call("phase:set", {"index": 1})["phase"]["kind"] == "brainstorm"
    assert phones["Cai"].wait_for("phase:changed")["phase"]["kind"] == "brainstorm"
    timer = fac.call("timer:start", {"seconds": 600})["timer"]
    assert timer["running"] and 599 <= timer["remaining"] <= 600
    assert phones["Ana"].wait_for("timer:changed")["timer"]["ends_at"] == timer["ends_at"]
    texts = {
        "Ana": ["Data silos between agencies", "Rigid procurement rules"],
        "Ben": ["Agencies keep data in silos"],
    }
    card_ids = {}
    for name, items in texts.items():
        for i, text in enumerate(items):
            ack = phones[name].call(
                "card:add", {"kind": "challenge", "text": text, "client_id": f"{name}-{i}"}
            )
            assert ack["ok"], ack
            card_ids[text] = ack["card"]["id"]
    cai = phones["Cai"].call("card:add", {"kind": "opportunity", "text": "Open data", "client_id": "cai-0"})

    # Cluster: the suggestion groups the two silo cards; the facilitator accepts it as a theme.
    assert fac.call("phase:set", {"index": 2})["ok"]
    suggestions = fac.call("theme:suggest", {"group_id": north})["suggestions"]
    silo_ids = sorted([card_ids["Data silos between agencies"], card_ids["Agencies keep data in silos"]])
    assert suggestions[0]["card_ids"] == silo_ids
    theme = fac.call("theme:create", {"group_id": north, "name": "Data silos"})["theme"]
    for card_id in silo_ids:
        assert fac.call("card:theme", {"card_id": card_id, "theme_id": theme["id"]})["ok"]
    assert phones["Ben"].wait_for("theme:created")["theme"]["name"] == "Data silos"

    # Vote: posting is closed, dots are counted, tallies stay hidden from phones.
    vote_phase = fac.call("phase:set", {"index": 3})
    assert vote_phase["timer"] == {**vote_phase["timer"], "running": False, "remaining": 300}  # 5 minutes
    timer = fac.call("timer:start", {"seconds": 300})["timer"]
    late = phones["Ana"].call("card:add", {"kind": "challenge", "text": "Too late", "client_id": "late"})
    assert late["error"]["code"] == "wrong_phase"
    first = phones["Ana"].call(
        "vote:cast", {"card_id": card_ids["Rigid procurement rules"], "client_id": "v1"}
    )
    assert first["votes_left"] == 1
    wrong_group = phones["Ana"].call("vote:cast", {"card_id": cai["card"]["id"], "client_id": "v2"})
    assert wrong_group["error"]["code"] == "not_your_group"
    assert fac.wait_for("votes:changed")["tallies"]["cards"] == {str(card_ids["Rigid procurement rules"]): 1}
    assert "votes:changed" not in phones["Ben"].names()

    for phone in [fac, *phones.values()]:
        phone.close()
    server.restart()  # in the middle of the vote phase

    fac = client({"code": code, "key": key}).connect()
    state = fac.wait_for("state")
    assert state["phase"]["kind"] == "vote"
    assert state["timer"]["running"] and state["timer"]["ends_at"] == timer["ends_at"]
    assert state["tallies"]["cards"] == {str(card_ids["Rigid procurement rules"]): 1}
    assert [t["name"] for t in state["themes"]] == ["Data silos"]
    ana = client({"code": code, "token": phones["Ana"].token}).connect()
    ana_state = ana.wait_for("state")
    assert ana_state["votes_left"] == 1 and "tallies" not in ana_state
    # The vote resent after the restart is recognised; the last dot goes on the theme.
    again = ana.call("vote:cast", {"card_id": card_ids["Rigid procurement rules"], "client_id": "v1"})
    assert again["votes_left"] == 1
    assert ana.call("vote:cast", {"theme_id": theme["id"], "client_id": "v3"})["votes_left"] == 0
    spent = ana.call("vote:cast", {"card_id": silo_ids[0], "client_id": "v4"})
    assert spent["error"]["code"] == "no_votes_left"

    # Reveal, then report-back walks the groups and ends on the synthesis.
    revealed = fac.call("votes:reveal", {})
    assert revealed["settings"]["votes_revealed"] is True
    assert ana.wait_for("votes:revealed")["tallies"]["themes"] == {str(theme["id"]): 1}
    assert fac.call("phase:set", {"index": 4})["phase"]["kind"] == "report"
    report = fac.call("report:show", {"group_id": north})["report"]
    north_part = next(g for g in report["groups"] if g["group_id"] == north)
    assert north_part["top"]["challenge"][0]["text"] == "Rigid procurement rules"
    assert north_part["themes"][0] == {"id": theme["id"], "name": "Data silos", "votes": 1, "cards": 2}
    assert fac.call("report:next", {})["report"]["group_id"] == south
    assert fac.call("report:next", {})["report"]["view"] == "synthesis"

    # Close: everyone gets the summary; nothing more can be posted.
    fac.call("workshop:close", {})
    ana.wait_for("workshop:closed")
    closed_state = ana.wait_for("state", lambda s: s["settings"]["closed"])
    assert closed_state["report"]["groups"][0]["group_id"] == north
    assert ana.call("vote:retract", {"theme_id": theme["id"]})["error"]["code"] == "wrong_phase"

    export = requests.get(
        f"{server.url}/w/{code}/export.json", headers={"Authorization": f"Bearer {key}"}, timeout=5
    )
    data = export.json()
    assert data["phase"]["kind"] == "report" and data["settings"]["closed"] is True
    assert data["votes"]["cards"] == {str(card_ids["Rigid procurement rules"]): 1}
    assert data["synthesis"]["top"]["opportunity"][0]["text"] == "Open data"
    report_md = requests.get(f"{server.url}/w/{code}/report.md?key={key}", timeout=5).text
    assert "1. Rigid procurement rules (1 vote)" in report_md
    assert "## Synthesis: the room's top items" in report_md
