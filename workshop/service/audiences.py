"""Who hears of a change: the announcements several use cases share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..domain.entities import Card
from ..domain.settings import cards_blurred, names_shown
from ..store.workshops import WorkshopStore
from . import rooms, serialisers
from .context import Context
from .outcome import Announce


def card_change(store: WorkshopStore, card: Card, event: str, view: dict[str, Any]) -> list[Announce]:
    """`card:added` or `card:updated`: the facilitators see it all; the card's group and the
    projector see it unless hidden, and only blurred while cards are blurred."""
    code = store.code
    announce = [Announce(event, {"card": view}, rooms.facilitators(code))]
    if card.hidden:
        return announce
    public = public_view(store, view)
    if public is view:
        return announce + public_rooms(store, card, event, {"card": view})
    # Blurred: the author's own phones get their words, everyone else the placeholder.
    author = rooms.person(code, card.participant_id)
    return [
        *announce,
        Announce(event, {"card": public}, rooms.group(code, card.group_id), skip=author),
        Announce(event, {"card": view}, author),
        Announce(event, on_screen(store, {"card": public}), rooms.screens(code)),
    ]


def public_view(store: WorkshopStore, view: dict[str, Any]) -> dict[str, Any]:
    """A card as attendees and the projector may see it now."""
    return serialisers.blurred(view) if cards_blurred(store.live().settings) else view


def card_gone(store: WorkshopStore, card: Card, event: str = "card:deleted") -> list[Announce]:
    """`card:deleted` (everyone who had it) or `card:hidden` (only those who never see hidden cards)."""
    payload = {"card_id": card.id, "group_id": card.group_id}
    announce = public_rooms(store, card, event, payload)
    if event == "card:deleted":
        announce.append(Announce(event, payload, rooms.facilitators(store.code)))
    return announce


def public_rooms(store: WorkshopStore, card: Card, event: str, payload: dict[str, Any]) -> list[Announce]:
    """The card's group and the projector: those who never see hidden cards."""
    return [
        Announce(event, payload, rooms.group(store.code, card.group_id)),
        Announce(event, on_screen(store, payload), rooms.screens(store.code)),
    ]


def on_screen(store: WorkshopStore, payload: dict[str, Any]) -> dict[str, Any]:
    """A payload as the projector may show it: a card without its author's name while names
    on screen are off (the default)."""
    if "card" not in payload or names_shown(store.live().settings):
        return payload
    return {**payload, "card": serialisers.unnamed(payload["card"])}


def to_group_and_stewards(
    store: WorkshopStore, group_id: int, event: str, payload: dict[str, Any]
) -> list[Announce]:
    """A group's attendees, the facilitators and the projector (themes, merges)."""
    return [
        Announce(event, payload, rooms.group(store.code, group_id)),
        Announce(event, payload, rooms.facilitators(store.code)),
        Announce(event, on_screen(store, payload), rooms.screens(store.code)),
    ]


def counts_changed(ctx: Context, store: WorkshopStore, groups: Iterable[int] | None = None) -> Announce:
    """The dashboard's counts: of the groups a card change touched (cheap, merged by the
    dashboard), or all of them after a change in who is where."""
    counts = (
        serialisers.counts(store, ctx)
        if groups is None
        else {"groups": serialisers.group_counts(store, groups)}
    )
    return Announce("counts:changed", {"counts": counts}, rooms.facilitators(store.code))


def people_changed(ctx: Context, store: WorkshopStore) -> list[Announce]:
    payload = serialisers.people_changed(store, ctx)
    return [
        Announce("people:changed", payload, rooms.facilitators(store.code)),
        Announce("people:changed", payload, rooms.screens(store.code)),
    ]


def flags_changed(code: str, flagged: list[dict[str, Any]]) -> tuple[Announce, ...]:
    """The dashboard's join flags that changed, if any (docs/protocol.md, `flags:changed`)."""
    return (Announce("flags:changed", {"flags": flagged}, rooms.facilitators(code)),) if flagged else ()
