"""Clustering a group's cards into themes, merging duplicates, and suggesting groupings."""

from __future__ import annotations

from ..domain import cards as card_rules
from ..domain import suggestions as suggestion_rules
from ..domain import themes as theme_rules
from ..domain.commands import CreateTheme, GroupRef, MergeCards, RenameTheme, SetCardTheme, ThemeRef
from ..domain.entities import Theme
from ..domain.errors import NotFound, NotYourGroup, UnknownGroup
from ..domain.suggestions import DeclineSuggestion
from ..store.declined import DeclinedSuggestions
from ..store.workshops import WorkshopStore
from . import audiences, rooms, serialisers
from .actors import Actor
from .cards import find_card
from .context import Context
from .outcome import Announce, Outcome


def create_theme(ctx: Context, store: WorkshopStore, actor: Actor, cmd: CreateTheme) -> Outcome:
    if store.groups.get(cmd.group_id) is None:
        raise UnknownGroup("That group does not exist.", field="group_id")
    theme = store.themes.add(cmd.group_id, theme_rules.theme_name(cmd.name))
    view = serialisers.theme_view(theme)
    return Outcome(
        ack={"theme": view},
        announce=tuple(
            audiences.to_group_and_stewards(store, theme.group_id, "theme:created", {"theme": view})
        ),
    )


def rename_theme(ctx: Context, store: WorkshopStore, actor: Actor, cmd: RenameTheme) -> Outcome:
    theme = store.themes.rename(_theme(store, cmd.theme_id), theme_rules.theme_name(cmd.name))
    view = serialisers.theme_view(theme)
    return Outcome(
        ack={"theme": view},
        announce=tuple(
            audiences.to_group_and_stewards(store, theme.group_id, "theme:renamed", {"theme": view})
        ),
    )


def delete_theme(ctx: Context, store: WorkshopStore, actor: Actor, cmd: ThemeRef) -> Outcome:
    """The theme goes; its cards stay, unthemed; its dots go back to the voters."""
    theme = _theme(store, cmd.theme_id)
    had_votes = store.votes.count_on("theme", theme.id) > 0
    store.themes.delete(theme)
    gone = {"theme_id": theme.id, "group_id": theme.group_id}
    return Outcome(
        ack={"theme_id": theme.id},
        announce=tuple(audiences.to_group_and_stewards(store, theme.group_id, "theme:deleted", gone)),
        # Returned dots change what the group's phones show as left.
        refresh=_dots_changed(store, theme.group_id) if had_votes else (),
        progress=store.code if had_votes else None,
    )


def set_card_theme(ctx: Context, store: WorkshopStore, actor: Actor, cmd: SetCardTheme) -> Outcome:
    """Drop a card into one of its group's themes, or out of any theme (None)."""
    card = find_card(store, cmd.card_id)
    if cmd.theme_id is not None:
        theme_rules.check_card_fits(card, _theme(store, cmd.theme_id))
    if card.theme_id == cmd.theme_id:
        return Outcome(ack={"card": serialisers.one_card(store, card)})
    themed = store.cards.set_theme(card, cmd.theme_id)
    view = serialisers.one_card(store, themed)
    return Outcome(
        ack={"card": view}, announce=tuple(audiences.card_change(store, themed, "card:updated", view))
    )


def merge_cards(ctx: Context, store: WorkshopStore, actor: Actor, cmd: MergeCards) -> Outcome:
    """Fold duplicates into one card; it keeps their texts and authors, and their dots."""
    into = find_card(store, cmd.into)
    ids = card_rules.merged_ids(into.id, cmd.cards)
    others = [find_card(store, card_id) for card_id in ids]
    card_rules.check_mergeable(into, others)
    had_votes = any(store.votes.count_on("card", c.id) for c in others)
    store.cards.merge(into, others)
    view = serialisers.one_card(store, into)
    public = {"card": audiences.public_view(store, view), "merged": ids}
    announce = [
        Announce("card:merged", {"card": view, "merged": ids}, rooms.facilitators(store.code)),
        *audiences.public_rooms(store, into, "card:merged", public),
    ]
    return Outcome(
        ack={"card": view},
        announce=(*announce, audiences.counts_changed(ctx, store, [into.group_id])),
        refresh=_dots_changed(store, into.group_id) if had_votes else (),
    )


def _dots_changed(store: WorkshopStore, group_id: int) -> tuple[str, ...]:
    """Dots moved or came back: the group's phones and the dashboards redraw from a fresh state."""
    return (rooms.group(store.code, group_id), rooms.facilitators(store.code))


def suggest_themes(ctx: Context, store: WorkshopStore, actor: Actor, cmd: GroupRef) -> Outcome:
    """Groups of alike unthemed cards, named, less the sets declined; nothing changes until
    the facilitator acts. Cheap to ask again: each card's meaning is computed once."""
    if store.groups.get(cmd.group_id) is None:
        raise UnknownGroup("That group does not exist.", field="group_id")
    cards = [c for c in store.cards.all(group_id=cmd.group_id, include_hidden=False) if c.theme_id is None]
    declined = DeclinedSuggestions(store.handle).sets(cmd.group_id)
    # Off the event loop: 200 new cards take most of a second (docs/performance.md).
    found = ctx.offload(suggestion_rules.propose, [(c.id, c.text) for c in cards])
    return Outcome(
        ack={
            "suggestions": [
                {"card_ids": s.card_ids, "name": s.name}
                for s in suggestion_rules.not_declined(found, declined)
            ]
        }
    )


def decline_suggestion(ctx: Context, store: WorkshopStore, actor: Actor, cmd: DeclineSuggestion) -> Outcome:
    """These cards are not a theme: that exact set is not suggested again, even after a reload."""
    if store.groups.get(cmd.group_id) is None:
        raise UnknownGroup("That group does not exist.", field="group_id")
    ids = suggestion_rules.card_set(cmd.card_ids)
    for card_id in ids:
        card = store.cards.get(card_id)
        if card is None or card.merged_into is not None:
            raise NotFound("One of those cards does not exist.", field="card_ids")
        if card.group_id != cmd.group_id:
            raise NotYourGroup("Those cards are not all in that group.", field="card_ids")
    DeclinedSuggestions(store.handle).add(cmd.group_id, ids)
    declined = {"group_id": cmd.group_id, "card_ids": list(ids)}
    # Every open dashboard drops the suggestion, not only the one that declined it.
    return Outcome(
        ack=declined, announce=(Announce("theme:declined", declined, rooms.facilitators(store.code)),)
    )


def _theme(store: WorkshopStore, theme_id: int) -> Theme:
    theme = store.themes.get(theme_id)
    if theme is None:
        raise NotFound("That theme does not exist.", field="theme_id")
    return theme
