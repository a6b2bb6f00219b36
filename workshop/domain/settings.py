"""A workshop's switches: vote budget, what is allowed while voting, what is revealed."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DoorClosed, InvalidInput, WrongPhase

MAX_VOTES = 20
MAX_CARDS_PER_PERSON = 1000
MAX_PEOPLE = 10_000


@dataclass(frozen=True, slots=True)
class Settings:
    votes_per_person: int = 3
    multiple_votes_per_item: bool = False
    cards_while_voting: bool = False
    blur_cards: bool = False  # others' cards blurred on phones until revealed
    cards_revealed: bool = False
    votes_revealed: bool = False
    closed: bool = False
    cards_per_person: int = 200  # a phone stuck in a loop can't fill the disk
    max_people: int = 5000
    retention_days: int | None = None  # deleted this many days after closing; None keeps it
    door_closed: bool = False  # no new people join; those who joined still come back


def votes_per_person(value: int) -> int:
    if not 1 <= value <= MAX_VOTES:
        raise InvalidInput(f"Votes per person must be 1 to {MAX_VOTES}.", field="votes_per_person")
    return value


def cards_per_person(value: int) -> int:
    if not 1 <= value <= MAX_CARDS_PER_PERSON:
        raise InvalidInput(f"Cards per person must be 1 to {MAX_CARDS_PER_PERSON}.", field="cards_per_person")
    return value


def max_people(value: int) -> int:
    if not 1 <= value <= MAX_PEOPLE:
        raise InvalidInput(f"People per workshop must be 1 to {MAX_PEOPLE}.", field="max_people")
    return value


def admit_newcomer(settings: Settings) -> None:
    """A new person may join only while the door is open; a returning one is not asked."""
    if settings.door_closed:
        raise DoorClosed(
            "The facilitator has closed the door to new people. If you joined before, "
            "open this page on the phone you joined with."
        )


# What a closed workshop still lets the facilitator change: how long it is kept.
CHANGEABLE_WHEN_CLOSED = frozenset({"retention_days"})


def check_changes_when_closed(names: set[str]) -> None:
    """A closed workshop keeps the settings it ran with; only its retention may change."""
    if names - CHANGEABLE_WHEN_CLOSED:
        raise WrongPhase("The workshop is closed: only how long it is kept can change.")
