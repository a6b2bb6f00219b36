"""Rules for cards: kind, text and the client id that makes resends idempotent."""

from __future__ import annotations

from collections.abc import Iterable

from . import texts
from .entities import Card, Workshop
from .errors import CardHidden, CardLimit, InvalidInput, NotAllowed, NotYourGroup, UnknownKind

MAX_MERGE = 50  # cards folded into one at once


def card_text(text: str) -> str:
    """A card's text, trimmed: 1 to 500 characters."""
    return texts.required_text(text, field="text", limit=texts.CARD_TEXT_MAX, what="A card")


def card_kind(workshop: Workshop, kind: str) -> str:
    """A kind this workshop has."""
    if kind not in workshop.kind_ids():
        allowed = ", ".join(workshop.kind_ids())
        raise UnknownKind(f"Unknown card kind {kind!r}; this workshop has: {allowed}.", field="kind")
    return kind


def client_id(value: str) -> str:
    """The phone's id for a card, so a resend is recognised."""
    value = texts.storable(value, field="client_id").strip()
    if not 1 <= len(value) <= texts.CLIENT_ID_MAX:
        raise InvalidInput(f"client_id must have 1 to {texts.CLIENT_ID_MAX} characters.", field="client_id")
    return value


def is_author(card: Card, participant_id: int) -> bool:
    """Whether this person wrote the card."""
    return card.participant_id == participant_id


def check_author(card: Card, participant_id: int) -> None:
    """An attendee changes only the cards they wrote."""
    if not is_author(card, participant_id):
        raise NotAllowed("You can only change your own cards.", field="card_id")


def check_author_may_change(card: Card) -> None:
    """A hidden card is kept as the facilitator left it: its author neither edits nor deletes it."""
    if card.hidden:
        raise CardHidden("The facilitator has hidden this card: it is kept as it is.", field="card_id")


def check_quota(posted: int, cards_per_person: int) -> None:
    """A person posts at most `cards_per_person` cards: a phone stuck in a loop can't fill the disk."""
    if posted >= cards_per_person:
        raise CardLimit(f"You have posted {cards_per_person} cards, the most this workshop allows.")


def merged_ids(into: int, card_ids: Iterable[int]) -> list[int]:
    """The other cards to fold into card `into`, each once, in order: 1 to MAX_MERGE of them."""
    ids = sorted(set(card_ids) - {into})
    if not 1 <= len(ids) <= MAX_MERGE:
        raise InvalidInput(f"Merge 1 to {MAX_MERGE} other cards into it.", field="cards")
    return ids


def check_mergeable(into: Card, others: Iterable[Card]) -> None:
    """Only cards of one group merge. Hidden cards stay out of merges: a merged card shows
    every text in it to the group and the projector, and its parts can no longer be hidden
    one by one."""
    others = list(others)
    if any(card.group_id != into.group_id for card in others):
        raise NotYourGroup("Only cards of the same group can be merged.", field="cards")
    if into.hidden:
        raise CardHidden("Show the card again before merging into it.", field="into")
    if any(card.hidden for card in others):
        raise CardHidden("Show the card again before merging it.", field="cards")
