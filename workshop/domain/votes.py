"""Dot voting: a budget per person, and whether one item may take several dots."""

from __future__ import annotations

from .errors import DuplicateVote, InvalidInput, NoVotesLeft


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


def left(budget: int, used: int) -> int:
    return max(0, budget - used)
