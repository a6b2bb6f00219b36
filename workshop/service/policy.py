"""What a use case still asks of the acting person once the edge has let the event through.

Who may send an event and in which phases is declared once per event in
`workshop/service/catalogue.py` and checked there; these are the checks that depend on the
person's own data."""

from __future__ import annotations

from ..domain import people
from ..domain.entities import Participant
from ..domain.errors import GroupLocked, Removed
from ..store.workshops import WorkshopStore
from .actors import Actor


def acting_attendee(store: WorkshopStore, actor: Actor) -> Participant:
    """The attendee sending the event (the edge has checked they joined and are still in)."""
    me = store.people.get(actor.participant_id) if actor.participant_id is not None else None
    if me is None or me.removed:  # the edge refused these already; a use case never acts for them
        raise Removed(people.REMOVED_MESSAGE)
    return me


def require_group_open(store: WorkshopStore, me: Participant) -> None:
    """Cards of a locked group stay as they are."""
    group = store.groups.get(me.group_id)
    if group is not None and group.locked:
        raise GroupLocked(f"“{group.name}” is locked by the facilitator.")
