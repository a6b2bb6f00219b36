"""Which group a newcomer lands in."""

from __future__ import annotations

import random
from collections.abc import Mapping


def balanced_group(sizes: Mapping[int, int], rng: random.Random) -> int:
    """A group with the fewest people; ties broken at random so groups fill evenly."""
    if not sizes:
        raise ValueError("a workshop always has at least one group")
    fewest = min(sizes.values())
    return rng.choice(sorted(gid for gid, size in sizes.items() if size == fewest))
