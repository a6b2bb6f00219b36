"""What the facilitator steers: hide cards, move people, add and rename groups."""

from __future__ import annotations

from ..domain import setup
from ..domain.commands import AddGroup, CardRef, MoveParticipant, RenameGroup
from ..domain.entities import Group
from ..domain.errors import NotFound, UnknownGroup
from ..store.workshops import WorkshopStore
from . import audiences, policy, rooms, views
from .actors import Actor
from .cards import find_card
from .context import Context
from .outcome import Announce, Outcome, RoomMove


def set_hidden(ctx: Context, store: WorkshopStore, actor: Actor, cmd: CardRef, hidden: bool) -> Outcome:
    """Hide a card from attendees and the projector (kept in the data), or bring it back."""
    policy.require_facilitator(actor)
    card = find_card(store, cmd.card_id)
    author = store.people.get(card.participant_id)
    if card.hidden == hidden:
        return Outcome(ack={"card": views.card_view(card, author)})
    changed = store.cards.set_hidden(card, hidden)
    view = views.card_view(changed, author)
    public = (
        audiences.public(store, changed, "card:hidden", {"card_id": card.id, "group_id": card.group_id})
        if hidden
        else audiences.public(store, changed, "card:added", {"card": view})
    )
    return Outcome(
        ack={"card": view},
        announce=(
            *public,
            Announce("card:updated", {"card": view}, rooms.facilitators(store.code)),
            audiences.counts_changed(ctx, store),
        ),
    )


def move_participant(ctx: Context, store: WorkshopStore, actor: Actor, cmd: MoveParticipant) -> Outcome:
    """Put a person in another group; their phone follows at once."""
    policy.require_facilitator(actor)
    person = store.people.get(cmd.participant_id)
    if person is None:
        raise NotFound("That person is not in this workshop.", field="participant_id")
    _group(store, cmd.group_id)
    online = ctx.presence.is_online(store.code, person.id)
    if person.group_id == cmd.group_id:
        return Outcome(ack={"participant": views.participant_view(person, online=online)})
    moved = store.people.move(person, cmd.group_id)
    view = views.participant_view(moved, online=online)
    code = store.code
    return Outcome(
        ack={"participant": view},
        moves=(
            RoomMove(
                rooms.person(code, moved.id),
                rooms.group(code, person.group_id),
                rooms.group(code, moved.group_id),
            ),
        ),
        announce=(
            Announce("state", views.attendee_state(store, ctx, moved), rooms.person(code, moved.id)),
            Announce("participant:updated", {"participant": view}, rooms.facilitators(code)),
            audiences.counts_changed(ctx, store),
        ),
    )


def add_group(ctx: Context, store: WorkshopStore, actor: Actor, cmd: AddGroup) -> Outcome:
    """A new breakout group, at the end of the list."""
    policy.require_facilitator(actor)
    group = store.groups.add(setup.group_name(cmd.name))
    view = views.group_view(group)
    return Outcome(
        ack={"group": view},
        announce=(
            Announce("group:added", {"group": view}, rooms.everyone(store.code)),
            audiences.counts_changed(ctx, store),
        ),
    )


def rename_group(ctx: Context, store: WorkshopStore, actor: Actor, cmd: RenameGroup) -> Outcome:
    policy.require_facilitator(actor)
    group = _group(store, cmd.group_id)
    renamed = store.groups.rename(group, setup.group_name(cmd.name))
    view = views.group_view(renamed)
    return Outcome(
        ack={"group": view},
        announce=(Announce("group:renamed", {"group": view}, rooms.everyone(store.code)),),
    )


def _group(store: WorkshopStore, group_id: int) -> Group:
    group = store.groups.get(group_id)
    if group is None:
        raise UnknownGroup("That group does not exist.", field="group_id")
    return group
