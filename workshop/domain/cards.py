"""Rules for cards: kind, text and the client id that makes resends idempotent."""

from __future__ import annotations

from . import texts
from .entities import Card, Workshop
from .errors import InvalidInput, UnknownKind


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
