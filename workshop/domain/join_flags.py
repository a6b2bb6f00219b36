"""Which people joined much faster than a room does, and why: flagged for the facilitator.

A room joins from many addresses (on venue Wi-Fi every phone has its own); a script, or
one person refreshing for new identities, joins from one. But an address may also be a
whole office behind one NAT, so these are flags for a person to judge, never bans.

- `many_from_address`: at least `BURST` people joined from one address within `WINDOW`
  seconds; every one of them inside such a window is flagged.
- `removed_address`: joined from the address of a person who had been removed before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

BURST = 5  # people from one address...
WINDOW = 120.0  # ...within two minutes
MANY_FROM_ADDRESS = "many_from_address"
REMOVED_ADDRESS = "removed_address"
REASONS = (MANY_FROM_ADDRESS, REMOVED_ADDRESS)  # the order reasons are listed in


@dataclass(frozen=True, slots=True)
class Arrival:
    """One new person: who, from which address, when (seconds)."""

    participant_id: int
    address: str
    at: float


def burst_window(times: Sequence[float], end: int, *, burst: int = BURST, window: float = WINDOW) -> range:
    """The arrivals (indices into `times`, sorted) flagged by the window that ends at arrival
    `end`: all those at most `window` seconds before it, when they are `burst` or more."""
    start = bisect_left(times, times[end] - window, 0, end)
    return range(start, end + 1) if end - start + 1 >= burst else range(0)


def after_removal(at: float, removals: Iterable[float]) -> bool:
    """A newcomer at `at` is flagged when someone from the same address was removed before."""
    return any(when < at for when in removals)


def flags(
    arrivals: Iterable[Arrival],
    removed_at: Mapping[int, float],
    *,
    burst: int = BURST,
    window: float = WINDOW,
) -> dict[int, tuple[str, ...]]:
    """The reasons each flagged person was flagged for, by id; removed people (`removed_at`
    gives when each was removed) are never flagged themselves, but still count."""
    by_address: dict[str, list[Arrival]] = defaultdict(list)
    for arrival in arrivals:
        by_address[arrival.address].append(arrival)
    found: dict[int, tuple[str, ...]] = {}
    for group in by_address.values():
        group.sort(key=lambda a: a.at)
        times = [a.at for a in group]
        reasons: dict[int, set[str]] = defaultdict(set)
        for end in range(len(group)):
            for i in burst_window(times, end, burst=burst, window=window):
                reasons[group[i].participant_id].add(MANY_FROM_ADDRESS)
        removals = [removed_at[a.participant_id] for a in group if a.participant_id in removed_at]
        for a in group:
            if after_removal(a.at, removals):
                reasons[a.participant_id].add(REMOVED_ADDRESS)
        found.update((pid, ordered(why)) for pid, why in reasons.items() if pid not in removed_at)
    return found


def ordered(reasons: Iterable[str]) -> tuple[str, ...]:
    """Reasons in their fixed order, each once."""
    given = set(reasons)
    return tuple(r for r in REASONS if r in given)
