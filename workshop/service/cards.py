"""Posting, editing and deleting cards: attendees act on their own cards, in their group."""

from __future__ import annotations

from ..domain import cards
from ..domain.commands import AddCard, CardRef, EditCard
from ..domain.entities import Card
from ..domain.errors import NotAllowed, NotFound
from ..store.workshops import WorkshopStore
from . import audiences, policy, rooms, views
from .actors import Actor
from .context import Context
from .outcome import Announce, Outcome


def add_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: AddCard) -> Outcome:
    """An attendee posts a card to their own group."""
    me_id = policy.require_attendee(actor)
    workshop = store.workshop()
    kind = cards.card_kind(workshop, cmd.kind)
    text = cards.card_text(cmd.text)
    client_id = cards.client_id(cmd.client_id)
    me = store.people.get(me_id)
    if me is None:
        raise NotAllowed("You are no longer in this workshop.")
    card, is_new = store.cards.insert_once(  # committed before anyone hears of it
        group_id=me.group_id, participant_id=me.id, kind=kind, text=text, client_id=client_id
    )
    view = views.card_view(card, me)
    if not is_new:  # a resend after a reconnect: same answer, no second echo
        return Outcome(ack={"card": view})
    return Outcome(
        ack={"card": view},
        announce=(
            *audiences.everyone_of_card(store, card, "card:added", {"card": view}),
            audiences.counts_changed(ctx, store),
        ),
    )


def edit_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: EditCard) -> Outcome:
    """An attendee corrects the text (or kind) of their own card."""
    card = _own_card(store, actor, cmd.card_id)
    text = cards.card_text(cmd.text)
    kind = cards.card_kind(store.workshop(), cmd.kind) if cmd.kind is not None else card.kind
    updated = store.cards.update(card, text=text, kind=kind)
    view = views.card_view(updated, store.people.get(updated.participant_id))
    announce = [Announce("card:updated", {"card": view}, rooms.facilitators(store.code))]
    if not updated.hidden:
        announce += audiences.public(store, updated, "card:updated", {"card": view})
    if kind != card.kind:
        announce.append(audiences.counts_changed(ctx, store))
    return Outcome(ack={"card": view}, announce=tuple(announce))


def delete_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: CardRef) -> Outcome:
    """An attendee removes their own card."""
    card = _own_card(store, actor, cmd.card_id)
    store.cards.delete(card.id)
    gone = {"card_id": card.id, "group_id": card.group_id}
    return Outcome(
        ack={"card_id": card.id},
        announce=(
            *audiences.everyone_of_card(store, card, "card:deleted", gone),
            audiences.counts_changed(ctx, store),
        ),
    )


def find_card(store: WorkshopStore, card_id: int) -> Card:
    card = store.cards.get(card_id)
    if card is None:
        raise NotFound("That card does not exist.", field="card_id")
    return card


def _own_card(store: WorkshopStore, actor: Actor, card_id: int) -> Card:
    me_id = policy.require_attendee(actor)
    card = find_card(store, card_id)
    if not cards.is_author(card, me_id):
        raise NotAllowed("You can only change your own cards.", field="card_id")
    return card
