"""The `state` each role receives on connect: everything it may see, nothing more."""

from __future__ import annotations

import weakref

from ..domain import phases, votes
from ..domain.entities import Group, Participant, Workshop
from ..domain.settings import cards_blurred, names_shown
from ..store.votes import Tally
from ..store.workshops import Live, WorkshopStore
from . import counts, progress, report_back, serialisers
from .actors import ATTENDEE, FACILITATOR, SCREEN, Actor
from .context import Context
from .serialisers import View


def for_actor(ctx: Context, store: WorkshopStore, actor: Actor) -> View:
    """The state of whoever `actor` is (used after close, reopen and shuffles)."""
    if actor.role == FACILITATOR:
        return facilitator_state(store, ctx)
    if actor.role == SCREEN:
        return screen_state(store, ctx)
    me = store.people.get(actor.participant_id) if actor.participant_id is not None else None
    return attendee_state(store, ctx, me)


def _common(store: WorkshopStore, ctx: Context, role: str) -> View:
    live = store.live()
    return {"role": role, **_public(store, ctx, live), "timer": serialisers.timer_view(live, store.clock())}


# The set-up, groups, agenda and settings as views, per store, with the objects they were
# made from: in a join burst a thousand phones ask for the same ones.
_built: weakref.WeakKeyDictionary[WorkshopStore, tuple[Live, tuple[Group, ...], Workshop, View]] = (
    weakref.WeakKeyDictionary()
)


def _public(store: WorkshopStore, ctx: Context, live: Live) -> View:
    """The parts of `state` every role shares, rebuilt only when the running state, the
    groups or the set-up (`workshop:edit`) have changed (the store replaces those objects on
    every change). Shared between states: never modified in place."""
    groups = store.groups.snapshot()
    workshop = store.workshop()
    kept = _built.get(store)
    if kept is not None and kept[0] is live and kept[1] is groups and kept[2] is workshop:
        return kept[3]
    view = {
        "workshop": serialisers.workshop_view(workshop, ctx.join_url(workshop.code)),
        "kinds": serialisers.kinds_view(workshop),
        "groups": [serialisers.group_view(g) for g in groups],
        "agenda": serialisers.agenda_view(live),
        "phase": serialisers.phase_view(live, workshop),
        "settings": serialisers.settings_view(live),
    }
    _built[store] = (live, groups, workshop, view)
    return view


def _shows_report(store: WorkshopStore) -> bool:
    live = store.live()
    return phases.shows_report(live.phase, closed=live.closed)


def attendee_state(store: WorkshopStore, ctx: Context, me: Participant | None, *, new: bool = False) -> View:
    """A new attendee sees the set-up; a joined one also their group's cards, themes and dots.
    `new`: `me` has only just joined, so has cast no dots (two queries fewer per join)."""
    state = _common(store, ctx, ATTENDEE)
    # A phone gets the groups it needs, no more: the list to pick from (when attendees pick),
    # then its own group. A hundred groups are 8 KB, sent twice per phone over venue Wi-Fi.
    if me is None:
        if store.workshop().assignment != "self":
            state["groups"] = []
        return state
    state["groups"] = [g for g in state["groups"] if g["id"] == me.group_id]
    live = store.live()
    settings = live.settings
    state["me"] = serialisers.participant_view(me, online=True)
    cards = serialisers.card_views(store, store.cards.all(group_id=me.group_id, include_hidden=False))
    if cards_blurred(settings):
        cards = [c if c["participant_id"] == me.id else serialisers.blurred(c) for c in cards]
    state["cards"] = cards
    state["my_other_cards"] = [] if new else _my_other_cards(store, me, cards)
    state["themes"] = [serialisers.theme_view(t) for t in store.themes.all(group_id=me.group_id)]
    mine: Tally = {"cards": {}, "themes": {}} if new else store.votes.tallies(participant_id=me.id)
    state["my_votes"] = serialisers.tallies_view(mine)
    state["votes_left"] = votes.left(settings.votes_per_person, 0 if new else store.votes.used(me.id))
    if settings.votes_revealed:
        everyone = counts.tallies(store)
        card_ids = {c["id"] for c in cards}
        theme_ids = {t["id"] for t in state["themes"]}
        state["tallies"] = serialisers.tallies_view(
            {
                "cards": {k: n for k, n in everyone["cards"].items() if k in card_ids},
                "themes": {k: n for k, n in everyone["themes"].items() if k in theme_ids},
            }
        )
    state["report"] = (
        report_back.report(store, group_id=me.group_id, slide=True) if _shows_report(store) else None
    )
    return state


def _my_other_cards(store: WorkshopStore, me: Participant, shown: list[View]) -> list[View]:
    """The person's own cards their group's list does not show: set aside by the facilitator
    (`hidden: true`) or left in a group they were moved from. A phone still shows them to
    their author, so nobody posts a card again because it seemed lost. Only the person's own
    words: texts merged into such a card are left out, being others' or out of sight."""
    own_shown = sum(1 for c in shown if c["participant_id"] == me.id)
    if store.cards.count_by(me.id) <= own_shown:  # the usual case: one cheap count, no read
        return []
    others = [
        c for c in store.cards.all() if c.participant_id == me.id and (c.hidden or c.group_id != me.group_id)
    ]
    return [{**view, "merged": []} for view in serialisers.card_views(store, others)]


def facilitator_state(store: WorkshopStore, ctx: Context) -> View:
    """Everything: every card (hidden ones flagged), every person with presence, tallies."""
    state = _common(store, ctx, FACILITATOR)
    people = store.people.all()
    state["cards"] = serialisers.card_views(store, store.cards.all())
    state["participants"] = [
        serialisers.participant_view(p, online=ctx.presence.is_online(store.code, p.id)) for p in people
    ]
    state["counts"] = serialisers.counts(store, ctx)
    state["flags"] = ctx.arrivals.flags(store.code)  # people who joined much faster than a room
    state["themes"] = [serialisers.theme_view(t) for t in store.themes.all()]
    state["tallies"] = serialisers.tallies_view(counts.tallies(store))
    state["vote_progress"] = progress.vote_progress(store)
    state["report"] = report_back.report(store, slide=True)
    state["spotlight"] = serialisers.spotlight_view(store.live())
    return state


def screen_state(store: WorkshopStore, ctx: Context) -> View:
    """The projector: every visible card and how many people are in. No secrets."""
    state = _common(store, ctx, SCREEN)
    settings = store.live().settings
    cards = serialisers.card_views(store, store.cards.all(include_hidden=False))
    if cards_blurred(settings):
        cards = [serialisers.blurred(c) for c in cards]
    if not names_shown(settings):
        cards = [serialisers.unnamed(c) for c in cards]
    state["cards"] = cards
    state["people"] = store.people.count()
    state["themes"] = [serialisers.theme_view(t) for t in store.themes.all()]
    if settings.votes_revealed:
        state["tallies"] = serialisers.tallies_view(counts.tallies(store))
    state["report"] = report_back.report(store, public=True, slide=True) if _shows_report(store) else None
    state["spotlight"] = serialisers.spotlight_view(store.live())
    return state
