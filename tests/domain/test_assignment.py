"""Balanced assignment: a newcomer lands in a group with the fewest people."""

from __future__ import annotations

import random

import pytest

from workshop.domain.assignment import balanced_group


@pytest.mark.parametrize(
    "sizes",
    [
        {1: 0, 2: 0},
        {1: 3, 2: 1, 3: 2},
        {10: 5, 20: 5, 30: 4, 40: 4},
        {7: 0, 8: 9, 9: 0},
    ],
)
def test_chosen_group_always_has_the_fewest_people(sizes):
    fewest = min(sizes.values())
    for seed in range(100):
        assert sizes[balanced_group(sizes, random.Random(seed))] == fewest


def test_every_tied_group_is_chosen_over_many_seeds():
    sizes = {1: 2, 2: 1, 3: 1, 4: 1, 5: 3}
    chosen = {balanced_group(sizes, random.Random(seed)) for seed in range(200)}
    assert chosen == {2, 3, 4}


def test_one_group_is_always_that_group():
    for seed in range(20):
        assert balanced_group({42: 17}, random.Random(seed)) == 42


def test_same_seed_gives_the_same_choice():
    sizes = {1: 0, 2: 0, 3: 0}
    assert balanced_group(sizes, random.Random(5)) == balanced_group(sizes, random.Random(5))


def test_filling_groups_one_by_one_keeps_them_even():
    sizes = {1: 0, 2: 0, 3: 0}
    rng = random.Random(3)
    for _ in range(9):
        sizes[balanced_group(sizes, rng)] += 1
    assert sizes == {1: 3, 2: 3, 3: 3}


def test_no_groups_is_refused():
    with pytest.raises(ValueError):
        balanced_group({}, random.Random(0))
