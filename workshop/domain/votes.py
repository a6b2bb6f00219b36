"""Dot voting: a budget per person, and whether one item may take several dots."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import DuplicateVote, InvalidInput, NotYourGroup, NoVotesLeft


def target(card_id: int | None, theme_id: int | None) -> tuple[str, int]:
    """What a vote is on: exactly one of a card or a theme."""
    if (card_id is None) == (theme_id is None):
        raise InvalidInput("Vote on a card_id or a theme_id, exactly one of them.", field="card_id")
    return ("card", card_id) if card_id is not None else ("theme", theme_id)  # type: ignore[return-value]


def check_cast(*, used: int, budget: int, on_item: int, multiple_per_item: bool) -> None:
    """Raise when one more dot would break the rules."""
    if used >= budget:
        raise NoVotesLeft(f"You have used all {budget} of your votes.")
    if on_item > 0 and not multiple_per_item:
        raise DuplicateVote("You have already voted for this one.")


def check_own_group(item_group_id: int, my_group_id: int, *, field: str) -> None:
    """An attendee's dots go on the cards and themes of their own group."""
    if item_group_id != my_group_id:
        raise NotYourGroup("You can only vote in your own group.", field=field)


def left(budget: int, used: int) -> int:
    return max(0, budget - used)


def theme_totals(
    theme_dots: Mapping[int, int], card_dots: Mapping[int, int], themed: Iterable[tuple[int, int]]
) -> dict[int, int]:
    """Each theme's total: the dots on the theme itself plus the dots on the cards in it.

    The one count of a theme, on every screen and in every export. People put dots on the
    ideas they back as often as on a theme's name; a theme that gathers the room's most-voted
    ideas has the room's support, so a total that left its cards' dots out would rank it below
    a theme with one dot on its name. `themed` pairs each card that counts (shown, not merged
    away) with its theme; a card's own count stays its own."""
    totals = {theme_id: n for theme_id, n in theme_dots.items() if n}
    for card_id, theme_id in themed:
        if card_dots.get(card_id):
            totals[theme_id] = totals.get(theme_id, 0) + card_dots[card_id]
    return totals


@dataclass(frozen=True, slots=True)
class Progress:
    """How many people have placed all of their dots, some of them, or none yet."""

    all: int = 0
    some: int = 0
    none: int = 0


def progress(budget: int, people: int, placed: Mapping[int, int]) -> Progress:
    """Where `people` (a group, or the room) stand with their `budget` of dots. `placed` maps a
    number of dots placed (1 or more) to how many of the people placed that many; the rest
    have placed none. "All" is the whole budget: someone who placed more before the budget
    was lowered has placed all of theirs too."""
    done = sum(n for dots, n in placed.items() if dots >= budget)
    started = sum(n for dots, n in placed.items() if 0 < dots < budget)
    return Progress(all=done, some=started, none=max(0, people - done - started))


def total(parts: Iterable[Progress]) -> Progress:
    """The room's progress: its groups' added up (everyone is in exactly one group)."""
    listed = list(parts)
    return Progress(
        all=sum(p.all for p in listed), some=sum(p.some for p in listed), none=sum(p.none for p in listed)
    )
