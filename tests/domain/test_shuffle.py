"""Shuffling everyone into groups: even sizes, and for *mixed* every organisation spread."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain import shuffle

SIZES = [(p, g) for p in (0, 1, 2, 5, 7, 12, 31, 100) for g in (1, 2, 3, 4, 8)]
ORGANISATIONS = ["ACME", "acme", " Acme ", "Globex", "GLOBEX", "Initech", "", "  ", None]


def org_key(organisation: str | None) -> str:
    """How the protocol compares organisations: trimmed, any case, none counts as one."""
    return (organisation or "").strip().casefold()


def assert_even_sizes(assigned: dict[int, int], people: list[int], groups: list[int]) -> None:
    assert sorted(assigned) == sorted(people)
    assert set(assigned.values()) <= set(groups)
    sizes = Counter(assigned.values())
    counts = [sizes.get(g, 0) for g in groups]
    assert max(counts) - min(counts) <= 1, counts


def assert_organisations_spread(
    assigned: dict[int, int], people: list[tuple[int, str | None]], groups: list[int]
) -> None:
    by_org: dict[str, Counter[int]] = {}
    for person_id, organisation in people:
        by_org.setdefault(org_key(organisation), Counter())[assigned[person_id]] += 1
    for org, per_group in by_org.items():
        counts = [per_group.get(g, 0) for g in groups]
        assert max(counts) - min(counts) <= 1, (org, counts)


@pytest.mark.parametrize("n_people, n_groups", SIZES)
def test_balanced_puts_everyone_in_a_group_with_even_sizes(n_people, n_groups):
    people, groups = list(range(1, n_people + 1)), [100 + g for g in range(n_groups)]
    for seed in range(20):
        assert_even_sizes(shuffle.balanced(people, groups, random.Random(seed)), people, groups)


def test_balanced_is_random_but_repeatable_with_a_seed():
    people, groups = list(range(12)), [1, 2, 3]
    dealt = {tuple(sorted(shuffle.balanced(people, groups, random.Random(s)).items())) for s in range(20)}
    assert len(dealt) > 1
    again = shuffle.balanced(people, groups, random.Random(5))
    assert again == shuffle.balanced(people, groups, random.Random(5))


def test_balanced_gives_the_extra_person_to_any_group():
    people, groups = [1, 2, 3, 4], [10, 20, 30]
    larger = set()
    for seed in range(60):
        sizes = Counter(shuffle.balanced(people, groups, random.Random(seed)).values())
        larger.add(sizes.most_common(1)[0][0])
    assert larger == {10, 20, 30}


@pytest.mark.parametrize("n_people, n_groups", SIZES)
def test_mixed_puts_everyone_in_a_group_with_even_sizes_and_organisations_spread(n_people, n_groups):
    groups = [100 + g for g in range(n_groups)]
    for seed in range(20):
        rng = random.Random(seed)
        people = [(p, rng.choice(ORGANISATIONS)) for p in range(1, n_people + 1)]
        assigned = shuffle.mixed(people, groups, rng)
        assert_even_sizes(assigned, [p for p, _ in people], groups)
        assert_organisations_spread(assigned, people, groups)


@settings(max_examples=300, database=None)
@given(
    organisations=st.lists(st.sampled_from(ORGANISATIONS), max_size=60),
    n_groups=st.integers(min_value=1, max_value=8),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_mixed_spreads_every_organisation_evenly_over_the_groups(organisations, n_groups, seed):
    people = list(enumerate(organisations, start=1))
    groups = [10 * (g + 1) for g in range(n_groups)]
    assigned = shuffle.mixed(people, groups, random.Random(seed))
    assert_even_sizes(assigned, [p for p, _ in people], groups)
    assert_organisations_spread(assigned, people, groups)


def test_mixed_splits_a_two_organisation_room_down_the_middle():
    people = [(1, "ACME"), (2, "ACME"), (3, "Globex"), (4, "Globex")]
    for seed in range(20):
        assigned = shuffle.mixed(people, [1, 2], random.Random(seed))
        assert assigned[1] != assigned[2]
        assert assigned[3] != assigned[4]


def test_mixed_treats_case_and_spaces_as_the_same_organisation():
    people = [(1, "ACME"), (2, "acme"), (3, " Acme "), (4, "Globex"), (5, "globex "), (6, "GLOBEX")]
    for seed in range(20):
        assigned = shuffle.mixed(people, [1, 2, 3], random.Random(seed))
        assert {assigned[1], assigned[2], assigned[3]} == {1, 2, 3}
        assert {assigned[4], assigned[5], assigned[6]} == {1, 2, 3}


def test_mixed_counts_people_without_an_organisation_as_one_organisation():
    people = [(1, None), (2, ""), (3, "   "), (4, None)]
    for seed in range(20):
        assigned = shuffle.mixed(people, [1, 2], random.Random(seed))
        assert Counter(assigned.values()) == {1: 2, 2: 2}
    for seed in range(20):
        assigned = shuffle.mixed([*people[:3], (4, "ACME")], [1, 2, 3], random.Random(seed))
        assert len({assigned[1], assigned[2], assigned[3]}) == 3


def test_mixed_with_one_big_organisation_still_keeps_sizes_even():
    people = [(p, "ACME") for p in range(1, 10)] + [(10, "Globex")]
    for seed in range(20):
        assigned = shuffle.mixed(people, [1, 2, 3], random.Random(seed))
        assert sorted(Counter(assigned.values()).values()) == [3, 3, 4]
        assert sorted(Counter(assigned[p] for p in range(1, 10)).values()) == [3, 3, 3]


def test_both_strategies_are_named():
    assert shuffle.STRATEGIES == ("balanced", "mixed")


def test_a_shuffle_is_balanced_or_mixed():
    from workshop.domain.errors import WorkshopError

    assert [shuffle.strategy(s) for s in ("balanced", "mixed")] == ["balanced", "mixed"]
    with pytest.raises(WorkshopError) as refused:
        shuffle.strategy("random")
    assert (refused.value.code, refused.value.field) == ("invalid_input", "strategy")
