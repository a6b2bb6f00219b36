"""The themes table: added, renamed and deleted, with the cards and dots that hang on them."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.fixture
def groups(ws):
    return tuple(g.id for g in ws.groups.all())


def add_card(ws, group_id, participant_id, client_id, text="Data silos"):
    card, _ = ws.cards.insert_once(
        group_id=group_id, participant_id=participant_id, kind="challenge", text=text, client_id=client_id
    )
    return card


def test_added_theme_has_its_fields_and_reads_back(ws, groups, clock):
    finance, _ = groups
    theme = ws.themes.add(finance, "Data")
    assert (theme.group_id, theme.name, theme.created_at) == (finance, "Data", clock.now)
    assert ws.themes.get(theme.id) == theme


def test_themes_are_listed_in_creation_order_and_by_group(reopen, ws, groups):
    finance, design = groups
    data = ws.themes.add(finance, "Data")
    people = ws.themes.add(design, "People")
    money = ws.themes.add(finance, "Money")
    again = reopen()
    assert again.themes.all() == [data, people, money]
    assert again.themes.all(group_id=finance) == [data, money]
    assert again.themes.all(group_id=design) == [people]


def test_unknown_theme_is_none(ws):
    assert ws.themes.get(999) is None


def test_renamed_theme_persists_after_reopening(reopen, ws, groups):
    theme = ws.themes.add(groups[0], "Data")
    renamed = ws.themes.rename(theme, "Data and silos")
    assert renamed == type(theme)(theme.id, theme.group_id, "Data and silos", theme.created_at)
    assert reopen().themes.get(theme.id) == renamed


def test_deleted_theme_is_gone_after_reopening(reopen, ws, groups):
    gone = ws.themes.add(groups[0], "Data")
    kept = ws.themes.add(groups[0], "Money")
    ws.themes.delete(gone)
    assert ws.themes.get(gone.id) is None
    assert reopen().themes.all() == [kept]


def test_deleting_a_theme_unthemes_its_cards_only(reopen, ws, groups, person):
    finance, _ = groups
    ada = person(finance)
    gone, kept = ws.themes.add(finance, "Data"), ws.themes.add(finance, "Money")
    a = ws.cards.set_theme(add_card(ws, finance, ada, "a"), gone.id)
    b = ws.cards.set_theme(add_card(ws, finance, ada, "b"), gone.id)
    c = ws.cards.set_theme(add_card(ws, finance, ada, "c"), kept.id)
    ws.themes.delete(gone)
    again = reopen()
    assert [again.cards.get(card.id).theme_id for card in (a, b, c)] == [None, None, kept.id]
    assert again.cards.count() == 3


def test_deleting_a_theme_returns_its_votes_and_keeps_all_others(reopen, ws, groups, person):
    finance, _ = groups
    ada, bob = person(finance), person(finance, name="Bob")
    gone, kept = ws.themes.add(finance, "Data"), ws.themes.add(finance, "Money")
    card = ws.cards.set_theme(add_card(ws, finance, ada, "a"), gone.id)
    ws.votes.add(ada, "theme", gone.id, "v1")
    ws.votes.add(bob, "theme", gone.id, "v2")
    on_kept = ws.votes.add(ada, "theme", kept.id, "v3")
    on_card = ws.votes.add(bob, "card", card.id, "v4")
    ws.themes.delete(gone)
    again = reopen()
    assert again.votes.all() == [on_kept, on_card]
    assert (again.votes.used(ada), again.votes.used(bob)) == (1, 1)
    assert again.votes.tallies() == {"cards": {card.id: 1}, "themes": {kept.id: 1}}


def test_file_refuses_a_theme_of_an_unknown_group(ws):
    with pytest.raises(sqlite3.IntegrityError):
        ws.themes.add(999, "Nowhere")
    assert ws.themes.all() == []


def test_card_theme_persists_after_reopening(reopen, ws, groups, person):
    finance, _ = groups
    theme = ws.themes.add(finance, "Data")
    card = add_card(ws, finance, person(finance), "a")
    themed = ws.cards.set_theme(card, theme.id)
    assert themed.theme_id == theme.id
    assert reopen().cards.get(card.id) == themed


def test_cleared_card_theme_persists_after_reopening(reopen, ws, groups, person):
    finance, _ = groups
    theme = ws.themes.add(finance, "Data")
    card = ws.cards.set_theme(add_card(ws, finance, person(finance), "a"), theme.id)
    assert ws.cards.set_theme(card, None).theme_id is None
    assert reopen().cards.get(card.id).theme_id is None
