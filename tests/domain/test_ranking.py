"""Report-back: the top cards by votes, and the walk through the groups to the synthesis."""

from __future__ import annotations

import pytest

from workshop.domain.entities import Card
from workshop.domain.ranking import TOP_N, Cursor, step, top_cards


def card(card_id: int, *, kind: str = "challenge", created_at: float | None = None) -> Card:
    return Card(
        id=card_id,
        group_id=1,
        participant_id=1,
        kind=kind,
        text=f"Card {card_id}",
        client_id=f"c-{card_id}",
        created_at=created_at if created_at is not None else 1_000.0 + card_id,
        updated_at=None,
        hidden=False,
    )


def ids(cards: list[Card]) -> list[int]:
    return [c.id for c in cards]


def test_top_cards_have_the_most_votes_first():
    cards = [card(1), card(2), card(3)]
    assert ids(top_cards(cards, {1: 1, 2: 5, 3: 3}, "challenge")) == [2, 3, 1]


def test_ties_go_to_the_older_card():
    cards = [card(1, created_at=300), card(2, created_at=100), card(3, created_at=200)]
    assert ids(top_cards(cards, {1: 2, 2: 2, 3: 2}, "challenge")) == [2, 3, 1]


def test_cards_without_votes_count_as_zero_and_come_last():
    cards = [card(1), card(2), card(3)]
    assert ids(top_cards(cards, {3: 1}, "challenge")) == [3, 1, 2]


def test_top_cards_are_limited_to_three_by_default():
    cards = [card(n) for n in range(1, 8)]
    assert TOP_N == 3
    assert ids(top_cards(cards, {5: 4, 6: 3, 7: 2, 1: 1}, "challenge")) == [5, 6, 7]


@pytest.mark.parametrize("n, expected", [(1, [2]), (2, [2, 1]), (10, [2, 1, 3]), (0, [])])
def test_top_cards_are_limited_to_n(n, expected):
    cards = [card(1), card(2), card(3)]
    assert ids(top_cards(cards, {1: 1, 2: 2}, "challenge", n=n)) == expected


def test_top_cards_are_of_the_kind_asked_only():
    cards = [card(1), card(2, kind="opportunity"), card(3), card(4, kind="opportunity")]
    tallies = {1: 1, 2: 9, 3: 2, 4: 8}
    assert ids(top_cards(cards, tallies, "challenge")) == [3, 1]
    assert ids(top_cards(cards, tallies, "opportunity")) == [2, 4]
    assert top_cards(cards, tallies, "risk") == []


GROUPS = [30, 10, 20]  # in display order, not id order


@pytest.mark.parametrize(
    "start, delta, expected",
    [
        (Cursor("group", 30), 1, Cursor("group", 10)),
        (Cursor("group", 10), 1, Cursor("group", 20)),
        (Cursor("group", 20), 1, Cursor("synthesis", None)),
        (Cursor("synthesis", None), -1, Cursor("group", 20)),
        (Cursor("group", 20), -1, Cursor("group", 10)),
        (Cursor("group", 10), -1, Cursor("group", 30)),
        (Cursor("group", 30), 2, Cursor("group", 20)),
        (Cursor(), 1, Cursor("group", 10)),
        (Cursor(), 0, Cursor("group", 30)),
    ],
)
def test_step_walks_the_groups_in_order_then_the_synthesis(start, delta, expected):
    assert step(start, GROUPS, delta) == expected


@pytest.mark.parametrize(
    "start, delta, expected",
    [
        (Cursor("synthesis", None), 1, Cursor("synthesis", None)),
        (Cursor("synthesis", None), 10, Cursor("synthesis", None)),
        (Cursor("group", 30), -1, Cursor("group", 30)),
        (Cursor("group", 10), -10, Cursor("group", 30)),
        (Cursor("group", 10), 10, Cursor("synthesis", None)),
    ],
)
def test_step_stops_at_the_first_group_and_at_the_synthesis(start, delta, expected):
    assert step(start, GROUPS, delta) == expected


def test_step_from_a_group_that_no_longer_exists_starts_from_the_first():
    assert step(Cursor("group", 99), GROUPS, 1) == Cursor("group", 10)


def test_step_without_groups_stays_on_the_synthesis():
    assert step(Cursor(), [], 1) == Cursor("synthesis", None)
    assert step(Cursor("synthesis", None), [], -1) == Cursor("synthesis", None)


def test_full_walk_forward_visits_every_stop_once():
    cursor, seen = Cursor("group", GROUPS[0]), []
    for _ in range(len(GROUPS) + 2):
        seen.append(cursor)
        cursor = step(cursor, GROUPS, 1)
    assert seen[: len(GROUPS) + 1] == [Cursor("group", g) for g in GROUPS] + [Cursor("synthesis", None)]
    assert seen[-1] == Cursor("synthesis", None)
