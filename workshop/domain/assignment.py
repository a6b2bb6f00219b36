"""Which group a newcomer lands in, and which groups still take newcomers."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from .entities import Group
from .errors import GroupFull, GroupLocked, InvalidInput, UnknownGroup

MAX_GROUP_SIZE = 1000  # the largest size limit a facilitator may set on one group


def takes_newcomers(group: Group, size: int) -> bool:
    """A group takes newcomers while it is unlocked and below its size limit, if it has one."""
    return not group.locked and (group.size_limit is None or size < group.size_limit)


def chosen_group(group: Group | None, size: int) -> int:
    """The group an attendee picked (self-select): it must exist, be unlocked and have room."""
    if group is None:
        raise UnknownGroup("That group does not exist.", field="group")
    if group.locked:
        raise GroupLocked(f"“{group.name}” is closed to newcomers; please pick another group.", field="group")
    if not takes_newcomers(group, size):
        raise GroupFull(f"“{group.name}” is full; please pick another group.", field="group")
    return group.id


def newcomer_group(
    how: str, wanted: int | None, groups: Iterable[Group], sizes: Mapping[int, int], rng: random.Random
) -> int:
    """Where a newcomer lands: the group they picked where attendees pick (`how` "self"),
    otherwise (or without a pick) one of the smallest groups that still take newcomers."""
    if how == "self" and wanted is not None:
        picked = next((g for g in groups if g.id == wanted), None)
        return chosen_group(picked, sizes.get(wanted, 0))
    # One pass over the groups: every join of a burst asks.
    open_sizes = {g.id: sizes.get(g.id, 0) for g in groups if takes_newcomers(g, sizes.get(g.id, 0))}
    if not open_sizes:
        raise GroupFull("Every group is full or closed; please ask the facilitator.", field="group")
    return balanced_group(open_sizes, rng)


def balanced_group(sizes: Mapping[int, int], rng: random.Random) -> int:
    """A group with the fewest people; ties broken at random so groups fill evenly."""
    if not sizes:
        raise ValueError("a workshop always has at least one group")
    fewest = min(sizes.values())
    return rng.choice(sorted(gid for gid, size in sizes.items() if size == fewest))


def size_limit(value: int | None) -> int | None:
    """How many people may pick a group: None (no limit) or 1 to MAX_GROUP_SIZE."""
    if value is not None and not 1 <= value <= MAX_GROUP_SIZE:
        raise InvalidInput(f"A group's limit is 1 to {MAX_GROUP_SIZE} people.", field="size_limit")
    return value
