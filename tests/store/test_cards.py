"""The cards table: idempotent inserts, and every change persisted before it returns."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.fixture
def finance(ws):
    return ws.groups.all()[0].id


def insert(ws, group_id, participant_id, client_id="c-1", text="Data silos", kind="challenge"):
    return ws.cards.insert_once(
        group_id=group_id, participant_id=participant_id, kind=kind, text=text, client_id=client_id
    )


def test_new_card_is_stored_with_its_fields(ws, person, finance, clock):
    ada = person(finance)
    card, is_new = insert(ws, finance, ada)
    assert is_new is True
    assert (card.group_id, card.participant_id, card.kind, card.text, card.client_id) == (
        finance,
        ada,
        "challenge",
        "Data silos",
        "c-1",
    )
    assert card.created_at == clock.now
    assert card.updated_at is None
    assert card.hidden is False
    assert ws.cards.get(card.id) == card


def test_resent_card_is_stored_once(ws, person, finance, clock):
    ada = person(finance)
    first, first_new = insert(ws, finance, ada, text="Data silos")
    clock.tick(5)
    again, again_new = insert(ws, finance, ada, text="Data silos (resent)")
    assert (first_new, again_new) == (True, False)
    assert again == first
    assert ws.cards.count() == 1
    assert ws.handle.scalar("SELECT COUNT(*) FROM cards") == 1


def test_same_client_id_from_two_people_makes_two_cards(ws, person, finance):
    ada, bob = person(finance), person(finance, name="Bob")
    a, _ = insert(ws, finance, ada, client_id="same")
    b, b_new = insert(ws, finance, bob, client_id="same")
    assert b_new is True
    assert a.id != b.id
    assert ws.cards.count() == 2


def test_file_itself_refuses_a_duplicate_client_id(ws, person, finance):
    ada = person(finance)
    insert(ws, finance, ada, client_id="dup")
    with pytest.raises(sqlite3.IntegrityError):
        ws.handle.db["cards"].insert(
            {
                "group_id": finance,
                "participant_id": ada,
                "kind": "challenge",
                "text": "again",
                "client_id": "dup",
                "created_at": 0.0,
                "hidden": 0,
            }
        )


def test_update_persists_after_reopening(reopen, ws, person, finance, clock):
    card, _ = insert(ws, finance, person(finance))
    clock.tick(30)
    updated = ws.cards.update(card, text="Data lakes", kind="opportunity")
    assert (updated.text, updated.kind, updated.updated_at) == ("Data lakes", "opportunity", clock.now)
    stored = reopen().cards.get(card.id)
    assert stored == updated


@pytest.mark.parametrize("hidden", [True, False])
def test_set_hidden_persists_after_reopening(reopen, ws, person, finance, hidden):
    card, _ = insert(ws, finance, person(finance))
    ws.cards.set_hidden(card, not hidden)
    changed = ws.cards.set_hidden(card, hidden)
    assert changed.hidden is hidden
    assert reopen().cards.get(card.id).hidden is hidden


def test_delete_persists_after_reopening(reopen, ws, person, finance):
    ada = person(finance)
    gone, _ = insert(ws, finance, ada, client_id="gone")
    kept, _ = insert(ws, finance, ada, client_id="kept")
    ws.cards.delete(gone.id)
    assert ws.cards.get(gone.id) is None
    again = reopen()
    assert again.cards.get(gone.id) is None
    assert [c.id for c in again.cards.all()] == [kept.id]


def test_all_filters_by_group_and_visibility(ws, person):
    finance, design = (g.id for g in ws.groups.all())
    ada, bob = person(finance), person(design)
    a1, _ = insert(ws, finance, ada, client_id="a1")
    a2, _ = insert(ws, finance, ada, client_id="a2")
    b1, _ = insert(ws, design, bob, client_id="b1")
    ws.cards.set_hidden(a2, True)
    assert [c.id for c in ws.cards.all()] == [a1.id, a2.id, b1.id]
    assert [c.id for c in ws.cards.all(group_id=finance)] == [a1.id, a2.id]
    assert [c.id for c in ws.cards.all(group_id=finance, include_hidden=False)] == [a1.id]
    assert [c.id for c in ws.cards.all(include_hidden=False)] == [a1.id, b1.id]


def test_counts_are_visible_cards_per_group_and_kind(ws, person):
    finance, design = (g.id for g in ws.groups.all())
    ada, bob = person(finance), person(design)
    insert(ws, finance, ada, client_id="1")
    insert(ws, finance, ada, client_id="2", kind="opportunity")
    hidden, _ = insert(ws, finance, ada, client_id="3")
    insert(ws, design, bob, client_id="4")
    ws.cards.set_hidden(hidden, True)
    assert ws.cards.counts() == {finance: {"challenge": 1, "opportunity": 1}, design: {"challenge": 1}}
    assert ws.cards.count() == 4


def test_unknown_card_is_none(ws):
    assert ws.cards.get(999) is None
