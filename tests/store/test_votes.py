"""The votes table: one row per dot, counted per person, per item and for the room."""

from __future__ import annotations

import sqlite3

import pytest

from workshop.domain.entities import Vote


@pytest.fixture
def finance(ws):
    return ws.groups.all()[0].id


@pytest.fixture
def cards(ws, person, finance):
    """Three cards of Finance, by one author."""
    author = person(finance, name="Author")
    made = []
    for n in range(3):
        card, _ = ws.cards.insert_once(
            group_id=finance, participant_id=author, kind="challenge", text=f"Card {n}", client_id=f"c-{n}"
        )
        made.append(card.id)
    return made


def test_added_vote_has_its_fields_and_is_found_by_client_id(ws, person, finance, cards, clock):
    ada = person(finance)
    vote = ws.votes.add(ada, "card", cards[0], "v-1")
    assert vote == Vote(vote.id, ada, cards[0], None, "v-1", clock.now)
    assert ws.votes.by_client_id(ada, "v-1") == vote
    assert ws.votes.all() == [vote]


def test_vote_on_a_theme_names_the_theme_only(ws, person, finance):
    ada = person(finance)
    theme = ws.themes.add(finance, "Data")
    vote = ws.votes.add(ada, "theme", theme.id, "v-1")
    assert (vote.card_id, vote.theme_id) == (None, theme.id)


def test_client_id_finds_only_that_persons_vote(ws, person, finance, cards):
    ada, bob = person(finance), person(finance, name="Bob")
    ws.votes.add(ada, "card", cards[0], "same")
    assert ws.votes.by_client_id(bob, "same") is None
    assert ws.votes.by_client_id(ada, "other") is None


def test_file_refuses_a_second_vote_with_the_same_client_id(ws, person, finance, cards):
    ada = person(finance)
    ws.votes.add(ada, "card", cards[0], "v-1")
    with pytest.raises(sqlite3.IntegrityError):
        ws.votes.add(ada, "card", cards[1], "v-1")
    assert ws.votes.count() == 1


def test_used_counts_a_persons_dots_on_cards_and_themes(ws, person, finance, cards):
    ada, bob = person(finance), person(finance, name="Bob")
    theme = ws.themes.add(finance, "Data")
    assert ws.votes.used(ada) == 0
    ws.votes.add(ada, "card", cards[0], "1")
    ws.votes.add(ada, "card", cards[0], "2")
    ws.votes.add(ada, "theme", theme.id, "3")
    ws.votes.add(bob, "card", cards[0], "4")
    assert (ws.votes.used(ada), ws.votes.used(bob)) == (3, 1)


def test_on_item_counts_a_persons_dots_on_one_item(ws, person, finance, cards):
    ada, bob = person(finance), person(finance, name="Bob")
    theme = ws.themes.add(finance, "Data")
    ws.votes.add(ada, "card", cards[0], "1")
    ws.votes.add(ada, "card", cards[0], "2")
    ws.votes.add(ada, "card", cards[1], "3")
    ws.votes.add(bob, "card", cards[0], "4")
    assert ws.votes.on_item(ada, "card", cards[0]) == 2
    assert ws.votes.on_item(ada, "card", cards[1]) == 1
    assert ws.votes.on_item(ada, "card", cards[2]) == 0
    assert ws.votes.on_item(ada, "theme", theme.id) == 0
    assert ws.votes.on_item(bob, "card", cards[0]) == 1


def test_card_and_theme_with_the_same_id_are_counted_apart(ws, person, finance, cards):
    ada = person(finance)
    theme = ws.themes.add(finance, "Data")
    assert theme.id == cards[0]  # both first rows of their tables
    ws.votes.add(ada, "theme", theme.id, "1")
    assert ws.votes.on_item(ada, "card", cards[0]) == 0
    assert ws.votes.count_on("card", cards[0]) == 0
    assert ws.votes.count_on("theme", theme.id) == 1


