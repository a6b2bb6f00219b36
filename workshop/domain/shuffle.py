"""Shuffling everyone into groups: balanced sizes, or organisations spread for mixing.

Both deal people round-robin over the groups, so group sizes differ by at most one.
*mixed* first lines people up organisation by organisation (largest first): each
organisation then occupies a run of consecutive seats in the deal, so its members land in
consecutive groups and its count in any two groups differs by at most one, which is as
even as a spread can be.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from .errors import InvalidInput

STRATEGIES = ("balanced", "mixed")


def strategy(name: str) -> str:
    """A way to shuffle: "balanced" (sizes even) or "mixed" (organisations spread)."""
    if name not in STRATEGIES:
        raise InvalidInput("Shuffle by 'balanced' or 'mixed'.", field="strategy")
    return name


def balanced(people: Sequence[int], groups: Sequence[int], rng: random.Random) -> dict[int, int]:
    """Person id → group id, at random, sizes even."""
    order = list(people)
    rng.shuffle(order)
    return _deal(order, groups, rng)


def mixed(
    people: Sequence[tuple[int, str | None]], groups: Sequence[int], rng: random.Random
) -> dict[int, int]:
    """Person id → group id, sizes even and every organisation spread as evenly as possible."""
    by_org: dict[str, list[int]] = {}
    for person_id, organisation in people:
        by_org.setdefault((organisation or "").strip().casefold(), []).append(person_id)
    orgs = list(by_org.values())
    for members in orgs:
        rng.shuffle(members)
    rng.shuffle(orgs)
    orgs.sort(key=len, reverse=True)  # stable: equal sizes keep their random order
    return _deal([p for members in orgs for p in members], groups, rng)


def _deal(order: Sequence[int], groups: Sequence[int], rng: random.Random) -> dict[int, int]:
    seats = list(groups)
    rng.shuffle(seats)  # which group gets the extra person is random too
    return {person: seats[i % len(seats)] for i, person in enumerate(order)}
