"""Who may do what: checked by every use case before it changes anything."""

from __future__ import annotations

from ..domain.errors import NotAllowed, NotJoined
from .actors import ATTENDEE, FACILITATOR, Actor


def require_facilitator(actor: Actor) -> None:
    if actor.role != FACILITATOR:
        raise NotAllowed("Only the facilitator can do that.")


def require_attendee(actor: Actor) -> int:
    """The acting attendee's id; refuses facilitators, screens and those not yet joined."""
    if actor.role != ATTENDEE:
        raise NotAllowed("Only attendees can do that.")
    if actor.participant_id is None:
        raise NotJoined("Join the workshop first.")
    return actor.participant_id
