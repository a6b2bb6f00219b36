"""Merging alike lines of the synthesis: themes and top items of different groups offered as
one line, kept with where each part came from (#17).

`synthesis:suggest` offers the sets (`domain/alike.py`), `synthesis:merge` keeps one under a
name, `synthesis:decline` sets one aside; both decisions are kept in the workshop's file and
the offer does not come back for the same set. The report's synthesis lists the merged lines
with their parts (`merged_lines`), which report-back shows on the projector and in the report.
"""

from __future__ import annotations

from ..domain import alike, ranking
from ..domain.alike import DeclineLines, Line, MergeLines
from ..domain.commands import Empty
from ..domain.errors import NotFound
from ..store.synthesis import DECLINED, MERGED, SynthesisDecisions
from ..store.workshops import WorkshopStore
from . import counts, report_news, rooms
from .actors import Actor
from .context import Context
from .outcome import Announce, Outcome
from .serialisers import View


def lines(store: WorkshopStore) -> list[Line]:
    """What the synthesis draws on: every theme, and each group's top items of each kind."""
    cards = store.cards.all(include_hidden=False)
    card_votes = counts.tallies(store)["cards"]
    found = [Line(f"theme:{t.id}", t.group_id, t.name) for t in store.themes.all()]
    for group in store.groups.all():
        mine = [c for c in cards if c.group_id == group.id]
        for kind in store.workshop().kinds:
            found += [
                Line(f"card:{c.id}", c.group_id, c.text) for c in ranking.top_cards(mine, card_votes, kind.id)
            ]
    return found


def suggest_merges(ctx: Context, store: WorkshopStore, actor: Actor, cmd: Empty) -> Outcome:
    """Sets of alike lines from two groups or more, not yet merged or declined."""
    shown = lines(store)
    by_key = {line.key: line for line in shown}
    names = {g.id: g.name for g in store.groups.all()}
    decided = SynthesisDecisions(store.handle).decided()
    # Off the event loop, as the theme suggestions: the first call loads the encoder.
    found = ctx.offload(alike.offers, shown, decided)
    return Outcome(
        ack={
            "merges": [
                {"items": list(o.keys), "name": o.name, "lines": [_part(by_key[k], names) for k in o.keys]}
                for o in found
            ]
        }
    )


def merge_lines(ctx: Context, store: WorkshopStore, actor: Actor, cmd: MergeLines) -> Outcome:
    """Alike lines become one line of the synthesis, under the facilitator's name."""
    keys = alike.key_set(cmd.items)
    # Offers span two groups or more; the facilitator may also join lines of one group.
    parts = _existing(store, keys)
    name = " ".join(cmd.name.split())[:60] or alike.name_of([p.text for p in parts])
    SynthesisDecisions(store.handle).decide(keys, MERGED, name)
    return _changed(store, {"items": list(keys), "name": name})


def decline_lines(ctx: Context, store: WorkshopStore, actor: Actor, cmd: DeclineLines) -> Outcome:
    """Not the same: the set is not offered again (a set with a line more or less is)."""
    keys = alike.key_set(cmd.items)
    _existing(store, keys)
    SynthesisDecisions(store.handle).decide(keys, DECLINED)
    return Outcome(
        ack={"items": list(keys)},
        announce=(Announce("synthesis:declined", {"items": list(keys)}, rooms.facilitators(store.code)),),
    )


def merged_lines(store: WorkshopStore, names: dict[int, str]) -> list[View]:
    """The synthesis's merged lines, each with its parts: which group, which theme or card.
    A part hidden, merged or deleted since drops out; a line left with one part goes."""
    found = []
    for keys, name in SynthesisDecisions(store.handle).merged():
        parts = [p for p in (_line(store, k) for k in keys) if p is not None]
        if len(parts) >= 2:
            found.append({"name": name, "items": list(keys), "lines": [_part(p, names) for p in parts]})
    return found


def _part(line: Line, names: dict[int, str]) -> View:
    return {
        "key": line.key,
        "group_id": line.group_id,
        "group": names.get(line.group_id, ""),
        "text": line.text,
    }


def _existing(store: WorkshopStore, keys: tuple[str, ...]) -> list[Line]:
    parts = [_line(store, k) for k in keys]
    if any(p is None for p in parts):
        raise NotFound("One of those lines does not exist.", field="items")
    return [p for p in parts if p is not None]


def _line(store: WorkshopStore, key: str) -> Line | None:
    kind, _, number = key.partition(":")
    if kind == "theme":
        theme = store.themes.get(int(number))
        return Line(key, theme.group_id, theme.name) if theme else None
    card = store.cards.get(int(number))
    if card is None or card.hidden or card.merged_into is not None:
        return None
    return Line(key, card.group_id, card.text)


def _changed(store: WorkshopStore, merged: View) -> Outcome:
    """The merge is announced with the reports it changes, as report-back announces them."""
    _, announce = report_news.report_changed(store)
    return Outcome(ack=merged, announce=announce)
