"""Posting, editing and deleting cards: attendees act on their own cards, in their group."""

from __future__ import annotations

from ..domain import cards
from ..domain.commands import AddCard, CardRef, EditCard
from ..domain.entities import Card, Participant
from ..domain.errors import NotFound
from ..store.workshops import WorkshopStore
from . import audiences, policy, serialisers
from .actors import Actor
from .context import Context
from .outcome import Outcome


def resent(store: WorkshopStore, actor: Actor, cmd: AddCard) -> Outcome | None:
    """A resend after a reconnect gets the first answer again, and no second echo."""
    me = policy.acting_attendee(store, actor)
    existing = store.cards.by_client_id(me.id, cards.client_id(cmd.client_id))
    return None if existing is None else Outcome(ack={"card": serialisers.one_card(store, existing)})


def add_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: AddCard) -> Outcome:
    """An attendee posts a card to their own group (the phase was checked at the edge)."""
    if (again := resent(store, actor, cmd)) is not None:
        return again
    me = policy.acting_attendee(store, actor)
    client_id = cards.client_id(cmd.client_id)
    policy.require_group_open(store, me)
    cards.check_quota(store.cards.count_by(me.id), store.live().settings.cards_per_person)
    kind = cards.card_kind(store.workshop(), cmd.kind)
    text = cards.card_text(cmd.text)
    card, is_new = store.cards.insert_once(  # committed before anyone hears of it
        group_id=me.group_id, participant_id=me.id, kind=kind, text=text, client_id=client_id
    )
    view = serialisers.card_view(card, me)
    if not is_new:
        return Outcome(ack={"card": view})
    return Outcome(
        ack={"card": view},
        announce=(
            *audiences.card_change(store, card, "card:added", view),
            audiences.counts_changed(ctx, store, [card.group_id]),
        ),
    )


def edit_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: EditCard) -> Outcome:
    """An attendee corrects the text (or kind) of their own card."""
    card, me = _own_card(store, actor, cmd.card_id)
    policy.require_group_open(store, me)
    cards.check_author_may_change(card)
    text = cards.card_text(cmd.text)
    kind = cards.card_kind(store.workshop(), cmd.kind) if cmd.kind is not None else card.kind
    updated = store.cards.update(card, text=text, kind=kind)
    view = serialisers.one_card(store, updated)
    announce = audiences.card_change(store, updated, "card:updated", view)
    if kind != card.kind:
        announce.append(audiences.counts_changed(ctx, store, [card.group_id]))
    return Outcome(ack={"card": view}, announce=tuple(announce))


def delete_card(ctx: Context, store: WorkshopStore, actor: Actor, cmd: CardRef) -> Outcome:
    """An attendee removes their own card; texts merged into it become cards again."""
    card, me = _own_card(store, actor, cmd.card_id)
    policy.require_group_open(store, me)
    cards.check_author_may_change(card)
    had_votes = store.votes.count_on("card", card.id) > 0
    restored = store.cards.delete(card.id)
    announce = audiences.card_gone(store, card)
    for back, view in zip(restored, serialisers.card_views(store, restored), strict=True):
        announce += audiences.card_change(store, back, "card:added", view)
    return Outcome(
        ack={"card_id": card.id},
        announce=(*announce, audiences.counts_changed(ctx, store, [card.group_id])),
        progress=store.code if had_votes else None,  # its dots went back to their voters
    )


def find_card(store: WorkshopStore, card_id: int) -> Card:
    card = store.cards.get(card_id)
    if card is None or card.merged_into is not None:
        raise NotFound("That card does not exist.", field="card_id")
    return card


def _own_card(store: WorkshopStore, actor: Actor, card_id: int) -> tuple[Card, Participant]:
    me = policy.acting_attendee(store, actor)
    card = find_card(store, card_id)
    cards.check_author(card, me.id)
    return card, me
