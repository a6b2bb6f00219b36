"""What each role sees: entities turned into the JSON objects of docs/protocol.md."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..domain.entities import Card, Group, Participant, Workshop
from ..store.workshops import WorkshopStore
from .actors import ATTENDEE, FACILITATOR, SCREEN
from .context import Context

View = dict[str, Any]


def workshop_view(workshop: Workshop, join_url: str) -> View:
    return {
        "code": workshop.code,
        "title": workshop.title,
        "question": workshop.question,
        "assignment": workshop.assignment,
        "allow_anonymous": workshop.allow_anonymous,
        "join_url": join_url,
    }


def group_view(group: Group) -> View:
    return {"id": group.id, "name": group.name, "position": group.position}


def participant_view(person: Participant, *, online: bool) -> View:
    return {
        "id": person.id,
        "name": person.name,
        "organisation": person.organisation,
        "group_id": person.group_id,
        "online": online,
        "joined_at": person.joined_at,
    }


def card_view(card: Card, author: Participant | None) -> View:
    return {
        "id": card.id,
        "group_id": card.group_id,
        "participant_id": card.participant_id,
        "kind": card.kind,
        "text": card.text,
        "client_id": card.client_id,
        "author": author.name if author else None,
        "organisation": author.organisation if author else None,
        "created_at": card.created_at,
        "updated_at": card.updated_at,
        "hidden": card.hidden,
    }


def card_views(store: WorkshopStore, cards: Iterable[Card]) -> list[View]:
    """Cards with their authors, reading the people once."""
    people = {p.id: p for p in store.people.all()}
    return [card_view(card, people.get(card.participant_id)) for card in cards]


def counts(store: WorkshopStore, ctx: Context) -> View:
    """People and visible cards per group, for the dashboard's headers."""
    sizes = store.groups.sizes()
    cards = store.cards.counts()
    return {
        "people": sum(sizes.values()),
        "online": ctx.presence.online_count(store.code),
        "groups": {str(gid): {"people": size, "cards": cards.get(gid, {})} for gid, size in sizes.items()},
    }


def people_changed(store: WorkshopStore, ctx: Context) -> View:
    return {"people": store.people.count(), "online": ctx.presence.online_count(store.code)}


def _common(store: WorkshopStore, ctx: Context, role: str) -> View:
    workshop = store.workshop()
    return {
        "role": role,
        "workshop": workshop_view(workshop, ctx.join_url(workshop.code)),
        "kinds": [{"id": k.id, "label": k.label} for k in workshop.kinds],
        "groups": [group_view(g) for g in store.groups.all()],
    }


def attendee_state(store: WorkshopStore, ctx: Context, me: Participant | None) -> View:
    """A new attendee sees the set-up; a joined one also their group's visible cards."""
    state = _common(store, ctx, ATTENDEE)
    if me is not None:
        state["me"] = participant_view(me, online=True)
        state["cards"] = card_views(store, store.cards.all(group_id=me.group_id, include_hidden=False))
    return state


def facilitator_state(store: WorkshopStore, ctx: Context) -> View:
    """Everything: every card (hidden ones flagged), every person with presence, counts."""
    state = _common(store, ctx, FACILITATOR)
    people = store.people.all()
    by_id = {p.id: p for p in people}
    state["cards"] = [card_view(c, by_id.get(c.participant_id)) for c in store.cards.all()]
    state["participants"] = [
        participant_view(p, online=ctx.presence.is_online(store.code, p.id)) for p in people
    ]
    state["counts"] = counts(store, ctx)
    return state


def screen_state(store: WorkshopStore, ctx: Context) -> View:
    """The projector: every visible card and how many people are in. No secrets."""
    state = _common(store, ctx, SCREEN)
    state["cards"] = card_views(store, store.cards.all(include_hidden=False))
    state["people"] = store.people.count()
    return state
