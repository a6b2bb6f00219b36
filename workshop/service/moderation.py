"""Card moderation by the facilitator: hide and restore, correct the text, move to a group."""

from __future__ import annotations

from ..domain import cards
from ..domain.commands import CardRef, CorrectCard, MoveCard
from ..domain.errors import UnknownGroup
from ..store.workshops import WorkshopStore
from . import audiences, rooms, serialisers
from .actors import Actor
from .cards import find_card
from .context import Context
from .outcome import Announce, Outcome


def set_hidden(ctx: Context, store: WorkshopStore, actor: Actor, cmd: CardRef, hidden: bool) -> Outcome:
    """Hide a card from attendees and the projector (kept in the data), or bring it back."""
    card = find_card(store, cmd.card_id)
    if card.hidden == hidden:
        return Outcome(ack={"card": serialisers.one_card(store, card)})
    changed = store.cards.set_hidden(card, hidden)
    view = serialisers.one_card(store, changed)
    if hidden:
        announce = [
            *audiences.card_gone(store, changed, "card:hidden"),
            Announce("card:updated", {"card": view}, rooms.facilitators(store.code)),
        ]
    else:  # back for everyone: the group and projector see it as new, facilitators as changed
        public = {"card": audiences.public_view(store, view)}
        announce = [
            *audiences.public_rooms(store, changed, "card:added", public),
            Announce("card:updated", {"card": view}, rooms.facilitators(store.code)),
        ]
    return Outcome(
        ack={"card": view}, announce=(*announce, audiences.counts_changed(ctx, store, [card.group_id]))
    )


def correct_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: CorrectCard) -> Outcome:
    """The facilitator fixes a card's text; the original is kept and shown as edited."""
    card = find_card(store, cmd.card_id)
    corrected = store.cards.correct(card, cards.card_text(cmd.text))
    view = serialisers.one_card(store, corrected)
    return Outcome(
        ack={"card": view}, announce=tuple(audiences.card_change(store, corrected, "card:updated", view))
    )


def move_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: MoveCard) -> Outcome:
    """A card that belongs to another group's conversation goes there (leaving its theme)."""
    card = find_card(store, cmd.card_id)
    if store.groups.get(cmd.group_id) is None:
        raise UnknownGroup("That group does not exist.", field="group_id")
    if card.group_id == cmd.group_id:
        return Outcome(ack={"card": serialisers.one_card(store, card)})
    had_votes = store.votes.count_on("card", card.id) > 0
    moved = store.cards.move(card, cmd.group_id)
    view = serialisers.one_card(store, moved)
    code = store.code
    announce = [
        Announce("card:updated", {"card": view}, rooms.facilitators(code)),
        Announce(
            "card:deleted", {"card_id": card.id, "group_id": card.group_id}, rooms.group(code, card.group_id)
        ),
    ]
    if not moved.hidden:
        public = {"card": audiences.public_view(store, view)}
        announce.append(Announce("card:added", public, rooms.group(code, moved.group_id)))
        announce.append(Announce("card:updated", public, rooms.screens(code)))
    # Its author's phones keep it in sight (under "Your other cards"), so it is not posted again.
    announce.append(Announce("card:updated", {"card": view}, rooms.person(code, card.participant_id)))
    return Outcome(
        ack={"card": view},
        announce=(*announce, audiences.counts_changed(ctx, store, [card.group_id, moved.group_id])),
        # Its dots were the old group's: they come back to the voters.
        refresh=(rooms.group(code, card.group_id), rooms.facilitators(code)) if had_votes else (),
        progress=code if had_votes else None,
    )