def test_count_on_counts_everyones_dots_on_one_item(ws, person, finance, cards):
    ada, bob = person(finance), person(finance, name="Bob")
    ws.votes.add(ada, "card", cards[0], "1")
    ws.votes.add(bob, "card", cards[0], "2")
    ws.votes.add(bob, "card", cards[1], "3")
    assert [ws.votes.count_on("card", c) for c in cards] == [2, 1, 0]


def test_retract_takes_back_the_latest_dot_only(reopen, ws, person, finance, cards, clock):
    ada = person(finance)
    first = ws.votes.add(ada, "card", cards[0], "1")
    clock.tick()
    other = ws.votes.add(ada, "card", cards[1], "2")
    clock.tick()
    ws.votes.add(ada, "card", cards[0], "3")
    assert ws.votes.retract(ada, "card", cards[0]) is True
    assert reopen().votes.all() == [first, other]


def test_retract_leaves_other_peoples_dots(ws, person, finance, cards):
    ada, bob = person(finance), person(finance, name="Bob")
    ws.votes.add(ada, "card", cards[0], "1")
    bobs = ws.votes.add(bob, "card", cards[0], "2")
    assert ws.votes.retract(ada, "card", cards[0]) is True
    assert ws.votes.all() == [bobs]


def test_retract_without_a_dot_there_is_false_and_changes_nothing(ws, person, finance, cards):
    ada, bob = person(finance), person(finance, name="Bob")
    kept = ws.votes.add(bob, "card", cards[0], "1")
    theme = ws.themes.add(finance, "Data")
    assert ws.votes.retract(ada, "card", cards[0]) is False
    assert ws.votes.retract(ada, "theme", theme.id) is False
    assert ws.votes.retract(bob, "card", cards[1]) is False
    assert ws.votes.all() == [kept]


def test_retracting_every_dot_then_once_more_is_false(ws, person, finance, cards):
    ada = person(finance)
    ws.votes.add(ada, "card", cards[0], "1")
    ws.votes.add(ada, "card", cards[0], "2")
    assert [ws.votes.retract(ada, "card", cards[0]) for _ in range(3)] == [True, True, False]
    assert ws.votes.used(ada) == 0


def test_tallies_count_dots_per_card_and_theme_overall_and_per_person(reopen, ws, person, finance, cards):
    ada, bob = person(finance), person(finance, name="Bob")
    theme = ws.themes.add(finance, "Data")
    ws.votes.add(ada, "card", cards[0], "1")
    ws.votes.add(ada, "card", cards[0], "2")
    ws.votes.add(ada, "theme", theme.id, "3")
    ws.votes.add(bob, "card", cards[0], "4")
    ws.votes.add(bob, "card", cards[2], "5")
    again = reopen()
    assert again.votes.tallies() == {"cards": {cards[0]: 3, cards[2]: 1}, "themes": {theme.id: 1}}
    assert again.votes.tallies(participant_id=ada) == {"cards": {cards[0]: 2}, "themes": {theme.id: 1}}
    assert again.votes.tallies(participant_id=bob) == {"cards": {cards[0]: 1, cards[2]: 1}, "themes": {}}


def test_tallies_without_votes_are_empty(ws, person, finance):
    assert ws.votes.tallies() == {"cards": {}, "themes": {}}
    assert ws.votes.tallies(participant_id=person(finance)) == {"cards": {}, "themes": {}}


def test_placed_per_group_counts_people_by_dots_placed_leaving_out_removed_people(ws, person, finance, cards):
    design = ws.groups.all()[1].id
    ada, bob, cy, gone = (person(finance, name=n) for n in ("Ada", "Bob", "Cy", "Gone"))
    dana = person(design, name="Dana")
    person(design, name="Eve")  # no dots: not listed
    for voter, dots in ((ada, 2), (bob, 2), (cy, 1), (gone, 3), (dana, 1)):
        for n in range(dots):
            ws.votes.add(voter, "card", cards[n], f"v-{voter}-{n}")
    ws.people.remove(ws.people.get(gone))
    assert ws.votes.placed_per_group() == {finance: {2: 2, 1: 1}, design: {1: 1}}
