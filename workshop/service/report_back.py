"""Report-back content: each group's top items and themes, and the room's synthesis."""

from __future__ import annotations

from ..domain import ranking, similarity
from ..domain.entities import Card, Kind, Participant
from ..domain.settings import names_shown
from ..store.workshops import WorkshopStore
from . import counts, synthesis_merges
from .serialisers import View


def report(
    store: WorkshopStore, *, group_id: int | None = None, public: bool = False, slide: bool = False
) -> View:
    """The whole report for facilitators; `public` for the projector; with `group_id` for an
    attendee: their group's part and the synthesis, no other group's author or organisation.
    The projector and phones get no votes (null) and no order by votes until they are revealed.
    `slide`: for live report-back, deeper lists (ranking.SLIDE_TOP a kind) than the documents'
    top three and five, so a projector shows as many as fit; each part counts its cards per
    kind (`cards`), so a slide can say how many it does not show."""
    depth, room_depth = (
        (ranking.SLIDE_TOP, ranking.SLIDE_TOP) if slide else (ranking.TOP_N, ranking.SYNTHESIS_TOP)
    )
    live = store.live()
    workshop = store.workshop()
    groups = store.groups.all()
    people = {p.id: p for p in store.people.all()}
    cards = store.cards.all(include_hidden=False)
    shows_votes = not (public or group_id is not None) or live.settings.votes_revealed
    tally = counts.tallies(store) if shows_votes else {"cards": {}, "themes": {}}
    card_votes, theme_votes = tally["cards"], tally["themes"]
    themes = store.themes.all()
    theme_names = {t.id: t.name for t in themes}
    names = {g.id: g.name for g in groups}

    def item(card: Card) -> View:
        author = people.get(card.participant_id)
        if group_id is not None and card.group_id != group_id:
            author = None  # a phone shows its own group's people only
        if (public or group_id is not None) and not names_shown(live.settings):
            author = None  # report-back on screens names nobody unless the facilitator says so
        shown = _item(card, author, card_votes, theme_names)
        return shown if shows_votes else {**shown, "votes": None}

    group_parts = []
    for group in groups:
        if group_id is not None and group.id != group_id:
            continue
        mine = [c for c in cards if c.group_id == group.id]
        group_parts.append(
            {
                "group_id": group.id,
                "name": group.name,
                "top": {
                    k.id: [item(c) for c in ranking.top_cards(mine, card_votes, k.id, depth)]
                    for k in workshop.kinds
                },
                "cards": _per_kind(mine, workshop.kinds),
                "themes": sorted(
                    (
                        {
                            "id": t.id,
                            "name": t.name,
                            "votes": theme_votes.get(t.id, 0) if shows_votes else None,
                            "cards": sum(1 for c in mine if c.theme_id == t.id),
                        }
                        for t in themes
                        if t.group_id == group.id
                    ),
                    key=lambda t: (-(t["votes"] or 0), t["id"]),
                ),
            }
        )
    synthesis_top = {
        k.id: [
            {**item(c), "group": names.get(c.group_id, "")}
            for c in ranking.top_cards(cards, card_votes, k.id, room_depth)
        ]
        for k in workshop.kinds
    }
    return {
        "view": live.report.view,
        "group_id": live.report.group_id
        if live.report.group_id in names
        else (groups[0].id if groups else None),
        "groups": group_parts,
        "synthesis": {
            "top": synthesis_top,
            "cards": _per_kind(cards, workshop.kinds),
            "shared_themes": shared_themes(store, names),
            # Alike lines the facilitator merged, each with its groups' parts (#17).
            "merged": synthesis_merges.merged_lines(store, names),
        },
    }


def _per_kind(cards: list[Card], kinds: tuple[Kind, ...]) -> dict[str, int]:
    """How many shown cards of each kind: what a slide counts when it cannot show them all."""
    return {k.id: sum(1 for c in cards if c.kind == k.id) for k in kinds}


def shared_themes(store: WorkshopStore, names: dict[int, str]) -> list[View]:
    """Themes of alike names found in two or more groups."""
    themes = store.themes.all()
    by_id = {t.id: t for t in themes}
    shared = []
    for ids in similarity.clusters([(t.id, t.name) for t in themes]):
        group_names = sorted({names.get(by_id[i].group_id, "") for i in ids})
        if len(group_names) > 1:
            shared.append({"name": by_id[ids[0]].name, "groups": group_names})
    return shared


def _item(card: Card, author: Participant | None, votes: dict[int, int], themes: dict[int, str]) -> View:
    return {
        "card_id": card.id,
        "kind": card.kind,
        "text": card.text,
        "author": author.name if author else None,
        "organisation": author.organisation if author else None,
        "votes": votes.get(card.id, 0),
        "theme": themes.get(card.theme_id) if card.theme_id is not None else None,
    }
