"""The theme suggestions scored on the labelled grouping set (tests/data, #17).

The held-out half was kept out of every choice of setting. Its floors are the figures the
shipped method reaches there, rounded down: they sit BELOW the issue's targets for pairs in
one language (F1 0.6 with precision 0.75), which only the tuning half reaches; see
docs/architecture.md, "Grouping". A change that lowers either half fails here.
"""

from __future__ import annotations

import pytest

from tests import grouping_score
from workshop.domain import grouping


@pytest.fixture(scope="module")
def held_out():
    return grouping_score.run(grouping.suggest, "held_out")


@pytest.fixture(scope="module")
def tuning():
    return grouping_score.run(grouping.suggest, "tuning")


def test_held_out_pairs_in_one_language(held_out):
    same = held_out["same-language"]
    assert same.precision >= 0.50
    assert same.f1 >= 0.43


def test_held_out_pairs_across_languages(held_out):
    cross = held_out["cross-language"]
    assert cross.recall >= 0.45  # the issue aims at 0.3
    assert cross.precision >= 0.70


def test_held_out_near_duplicates_are_all_found(held_out):
    assert held_out["near-duplicate"].recall == 1.0


def test_tuning_half_reaches_the_issue_targets(tuning):
    same, cross = tuning["same-language"], tuning["cross-language"]
    assert same.precision >= 0.75
    assert same.f1 >= 0.6
    assert cross.recall >= 0.3
    assert cross.precision >= 0.9


def test_the_set_is_as_the_issue_asks():
    cards = grouping_score.load_cards()
    assert len(cards) >= 150
    assert len({c.theme for c in cards}) >= 15
    assert sum(c.lang != "en" for c in cards) >= len(cards) / 5
    halves = [grouping_score.half(h) for h in grouping_score.HALVES]
    assert sum(map(len, halves)) == len(cards)
    assert not {c.theme for c in halves[0]} & {c.theme for c in halves[1]}


def test_pairs_are_scored_by_kind():
    cards = [
        grouping_score.Card(1, "a", "en", None, "x"),
        grouping_score.Card(2, "a", "en", 1, "x"),
        grouping_score.Card(3, "a", "fr", None, "x"),
        grouping_score.Card(4, "b", "en", None, "x"),
    ]
    scores = grouping_score.score(cards, [[1, 2, 4]])
    assert (scores["all"].true, scores["all"].found, scores["all"].hit) == (3, 3, 1)
    assert scores["near-duplicate"].recall == 1.0
    assert scores["cross-language"].recall == 0.0
    assert scores["same-language"].precision == pytest.approx(1 / 3)
