"""Who hears of a change: the announcements several use cases share."""

from __future__ import annotations

from typing import Any

from ..domain.entities import Card
from ..store.workshops import WorkshopStore
from . import rooms, views
from .context import Context
from .outcome import Announce


def public(store: WorkshopStore, card: Card, event: str, payload: dict[str, Any]) -> list[Announce]:
    """The card's group and the projector: those who never see hidden cards."""
    return [
        Announce(event, payload, rooms.group(store.code, card.group_id)),
        Announce(event, payload, rooms.screens(store.code)),
    ]


def everyone_of_card(store: WorkshopStore, card: Card, event: str, payload: dict[str, Any]) -> list[Announce]:
    """The card's group, the projector and the facilitators."""
    return [*public(store, card, event, payload), Announce(event, payload, rooms.facilitators(store.code))]


def counts_changed(ctx: Context, store: WorkshopStore) -> Announce:
    return Announce("counts:changed", {"counts": views.counts(store, ctx)}, rooms.facilitators(store.code))


def people_changed(ctx: Context, store: WorkshopStore) -> list[Announce]:
    payload = views.people_changed(store, ctx)
    return [
        Announce("people:changed", payload, rooms.facilitators(store.code)),
        Announce("people:changed", payload, rooms.screens(store.code)),
    ]
