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
    """A field has the wrong type, is missing, or breaks a rule."""

    code = "invalid_input"


class InvalidPayload(InvalidInput):
    """The payload is not a JSON object at all."""

    code = "invalid_payload"


class EmptyText(InvalidInput):
    """A text is empty or only whitespace after trimming."""

    code = "empty_text"


class TextTooLong(InvalidInput):
    """A text is longer than its limit."""

    code = "text_too_long"


class UnknownKind(InvalidInput):
    """A card kind the workshop does not have."""

    code = "unknown_kind"


class NameRequired(InvalidInput):
    """Joining without a name where anonymous attendees are not allowed."""

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
    """The caller did not prove who they are."""

    code = "missing_key"
    status = 401


class BadKey(Unauthorized):
    """A key that opens nothing here."""

    code = "bad_key"


class BadToken(Unauthorized):
    """An attendee token this workshop does not know."""

    code = "bad_token"


class NotAllowed(WorkshopError):
    """The caller's role may not do this."""

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
    """The workshop's file could not be written; nothing was saved. Try again."""

    code = "storage_unavailable"
    status = 503


class StorageFull(StorageError):
    """The disk is full; nothing was saved."""

    code = "storage_full"


class StorageReadOnly(StorageError):
    """The data folder cannot be written; nothing was saved."""

    code = "storage_read_only"


class WorkshopUnavailable(StorageError):
    """The workshop's file exists but cannot be read (damaged); it is left untouched."""

    code = "workshop_unavailable"


class BadOrigin(NotAllowed):
    """A state-changing request or a connection from a page of another site."""

    code = "bad_origin"


class RateLimited(WorkshopError):
    """Too many requests in a short time; wait a moment and try again."""

    code = "rate_limited"
    status = 429


class CardLimit(Conflict):
    """The person has posted as many cards as the workshop allows."""

    code = "card_limit"


class WorkshopFull(Conflict):
    """The workshop has as many people as it allows."""

    code = "workshop_full"


class DoorClosed(Conflict):
    """The facilitator has closed the door: no new people join (joined people still return)."""

    code = "door_closed"


class TooManyJoins(RateLimited):
    """Too many new people joined from this address in a short time."""

    code = "too_many_joins"


class TooFewWorkshops(InvalidInput):
    """A series needs at least two workshops: the selection or the title prefix gave fewer."""

    code = "too_few_workshops"


class TooManyWorkshops(InvalidInput):
    """A series takes at most 50 workshops."""

    code = "too_many_workshops"


class NeedsMigration(WorkshopError):
    """A file opened read-only was made by another version of the app: reading it would
    mean changing its schema, so it is refused and left as it is."""

    code = "needs_migration"
    status = 409
