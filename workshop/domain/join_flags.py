"""Which people joined much faster than a room does, and why: flagged for the facilitator.

A room joins from many addresses (on venue Wi-Fi every phone has its own); a script, or
one person refreshing for new identities, joins from one. But an address may also be a
whole office behind one NAT, so these are flags for a person to judge, never bans.

- `many_from_address`: at least `BURST` people joined from one address within `WINDOW`
  seconds; every one of them inside such a window is flagged.
- `removed_address`: joined from the address of a person who had been removed before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

BURST = 5  # people from one address...
WINDOW = 120.0  # ...within two minutes
MANY_FROM_ADDRESS = "many_from_address"
REMOVED_ADDRESS = "removed_address"


@dataclass(frozen=True, slots=True)
class Arrival:
    """One new person: who, from which address, when (seconds)."""

    participant_id: int
    address: str
    at: float


@dataclass(frozen=True, slots=True)
class Flag:
    participant_id: int
    reasons: tuple[str, ...]
    same_address: int  # people who joined from that address in all (never the address itself)


def flags(
    arrivals: Iterable[Arrival],
    removed_at: Mapping[int, float],
    *,
    burst: int = BURST,
    window: float = WINDOW,
) -> dict[int, Flag]:
    """The flagged people among `arrivals` who are not removed themselves, by id.

    `removed_at` gives when each removed person was removed (people not in it are in)."""
    by_address: dict[str, list[Arrival]] = defaultdict(list)
    for arrival in arrivals:
        by_address[arrival.address].append(arrival)
    found: dict[int, Flag] = {}
    for group in by_address.values():
        found.update(_address_flags(group, removed_at, burst, window))
    return found


def _address_flags(
    arrivals: list[Arrival], removed_at: Mapping[int, float], burst: int, window: float
) -> dict[int, Flag]:
    arrivals = sorted(arrivals, key=lambda a: (a.at, a.participant_id))
    reasons: dict[int, list[str]] = defaultdict(list)
    # Every arrival that ends a window of `burst` or more marks that whole window.
    start = 0
    marked_to = -1  # arrivals up to this index are marked already
    for end, arrival in enumerate(arrivals):
        while arrival.at - arrivals[start].at > window:
            start += 1
        if end - start + 1 >= burst:
            for i in range(max(start, marked_to + 1), end + 1):
                reasons[arrivals[i].participant_id].append(MANY_FROM_ADDRESS)
            marked_to = end
    # Removals from this address; a newcomer after the first of them is flagged.
    removals = [removed_at[a.participant_id] for a in arrivals if a.participant_id in removed_at]
    if removals:
        first = min(removals)
        for arrival in arrivals:
            if arrival.participant_id not in removed_at and arrival.at >= first:
                reasons[arrival.participant_id].append(REMOVED_ADDRESS)
    return {
        pid: Flag(pid, tuple(why), len(arrivals)) for pid, why in reasons.items() if pid not in removed_at
    }
