"""The facilitator's changes to cards: merge, delete a merged card, correct, move."""

from __future__ import annotations

import pytest


@pytest.fixture
def groups(ws):
    return tuple(g.id for g in ws.groups.all())


@pytest.fixture
def new_card(ws, person, groups):
    """Adds a card to Finance (or `group_id`) by a new author; returns it."""
    count = iter(range(1, 1000))

    def add_card(text: str = "Data silos", group_id: int | None = None):
        gid = group_id if group_id is not None else groups[0]
        n = next(count)
        card, _ = ws.cards.insert_once(
            group_id=gid,
            participant_id=person(gid, name=f"Author {n}"),
            kind="challenge",
            text=text,
            client_id=f"c-{n}",
        )
        return card

    return add_card


def ids(cards) -> list[int]:
    return [c.id for c in cards]


def test_merged_cards_leave_the_list_and_are_listed_under_the_target(reopen, ws, new_card):
    into, a, b, other = (
        new_card("Data silos"),
        new_card("Silos of data"),
        new_card("Siloed data"),
        new_card("Budget"),
    )
    ws.cards.merge(into, [a, b])
    again = reopen()
    assert ids(again.cards.all()) == [into.id, other.id]
    assert {k: ids(v) for k, v in again.cards.merged_into().items()} == {into.id: [a.id, b.id]}
    assert again.cards.get(a.id).merged_into == into.id
    assert again.cards.get(a.id).text == "Silos of data"
    assert again.cards.count() == 4


def test_merged_into_can_be_asked_for_some_cards_only(ws, new_card):
    x, x1, y, y1 = new_card(), new_card(), new_card(), new_card()
    ws.cards.merge(x, [x1])
    ws.cards.merge(y, [y1])
    assert {k: ids(v) for k, v in ws.cards.merged_into([y.id]).items()} == {y.id: [y1.id]}
    assert ws.cards.merged_into([999]) == {}


def test_merging_moves_the_merged_cards_votes_to_the_target(reopen, ws, person, groups, new_card):
    into, a, b = new_card(), new_card(), new_card()
    ada, bob = person(groups[0]), person(groups[0])
    ws.votes.add(ada, "card", into.id, "1")
    ws.votes.add(ada, "card", a.id, "2")
    ws.votes.add(bob, "card", b.id, "3")
    ws.votes.add(bob, "card", b.id, "4")
    ws.cards.merge(into, [a, b])
    again = reopen()
    assert again.votes.tallies()["cards"] == {into.id: 4}
    assert (again.votes.used(ada), again.votes.used(bob)) == (2, 2)
    assert again.votes.on_item(bob, "card", into.id) == 2


def test_cards_already_merged_into_a_merged_card_follow_it(reopen, ws, person, groups, new_card):
    first, inner, outer = new_card(), new_card(), new_card()
    ada = person(groups[0])
    ws.votes.add(ada, "card", inner.id, "1")
    ws.cards.merge(first, [inner])
    ws.cards.merge(outer, [first])
    again = reopen()
    assert ids(again.cards.all()) == [outer.id]
    assert {k: ids(v) for k, v in again.cards.merged_into().items()} == {outer.id: [first.id, inner.id]}
    assert again.votes.tallies()["cards"] == {outer.id: 1}


def test_deleting_a_card_that_holds_merged_cards_restores_them(reopen, ws, person, groups, new_card):
    into, a, b, other = (
        new_card("Data silos"),
        new_card("Silos of data"),
        new_card("Siloed data"),
        new_card("Budget"),
    )
    ws.cards.merge(into, [a, b])
    ws.votes.add(person(groups[0]), "card", into.id, "1")
    restored = ws.cards.delete(into.id)
    assert ids(restored) == [a.id, b.id]
    assert all(c.merged_into is None for c in restored)
    assert [c.text for c in restored] == ["Silos of data", "Siloed data"]
    again = reopen()
    assert ids(again.cards.all()) == [a.id, b.id, other.id]
    assert again.cards.get(into.id) is None
    assert again.cards.merged_into() == {}
    assert again.cards.get(a.id) == restored[0]
    assert again.votes.count() == 0


def test_deleting_a_card_without_merged_cards_restores_nothing(ws, new_card):
    card, other = new_card(), new_card()
    assert ws.cards.delete(card.id) == []
    assert ids(ws.cards.all()) == [other.id]


def test_correction_keeps_the_original_text(reopen, ws, new_card, clock):
    card = new_card("Data silso")
    clock.tick(10)
    corrected = ws.cards.correct(card, "Data silos")
    assert (corrected.text, corrected.original_text, corrected.updated_at) == (
        "Data silos",
        "Data silso",
        clock.now,
    )
    assert reopen().cards.get(card.id) == corrected


def test_second_correction_keeps_the_first_original_text(reopen, ws, new_card):
    card = new_card("Data silso")
    ws.cards.correct(card, "Data silo")
    twice = ws.cards.correct(ws.cards.get(card.id), "Data silos")
    assert (twice.text, twice.original_text) == ("Data silos", "Data silso")
    stored = reopen().cards.get(card.id)
    assert (stored.text, stored.original_text) == ("Data silos", "Data silso")


def test_uncorrected_card_has_no_original_text(ws, new_card):
    assert ws.cards.get(new_card().id).original_text is None


def test_moved_card_changes_group_leaves_its_theme_and_drops_its_votes(reopen, ws, person, groups, new_card):
    finance, design = groups
    theme = ws.themes.add(finance, "Data")
    card = ws.cards.set_theme(new_card(), theme.id)
    other = new_card()
    ada = person(finance)
    ws.votes.add(ada, "card", card.id, "1")
    kept = ws.votes.add(ada, "card", other.id, "2")
    moved = ws.cards.move(card, design)
    assert (moved.group_id, moved.theme_id) == (design, None)
    again = reopen()
    assert again.cards.get(card.id) == moved
    assert ids(again.cards.all(group_id=design)) == [card.id]
    assert ids(again.cards.all(group_id=finance)) == [other.id]
    assert again.votes.all() == [kept]
    assert again.themes.get(theme.id) == theme


def test_moved_card_takes_its_merged_cards_along(ws, groups, new_card):
    finance, design = groups
    card, merged = new_card(), new_card()
    ws.cards.merge(card, [merged])
    ws.cards.move(ws.cards.get(card.id), design)
    assert ws.cards.get(merged.id).group_id == design
    assert {k: ids(v) for k, v in ws.cards.merged_into().items()} == {card.id: [merged.id]}
    assert ws.cards.counts().get(finance, {}) == {}
