"""The room's dots as every screen and export shows them: one count per card and per theme.

A card counts its own dots; a theme counts its own plus those of the shown cards in it
(`domain/votes.theme_totals`). Every view asks here, so the dashboard, phones, projector,
report-back, the printable report, the downloads and the series say the same number."""

from __future__ import annotations

from ..domain import votes
from ..store.votes import Tally
from ..store.workshops import WorkshopStore


def tallies(store: WorkshopStore) -> Tally:
    raw = store.votes.tallies()
    totals = votes.theme_totals(raw["themes"], raw["cards"], store.cards.themed())
    return {"cards": raw["cards"], "themes": totals}


def changed_by(store: WorkshopStore, column: str, item_id: int) -> Tally:
    """The counts a dot on `item_id` changed: the item's own, and for a card its theme's total.
    Read item by item: a vote burst casts thousands of dots, each must stay cheap."""
    if column == "theme":
        return {"cards": {}, "themes": {item_id: _theme_total(store, item_id)}}
    changed: Tally = {"cards": {item_id: store.votes.count_on("card", item_id)}, "themes": {}}
    card = store.cards.get(item_id)
    if card is not None and card.theme_id is not None:
        changed["themes"][card.theme_id] = _theme_total(store, card.theme_id)
    return changed


def _theme_total(store: WorkshopStore, theme_id: int) -> int:
    themed = store.cards.themed(theme_id)
    dots = {card_id: store.votes.count_on("card", card_id) for card_id, _ in themed}
    own = {theme_id: store.votes.count_on("theme", theme_id)}
    return votes.theme_totals(own, dots, themed).get(theme_id, 0)
