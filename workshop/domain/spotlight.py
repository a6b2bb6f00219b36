"""The spotlight: one card or one theme the facilitator puts full screen on the projector."""

from __future__ import annotations

from dataclasses import dataclass

from .entities import Card
from .errors import CardHidden, InvalidInput, NotFound


@dataclass(frozen=True, slots=True)
class Spotlight:
    """What the projector shows full screen, by id: exactly one of the two is set."""

    card_id: int | None = None
    theme_id: int | None = None


def aim(card_id: int | None, theme_id: int | None) -> Spotlight:
    """A spotlight on a card or on a theme, never both nor neither."""
    if (card_id is None) == (theme_id is None):
        raise InvalidInput("Spotlight one card (card_id) or one theme (theme_id).", field="card_id")
    return Spotlight(card_id=card_id, theme_id=theme_id)


def check_card(card: Card | None) -> Card:
    """Only a card the room may see goes on the projector: not hidden, not merged away."""
    if card is None or card.merged_into is not None:
        raise NotFound("That card does not exist.", field="card_id")
    if card.hidden:
        raise CardHidden("Show the card again before putting it in the spotlight.", field="card_id")
    return card
