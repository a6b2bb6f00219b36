"""Report-back: each group's top items by votes, and the room's synthesis."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .entities import Card

TOP_N = 3  # items per kind in one group's report-back
SYNTHESIS_TOP = 5  # items per kind in the synthesis across all groups
# Items per kind sent to live report-back slides (projector, dashboard, phones): more than a
# slide can hold at 1280x720, so the projector shows as many as fit and counts the rest.
SLIDE_TOP = 8


def top_cards(cards: Sequence[Card], tallies: Mapping[int, int], kind: str, n: int = TOP_N) -> list[Card]:
    """The `n` cards of `kind` with most votes; ties go to the earlier card."""
    of_kind = [c for c in cards if c.kind == kind]
    return sorted(of_kind, key=lambda c: (-tallies.get(c.id, 0), c.created_at, c.id))[:n]


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the projector is in report-back: one group, or the synthesis."""

    view: str = "group"  # "group" or "synthesis"
    group_id: int | None = None  # None: the first group


def step(cursor: Cursor, group_ids: Sequence[int], delta: int) -> Cursor:
    """Next or previous stop of the walk: each group in order, then the synthesis."""
    stops: list[Cursor] = [Cursor("group", gid) for gid in group_ids] + [Cursor("synthesis", None)]
    current = 0
    if cursor.view == "synthesis":
        current = len(stops) - 1
    elif cursor.group_id in group_ids:
        current = list(group_ids).index(cursor.group_id)
    return stops[max(0, min(len(stops) - 1, current + delta))]
