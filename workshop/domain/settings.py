"""A workshop's switches: vote budget, what is allowed while voting, what is revealed."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InvalidInput

MAX_VOTES = 20


@dataclass(frozen=True, slots=True)
class Settings:
    votes_per_person: int = 3
    multiple_votes_per_item: bool = False
    cards_while_voting: bool = False
    blur_cards: bool = False  # others' cards blurred on phones until revealed
    cards_revealed: bool = False
    votes_revealed: bool = False
    closed: bool = False


def votes_per_person(value: int) -> int:
    if not 1 <= value <= MAX_VOTES:
        raise InvalidInput(f"Votes per person must be 1 to {MAX_VOTES}.", field="votes_per_person")
    return value
