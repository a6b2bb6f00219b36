"""Who may send an event, and when: the rule every event is checked against, once, at the edge.

Each event of the protocol declares a `Permission` (`workshop/service/catalogue.py`); the
use cases behind it no longer ask who is acting or whether the phase allows it."""

from __future__ import annotations

from dataclasses import dataclass

from . import phases
from .errors import AlreadyJoined, NotAllowed, NotJoined, Removed, WrongPhase
from .people import REMOVED_MESSAGE

ATTENDEE = "attendee"
FACILITATOR = "facilitator"
SCREEN = "screen"  # the projector: sees, never changes anything
OWNER = "owner"  # the owner's list of workshops: no workshop of its own
ROLES = (ATTENDEE, FACILITATOR, SCREEN, OWNER)

ANY_PHASE = "any"
CARD_PHASES = "cards"  # posting and changing cards: brainstorm, cluster (and voting, if allowed)
VOTE_PHASES = "votes"  # the vote phase only

MUST_HAVE_JOINED = True
MUST_NOT_HAVE_JOINED = False

_ONLY = {
    frozenset({FACILITATOR}): "Only the facilitator can do that.",
    frozenset({ATTENDEE}): "Only attendees can do that.",
}


@dataclass(frozen=True, slots=True)
class Permission:
    roles: frozenset[str]  # who may send it
    when_closed: bool  # whether a closed workshop allows it (reading, revealing, reporting)
    phases: str = ANY_PHASE  # in which phases it is allowed
    joined: bool | None = MUST_HAVE_JOINED  # for attendees: must (not) have joined already

    def __post_init__(self) -> None:
        if not self.roles <= set(ROLES):
            raise ValueError(f"unknown roles {sorted(self.roles - set(ROLES))}")
        if self.phases not in (ANY_PHASE, CARD_PHASES, VOTE_PHASES):
            raise ValueError(f"unknown phases {self.phases!r}")


def facilitator(*, when_closed: bool) -> Permission:
    return Permission(frozenset({FACILITATOR}), when_closed=when_closed)


def attendee(*, phases: str, joined: bool | None = MUST_HAVE_JOINED) -> Permission:
    """Attendees act only while the workshop is open."""
    return Permission(frozenset({ATTENDEE}), when_closed=False, phases=phases, joined=joined)


def check_actor(permission: Permission, role: str, *, joined: bool, removed: bool) -> None:
    """The acting role may send this event: refuses with the reason a person would understand."""
    if role not in permission.roles:
        raise NotAllowed(_ONLY.get(permission.roles, "You cannot do that here."))
    if role != ATTENDEE:
        return
    if removed:
        raise Removed(REMOVED_MESSAGE)
    if permission.joined is MUST_HAVE_JOINED and not joined:
        raise NotJoined("Join the workshop first.")
    if permission.joined is MUST_NOT_HAVE_JOINED and joined:
        raise AlreadyJoined("You have already joined.")


def check_moment(
    permission: Permission, phase: phases.Phase, *, closed: bool, cards_while_voting: bool
) -> None:
    """The workshop's state allows this event now: open (or allowed while closed), and a phase
    that allows it."""
    if closed and not permission.when_closed:
        raise WrongPhase("The workshop is closed.")
    if permission.phases == CARD_PHASES:
        phases.require_cards(phase, closed=closed, cards_while_voting=cards_while_voting)
    elif permission.phases == VOTE_PHASES:
        phases.require_votes(phase, closed=closed)
