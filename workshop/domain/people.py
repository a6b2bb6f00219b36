"""Rules for attendees: a name (unless anonymous is allowed), an optional organisation, room
in the workshop, and how the facilitator picks people to remove."""

from __future__ import annotations

from . import texts
from .commands import Join
from .errors import InvalidInput, NameRequired, WorkshopFull
from .settings import MAX_PEOPLE

MAX_RECENT_MINUTES = 24 * 60  # "everyone who joined in the last N minutes": at most a day
# One wording wherever a removed person is refused or told (the phone translates it by code).
REMOVED_MESSAGE = "The facilitator removed you from this workshop."


def participant_name(cmd: Join, *, allow_anonymous: bool) -> str | None:
    """The trimmed name, or None for an anonymous attendee where that is allowed."""
    name = texts.optional_text(cmd.name, field="name", limit=texts.NAME_MAX, what="The name")
    if name is None and not allow_anonymous:
        raise NameRequired("Please type your name.", field="name")
    return name


def organisation(cmd: Join) -> str | None:
    """The trimmed organisation, or None."""
    return texts.optional_text(
        cmd.organisation, field="organisation", limit=texts.ORGANISATION_MAX, what="The organisation"
    )


def check_room(people: int, max_people: int, *, readmitting: bool = False) -> None:
    """One more person fits while fewer than `max_people` are in (removed people not counted)."""
    if people < max_people:
        return
    if readmitting:  # the facilitator asks: they can raise the limit
        raise WorkshopFull(f"This workshop is full ({max_people} people); raise the limit first.")
    raise WorkshopFull(f"This workshop is full ({max_people} people). Please ask the facilitator.")


def recent_minutes(minutes: int | None) -> int:
    """ "Everyone who joined in the last N minutes": 1 minute to a day."""
    if minutes is None or not 1 <= minutes <= MAX_RECENT_MINUTES:
        raise InvalidInput(f"Give 1 to {MAX_RECENT_MINUTES} minutes.", field="joined_within_minutes")
    return minutes


def named_for_removal(participant_ids: list[int]) -> set[int]:
    """The people a facilitator named to remove at once: 1 to MAX_PEOPLE of them."""
    if not 1 <= len(participant_ids) <= MAX_PEOPLE:
        raise InvalidInput(f"Name 1 to {MAX_PEOPLE} people.", field="participant_ids")
    return set(participant_ids)
