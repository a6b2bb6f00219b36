"""Who may do what, and when: checked by every use case before it changes anything."""

from __future__ import annotations

from ..domain import phases
from ..domain.entities import Participant
from ..domain.errors import GroupLocked, NotAllowed, NotJoined, Removed, WrongPhase
from ..store.workshops import WorkshopStore
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


def current_attendee(store: WorkshopStore, actor: Actor) -> Participant:
    """The acting attendee, still in the workshop."""
    me = store.people.get(require_attendee(actor))
    if me is None or me.removed:
        raise Removed("The facilitator has removed you from this workshop.")
    return me


def require_open(store: WorkshopStore) -> None:
    """Nothing changes in a closed workshop (but reopening it)."""
    if store.live().closed:
        raise WrongPhase("The workshop is closed.")


def require_cards_allowed(store: WorkshopStore, me: Participant) -> None:
    """Posting and changing cards: the phase must allow it and the group must be open."""
    live = store.live()
    phases.require_cards(live.phase, closed=live.closed, cards_while_voting=live.settings.cards_while_voting)
    group = store.groups.get(me.group_id)
    if group is not None and group.locked:
        raise GroupLocked(f"“{group.name}” is locked by the facilitator.")


def require_votes_allowed(store: WorkshopStore) -> None:
    live = store.live()
    phases.require_votes(live.phase, closed=live.closed)
