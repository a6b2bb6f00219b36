"""Removing people in bulk, letting them back in, and the browser bar (schema version 5)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from tests.store.conftest import CODE, new_workshop, old_file
from workshop.store import schema


def add(ws, name, browser=None, *, group=1):
    return ws.people.add(
        name=name, organisation=None, group_id=group, token_hash=f"t-{name}", browser_hash=browser
    )


def test_several_people_are_removed_in_one_go(files):
    ws = new_workshop(files)
    ana, ben, cy = add(ws, "Ana"), add(ws, "Ben"), add(ws, "Cy")
    ws.people.remove_many([ana.id, cy.id])
    assert [p.removed for p in ws.people.all()] == [True, False, True]
    assert ws.people.count() == 1
    assert ws.people.get(ben.id).removed is False


def test_recent_silent_people_leave_out_those_who_posted_or_voted_and_the_early_ones(files, clock):
    ws = new_workshop(files)
    early = add(ws, "Early")
    clock.tick(600)
    poster, voter, quiet = add(ws, "Poster"), add(ws, "Voter"), add(ws, "Quiet")
    card, _ = ws.cards.insert_once(
        group_id=1, participant_id=poster.id, kind="challenge", text="Silos", client_id="c1"
    )
    ws.votes.add(voter.id, "card", card.id, "v1")
    since = clock() - 60
    assert ws.people.recent_silent(since, silent_only=True) == [quiet.id]
    assert ws.people.recent_silent(since, silent_only=False) == [poster.id, voter.id, quiet.id]
    assert early.id in ws.people.recent_silent(0, silent_only=True)


def test_a_browser_is_barred_while_its_person_is_removed_and_free_once_readmitted(files):
    ws = new_workshop(files)
    ana = add(ws, "Ana", browser="b-1")
    add(ws, "Ben", browser="b-2")
    assert ws.people.browser_barred("b-1") is False
    removed = ws.people.remove(ana)
    assert ws.people.browser_barred("b-1") is True
    assert ws.people.browser_barred("b-2") is False
    back = ws.people.readmit(removed)
    assert back.removed is False and ws.people.get(ana.id).removed is False
    assert ws.people.browser_barred("b-1") is False
    assert ws.people.count() == 2


def test_a_v4_file_gains_the_browser_column_and_keeps_its_people(data_dir, open_files):
    db = old_file(data_dir, 4)
    db["groups"].insert({"id": 1, "name": "Finance", "position": 0, "created_at": 1.0})
    db["participants"].insert(
        {"id": 1, "name": "Ana", "group_id": 1, "token_hash": "t", "joined_at": 2.0, "removed": 1}
    )
    db.close()
    store = open_files().get(CODE)
    assert schema.version(store.handle.db) == schema.LATEST
    ana = store.people.get(1)
    assert (ana.name, ana.removed) == ("Ana", True)
    assert store.people.browser_barred("anything") is False  # an old person has no browser
    store.close()
    with closing(sqlite3.connect(str(data_dir / f"{CODE}.db"))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
