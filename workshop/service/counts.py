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
    shown = store.cards.all(include_hidden=False)
    return {"cards": raw["cards"], "themes": votes.theme_totals(raw["themes"], raw["cards"], shown)}


def changed_by(store: WorkshopStore, column: str, item_id: int) -> Tally:
    """The counts a dot on `item_id` changed: the item's own, and for a card its theme's."""
    now = tallies(store)
    if column == "theme":
        return {"cards": {}, "themes": {item_id: now["themes"].get(item_id, 0)}}
    changed: Tally = {"cards": {item_id: now["cards"].get(item_id, 0)}, "themes": {}}
    card = store.cards.get(item_id)
    if card is not None and card.theme_id is not None:
        changed["themes"][card.theme_id] = now["themes"].get(card.theme_id, 0)
    return changed
