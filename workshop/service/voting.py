"""Dot voting: attendees place and take back dots on their group's cards and themes."""

from __future__ import annotations

from dataclasses import replace

from ..domain import cards as card_rules
from ..domain import votes
from ..domain.commands import CastVote, Empty, RetractVote
from ..domain.entities import Participant
from ..domain.errors import NotFound
from ..store.workshops import WorkshopStore
from . import counts, policy, rooms, serialisers
from .actors import Actor
from .context import Context
from .outcome import Announce, Outcome


def resent(store: WorkshopStore, actor: Actor, cmd: CastVote) -> Outcome | None:
    """A resend of a dot already placed gets the same answer, whatever the phase is now."""
    me = policy.acting_attendee(store, actor)
    if store.votes.by_client_id(me.id, card_rules.client_id(cmd.client_id)) is None:
        return None
    return Outcome(ack=_my_dots(store, me))


def cast_vote(ctx: Context, store: WorkshopStore, actor: Actor, cmd: CastVote) -> Outcome:
    """One dot on a card or theme of the attendee's own group, within their budget."""
    if (again := resent(store, actor, cmd)) is not None:
        return again
    me = policy.acting_attendee(store, actor)
    client_id = card_rules.client_id(cmd.client_id)
    column, item_id = votes.target(cmd.card_id, cmd.theme_id)
    _require_own_group_item(store, me, column, item_id)
    settings = store.live().settings
    with store.atomic():  # the budget check and the insert see the same count
        votes.check_cast(
            used=store.votes.used(me.id),
            budget=settings.votes_per_person,
            on_item=store.votes.on_item(me.id, column, item_id),
            multiple_per_item=settings.multiple_votes_per_item,
        )
        store.votes.add(me.id, column, item_id, client_id)
    return Outcome(
        ack=_my_dots(store, me), announce=_tally_changed(store, column, item_id), progress=store.code
    )


def retract_vote(ctx: Context, store: WorkshopStore, actor: Actor, cmd: RetractVote) -> Outcome:
    """Take one dot back, while voting is open."""
    me = policy.acting_attendee(store, actor)
    column, item_id = votes.target(cmd.card_id, cmd.theme_id)
    if not store.votes.retract(me.id, column, item_id):
        raise NotFound("You have no vote there to take back.", field=f"{column}_id")
    return Outcome(
        ack=_my_dots(store, me), announce=_tally_changed(store, column, item_id), progress=store.code
    )


def reveal_votes(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    """Show the tallies to everyone."""
    live = store.save_live(settings=replace(store.live().settings, votes_revealed=True))
    tallies = serialisers.tallies_view(counts.tallies(store))
    return Outcome(
        ack={"settings": serialisers.settings_view(live)},
        announce=(Announce("votes:revealed", {"tallies": tallies}, rooms.everyone(store.code)),),
    )


def hide_votes(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    live = store.save_live(settings=replace(store.live().settings, votes_revealed=False))
    return Outcome(
        ack={"settings": serialisers.settings_view(live)},
        announce=(Announce("votes:hidden", {}, rooms.everyone(store.code)),),
    )


def _require_own_group_item(store: WorkshopStore, me: Participant, column: str, item_id: int) -> None:
    if column == "card":
        item = store.cards.get(item_id)
        if item is None or item.merged_into is not None or item.hidden:
            raise NotFound("That card does not exist.", field="card_id")
    else:
        item = store.themes.get(item_id)
        if item is None:
            raise NotFound("That theme does not exist.", field="theme_id")
    votes.check_own_group(item.group_id, me.group_id, field=f"{column}_id")


def _my_dots(store: WorkshopStore, me: Participant) -> dict:
    budget = store.live().settings.votes_per_person
    return {
        "votes_left": votes.left(budget, store.votes.used(me.id)),
        "my_votes": serialisers.tallies_view(store.votes.tallies(participant_id=me.id)),
    }


def _tally_changed(store: WorkshopStore, column: str, item_id: int) -> tuple[Announce, ...]:
    """Only the counts that changed (the item's, and its theme's): phones and dashboards merge
    them into what they have."""
    payload = {"tallies": serialisers.tallies_view(counts.changed_by(store, column, item_id))}
    revealed = store.live().settings.votes_revealed
    room = rooms.everyone(store.code) if revealed else rooms.facilitators(store.code)
    return (Announce("votes:changed", payload, room),)
