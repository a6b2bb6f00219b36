"""Small finished workshops for the series tests: cards, themes and dots, made through the
use cases as a real workshop makes them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from tests.factories import card_payload, facilitator, join_as, make_workshop
from workshop.domain.commands import AddCard, CastVote, CreateTheme, SetCardTheme, SetPhase
from workshop.service import cards, steering, themes, voting
from workshop.service.context import Context
from workshop.store.workshops import WorkshopStore

VOTE = 3  # the vote phase of the default agenda
_ids = itertools.count(1)

# Launch A and Launch B share the "data silos" theme and the "rigid procurement" challenge;
# Launch A alone has "Team spirit"; Other C shares nothing with them.
LAUNCH_A = {
    "title": "Launch A",
    "cards": [
        ("challenge", "Data silos between agencies", 3),
        ("challenge", "Procurement rules are too rigid", 2),
        ("opportunity", "Shared data platform", 1),
    ],
    "themes": [("Data silos", ["Data silos between agencies"]), ("Team spirit", [])],
}
LAUNCH_B = {
    "title": "launch B",
    "cards": [
        ("challenge", "Agencies keep data in silos", 1),
        ("challenge", "Rigid procurement rules", 4),
        ("challenge", "Nobody owns the problem", 0),
    ],
    "themes": [("Silos of data", ["Agencies keep data in silos"])],
}
OTHER_C = {
    "title": "Other C",
    "cards": [("opportunity", "Citizens want to help", 2)],
    "themes": [("Volunteering", [])],
}


def held(
    ctx: Context,
    title: str,
    cards_: Sequence[tuple[str, str, int]] = (),
    themes_: Sequence[tuple[str, Sequence[str]]] = (),
    tick=None,
) -> WorkshopStore:
    """A workshop of one group: one person posts `cards_` (kind, text, dots), the facilitator
    makes `themes_` (name, texts of its cards), then the person places the dots."""
    store, _ = make_workshop(
        ctx, title=title, groups=["Everyone"], votes_per_person=20, multiple_votes_per_item=True
    )
    group = store.groups.all()[0].id
    person = join_as(ctx, store, group=group)
    fac = facilitator(store)
    ids = {}
    for kind, text, _dots in cards_:
        if tick:
            tick()
        ack = cards.add_card(ctx, store, person, AddCard(**card_payload(kind=kind, text=text))).ack
        ids[text] = ack["card"]["id"]
    for name, texts in themes_:
        theme_id = themes.create_theme(ctx, store, fac, CreateTheme(group, name)).ack["theme"]["id"]
        for text in texts:
            themes.set_card_theme(ctx, store, fac, SetCardTheme(ids[text], theme_id))
    steering.set_phase(ctx, store, fac, SetPhase(VOTE))
    for _kind, text, dots in cards_:
        for _ in range(dots):
            voting.cast_vote(ctx, store, person, CastVote(client_id=f"s-{next(_ids)}", card_id=ids[text]))
    return store


def three_workshops(ctx: Context, tick=None) -> list[WorkshopStore]:
    """Launch A, launch B and Other C, held in that order (`tick` moves the clock between)."""
    made = []
    for spec in (LAUNCH_A, LAUNCH_B, OTHER_C):
        if tick:
            tick()
        made.append(held(ctx, spec["title"], spec["cards"], spec["themes"], tick))
    return made
