"""Everything a user can get wrong, as a small hierarchy with stable machine codes."""

from __future__ import annotations


class WorkshopError(Exception):
    """Anything a user can cause. `code` is part of the protocol: never rename one."""

    code = "error"
    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message  # for people; free to reword
        self.field = field  # which input was wrong, when one was


class InvalidInput(WorkshopError):
    """A field has the wrong type, is missing, or breaks a rule not listed below."""

    code = "invalid_input"


class InvalidPayload(InvalidInput):
    """The payload is not a JSON object."""

    code = "invalid_payload"


class EmptyText(InvalidInput):
    """A text is empty or only whitespace after trimming."""

    code = "empty_text"


class TextTooLong(InvalidInput):
    """A text is longer than its limit (card 500, name 80, organisation 120, title 200, question 1000,
    group name 60, theme name 60).
    """

    code = "text_too_long"


class UnknownKind(InvalidInput):
    """A card kind the workshop does not have."""

    code = "unknown_kind"


class NameRequired(InvalidInput):
    """`join` without a name where the workshop does not allow anonymous attendees."""

    code = "name_required"


class NotFound(WorkshopError):
    """A card or participant that does not exist in this workshop."""

    code = "not_found"
    status = 404


class UnknownGroup(NotFound):
    """A group id that does not exist in this workshop."""

    code = "unknown_group"


class UnknownWorkshop(NotFound):
    """No workshop has this code."""

    code = "unknown_workshop"


class Unauthorized(WorkshopError):
    """A facilitator route or the API without a key."""

    code = "missing_key"
    status = 401


class BadKey(Unauthorized):
    """A key that opens nothing here."""

    code = "bad_key"


class BadToken(Unauthorized):
    """An attendee token this workshop does not know."""

    code = "bad_token"


class NotAllowed(WorkshopError):
    """The caller's role may not do this (an attendee hiding a card, editing another's card...)."""

    code = "not_allowed"
    status = 403


class NotJoined(NotAllowed):
    """An attendee event before `join`."""

    code = "not_joined"


class Conflict(WorkshopError):
    """The request clashes with the current state."""

    code = "conflict"
    status = 409


class AlreadyJoined(Conflict):
    """`join` on a connection that has already joined."""

    code = "already_joined"


def all_error_classes() -> list[type[WorkshopError]]:
    """Every error class, for the docs test that keeps docs/protocol.md complete."""
    found: list[type[WorkshopError]] = []
    pending: list[type[WorkshopError]] = [WorkshopError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


class WrongPhase(Conflict):
    """The current phase does not allow this, or the workshop is closed."""

    code = "wrong_phase"


class NoVotesLeft(Conflict):
    """A vote beyond the person's dots."""

    code = "no_votes_left"


class DuplicateVote(Conflict):
    """A second dot on the same item where multiple votes per item are off."""

    code = "duplicate_vote"


class NotYourGroup(NotAllowed):
    """An item of another group."""

    code = "not_your_group"


class GroupLocked(Conflict):
    """Joining or posting to a locked group."""

    code = "group_locked"


class GroupFull(Conflict):
    """Self-select into a group at its size limit."""

    code = "group_full"


class CardHidden(Conflict):
    """A card the facilitator has hidden: kept as evidence, so its author cannot edit or delete
    it, and it takes no part in a merge until it is shown again."""

    code = "card_hidden"


class Removed(NotAllowed):
    """The attendee was removed from the workshop."""

    code = "removed"


class StorageError(WorkshopError):
    """The file could not be written for another reason: nothing was saved; try again."""

    code = "storage_unavailable"
    status = 503


class StorageFull(StorageError):
    """The laptop's disk is full: nothing was saved; the server keeps serving and saves again once
    there is room.
    """

    code = "storage_full"


class StorageReadOnly(StorageError):
    """The data folder cannot be written: nothing was saved."""

    code = "storage_read_only"


class WorkshopUnavailable(StorageError):
    """The workshop's file exists but is damaged; it is reported and left untouched."""

    code = "workshop_unavailable"


class BadOrigin(NotAllowed):
    """A state-changing request or a Socket.IO connection from a page of another site (see
    `docs/security.md`).
    """

    code = "bad_origin"


class RateLimited(WorkshopError):
    """Too many events from one connection, or too many wrong join codes from one address; wait and
    retry.
    """

    code = "rate_limited"
    status = 429


class CardLimit(Conflict):
    """The person has posted `cards_per_person` cards already."""

    code = "card_limit"


class WorkshopFull(Conflict):
    """The workshop has `max_people` people already."""

    code = "workshop_full"


class DoorClosed(Conflict):
    """`join` while the facilitator has closed the door to new people (people who joined before still
    connect with their token).
    """

    code = "door_closed"


class TooManyJoins(RateLimited):
    """`join` past the new people allowed per client address and workshop (`WORKSHOP_JOIN_RATE`,
    default 30 a minute); wait and retry.
    """

    code = "too_many_joins"


class TooFewWorkshops(InvalidInput):
    """A series (`GET /series`) of fewer than two workshops: too few chosen, or a title prefix that
    fewer than two titles start with.
    """

    code = "too_few_workshops"


class TooManyWorkshops(InvalidInput):
    """A series of more than 50 workshops."""

    code = "too_many_workshops"


class NeedsMigration(WorkshopError):
    """The command line (`python -m workshop series`) was given a file of another schema version: it
    reads files only, so it refuses instead of upgrading it.
    """

    code = "needs_migration"
    status = 409
