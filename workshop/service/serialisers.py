"""Entities turned into the JSON objects of docs/protocol.md."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from ..domain import phases
from ..domain.entities import Card, Group, Participant, Theme, Workshop
from ..store.votes import Tally
from ..store.workshops import Live, WorkshopStore
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


def kinds_view(workshop: Workshop) -> list[View]:
    return [{"id": k.id, "label": k.label} for k in workshop.kinds]


def group_view(group: Group) -> View:
    return {
        "id": group.id,
        "name": group.name,
        "position": group.position,
        "locked": group.locked,
        "size_limit": group.size_limit,
    }


def participant_view(person: Participant, *, online: bool) -> View:
    return {
        "id": person.id,
        "name": person.name,
        "organisation": person.organisation,
        "group_id": person.group_id,
        "online": online,
        "joined_at": person.joined_at,
        "removed": person.removed,
    }


def theme_view(theme: Theme) -> View:
    return {"id": theme.id, "group_id": theme.group_id, "name": theme.name, "created_at": theme.created_at}


def card_view(card: Card, author: Participant | None, merged: Iterable[View] = ()) -> View:
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
        "theme_id": card.theme_id,
        "merged": list(merged),
        "original_text": card.original_text,
    }


def blurred(view: View) -> View:
    """Another person's card while cards are blurred: there, but not readable yet."""
    return {**view, "text": "", "author": None, "organisation": None, "merged": [], "blurred": True}


def unnamed(view: View) -> View:
    """A card as the projector shows it while names are off: its words, not who wrote them."""
    merged = [{**m, "author": None, "organisation": None} for m in view.get("merged", [])]
    return {**view, "author": None, "organisation": None, "merged": merged}


def card_views(store: WorkshopStore, cards: Iterable[Card]) -> list[View]:
    """Cards with their authors and merged texts, reading the people once."""
    cards = list(cards)
    if not cards:  # a new group's empty board, on every join of a burst: nothing to read
        return []
    folded = store.cards.merged_into([c.id for c in cards])
    authors = {c.participant_id for c in cards} | {m.participant_id for ms in folded.values() for m in ms}
    people = store.people.by_ids(authors)
    return [
        card_view(c, people.get(c.participant_id), merged_views(folded.get(c.id, ()), people)) for c in cards
    ]


def one_card(store: WorkshopStore, card: Card) -> View:
    """A single card as everyone sees it, with its author and merged texts."""
    return card_views(store, [card])[0]


def merged_views(cards: Iterable[Card], people: Mapping[int, Participant]) -> list[View]:
    out = []
    for c in cards:
        author = people.get(c.participant_id)
        out.append(
            {
                "id": c.id,
                "text": c.text,
                "author": author.name if author else None,
                "organisation": author.organisation if author else None,
            }
        )
    return out


def tallies_view(tally: Tally) -> View:
    """JSON object keys are strings."""
    return {kind: {str(k): n for k, n in counts.items()} for kind, counts in tally.items()}


def phase_view(live: Live, workshop: Workshop) -> View:
    phase = live.phase
    return {
        "index": min(live.phase_index, len(live.agenda) - 1),
        "kind": phase.kind,
        "name": phase.name,
        "minutes": phase.minutes,
        "question": phase.question or workshop.question,
        # What it allows now (with the settings): the pages read this, never a copy of the rules.
        "allows": {
            "cards": phases.allows_cards(
                phase, closed=live.closed, cards_while_voting=live.settings.cards_while_voting
            ),
            "votes": phases.allows_votes(phase, closed=live.closed),
            "report": phases.shows_report(phase, closed=live.closed),
        },
        "closed": phases.is_closed(phase, live.closed),
    }


def agenda_view(live: Live) -> list[View]:
    return [{"index": i, **asdict(p)} for i, p in enumerate(live.agenda)]


def timer_view(live: Live, now: float) -> View:
    timer = live.timer
    return {
        "running": timer.running,
        "remaining": round(timer.left(now), 3),
        "ends_at": timer.ends_at if timer.running else None,
        "duration": timer.duration,
        "now": now,
    }


def spotlight_view(live: Live) -> View | None:
    """The card or theme the projector shows full screen, by id, or None."""
    return asdict(live.spotlight) if live.spotlight else None


def settings_view(live: Live) -> View:
    return {**asdict(live.settings), "closed": live.closed}


def counts(store: WorkshopStore, ctx: Context) -> View:
    """People and visible cards per group, for the dashboard's headers."""
    sizes = store.group_sizes()
    cards = store.cards.counts()
    return {
        "people": sum(sizes.values()),
        "online": ctx.presence.online_count(store.code),
        "groups": {str(gid): {"people": size, "cards": cards.get(gid, {})} for gid, size in sizes.items()},
    }


def group_counts(store: WorkshopStore, group_ids: Iterable[int]) -> View:
    """People and visible cards of some groups only, with indexed queries."""
    return {
        str(gid): {"people": store.people.count_in(gid), "cards": store.cards.counts_in(gid)}
        for gid in dict.fromkeys(group_ids)
    }


def people_changed(store: WorkshopStore, ctx: Context) -> View:
    return {"people": store.people.count(), "online": ctx.presence.online_count(store.code)}
