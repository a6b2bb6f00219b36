"""Which groups take a newcomer: unlocked and below their size limit; a pick must be one."""

from __future__ import annotations

import random

import pytest

from workshop.domain import assignment
from workshop.domain.entities import Group
from workshop.domain.errors import WorkshopError

FINANCE = Group(id=1, name="Finance", position=0)
DESIGN = Group(id=2, name="Design", position=1)


def refusal(call) -> tuple[str, str | None]:
    with pytest.raises(WorkshopError) as refused:
        call()
    return refused.value.code, refused.value.field


@pytest.mark.parametrize(
    "group, size, takes",
    [
        (FINANCE, 0, True),
        (FINANCE, 999, True),
        (Group(1, "F", 0, locked=True), 0, False),
        (Group(1, "F", 0, size_limit=3), 2, True),
        (Group(1, "F", 0, size_limit=3), 3, False),
    ],
)
def test_a_group_takes_newcomers_while_unlocked_and_below_its_limit(group, size, takes):
    assert assignment.takes_newcomers(group, size) is takes


def test_a_picked_group_is_where_the_newcomer_lands():
    assert assignment.newcomer_group("self", 2, [FINANCE, DESIGN], {1: 0, 2: 5}, random.Random(1)) == 2


@pytest.mark.parametrize(
    "groups, sizes, code",
    [
        ([FINANCE], {}, "unknown_group"),  # group 2 does not exist
        ([FINANCE, Group(2, "Design", 1, locked=True)], {}, "group_locked"),
        ([FINANCE, Group(2, "Design", 1, size_limit=2)], {2: 2}, "group_full"),
    ],
)
def test_a_picked_group_that_cannot_take_the_newcomer_is_refused(groups, sizes, code):
    pick = lambda: assignment.newcomer_group("self", 2, groups, sizes, random.Random(1))  # noqa: E731
    assert refusal(pick) == (code, "group")


def test_without_a_pick_the_newcomer_goes_to_the_smallest_open_group():
    locked_small = Group(3, "Policy", 2, locked=True)
    full_small = Group(4, "Data", 3, size_limit=1)
    groups = [FINANCE, DESIGN, locked_small, full_small]
    sizes = {1: 4, 2: 2, 3: 0, 4: 1}
    for how, wanted in (("balanced", None), ("self", None), ("balanced", 1)):
        assert assignment.newcomer_group(how, wanted, groups, sizes, random.Random(7)) == 2


def test_when_no_group_takes_newcomers_the_join_is_refused_as_full():
    groups = [Group(1, "F", 0, locked=True), Group(2, "D", 1, size_limit=1)]
    assign = lambda: assignment.newcomer_group("balanced", None, groups, {2: 1}, random.Random(1))  # noqa: E731
    assert refusal(assign) == ("group_full", "group")


@pytest.mark.parametrize("value", [None, 1, 1000])
def test_a_group_size_limit_is_none_or_one_to_a_thousand(value):
    assert assignment.size_limit(value) == value


@pytest.mark.parametrize("value", [0, -1, 1001])
def test_a_group_size_limit_out_of_range_is_refused(value):
    assert refusal(lambda: assignment.size_limit(value)) == ("invalid_input", "size_limit")
