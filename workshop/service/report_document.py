"""The printable report: everything an organiser shares after a workshop, in one document.

The same document feeds the HTML page (`/w/<code>/report`) and the Markdown report, so the
two always say the same. Names appear only when the facilitator asks for them; otherwise
people are counted by organisation and never named."""

from __future__ import annotations

from typing import Any

from ..domain.entities import Card
from ..store.workshops import WorkshopStore
from . import counts, report_back
from .serialisers import View

NO_ORGANISATION = "Not given"


def document(store: WorkshopStore, *, include_names: bool = False) -> View:
    """Title, date, question and agenda; who took part; per group its themes and top items;
    the synthesis; and every visible card as an appendix."""
    workshop = store.workshop()
    live = store.live()
    groups = store.groups.all()
    everyone = store.people.all()
    people = [p for p in everyone if not p.removed]
    by_id = {p.id: p for p in everyone}
    cards = store.cards.all(include_hidden=False)
    votes = counts.tallies(store)["cards"]
    theme_names = {t.id: t.name for t in store.themes.all()}
    labels = {k.id: k.label for k in workshop.kinds}
    report = report_back.report(store)

    def named(item: dict[str, Any]) -> dict[str, Any]:
        return item if include_names else {**item, "author": None}

    parts = []
    for group, part in zip(groups, report["groups"], strict=True):
        mine = [c for c in cards if c.group_id == group.id]
        parts.append(
            {
                "name": group.name,
                "people": sum(1 for p in people if p.group_id == group.id),
                "cards": len(mine),
                "themes": part["themes"],
                "top": [
                    {"kind": k.id, "label": k.label, "items": [named(i) for i in part["top"].get(k.id, [])]}
                    for k in workshop.kinds
                ],
            }
        )
    synthesis = report["synthesis"]
    return {
        "code": workshop.code,
        "title": workshop.title,
        "created_at": workshop.created_at,
        "question": workshop.question,
        "agenda": [{"name": p.name, "kind": p.kind, "minutes": p.minutes} for p in live.agenda],
        "closed": live.closed,
        "include_names": include_names,
        "participation": participation(
            people, include_names=include_names, group_names={g.id: g.name for g in groups}
        ),
        "kinds": [
            {"id": k.id, "label": k.label, "cards": sum(1 for c in cards if c.kind == k.id)}
            for k in workshop.kinds
        ],
        "groups": parts,
        "synthesis": {
            "top": [
                {"kind": k.id, "label": k.label, "items": [named(i) for i in synthesis["top"].get(k.id, [])]}
                for k in workshop.kinds
            ],
            "shared_themes": synthesis["shared_themes"],
            "merged": synthesis.get("merged", []),
        },
        "cards": [
            _appendix_row(
                c,
                groups_by_id={g.id: g.name for g in groups},
                labels=labels,
                votes=votes,
                themes=theme_names,
                author=by_id.get(c.participant_id),
                include_names=include_names,
            )
            for c in sorted(
                cards, key=lambda c: (_position(groups, c.group_id), c.kind, -votes.get(c.id, 0), c.id)
            )
        ],
        "most_votes": max([*votes.values(), *(t["votes"] for p in parts for t in p["themes"]), 1]),
    }


def participation(
    people: list[Any], *, include_names: bool, group_names: dict[int, str] | None = None
) -> View:
    """How many took part, per organisation (most first) and the groups its people sat in,
    which still says something when every organisation sent one person; names only when
    asked for."""
    members: dict[str, list[str]] = {}
    seated: dict[str, list[str]] = {}
    order = list(group_names or {})
    for p in sorted(people, key=lambda p: order.index(p.group_id) if p.group_id in order else len(order)):
        organisation = (p.organisation or "").strip() or NO_ORGANISATION
        members.setdefault(organisation, []).append(p.name or "Anonymous")
        group = (group_names or {}).get(p.group_id)
        if group is not None and group not in seated.setdefault(organisation, []):
            seated[organisation].append(group)
    rows = []
    for organisation, names in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())):
        row: dict[str, Any] = {
            "organisation": organisation,
            "people": len(names),
            "groups": seated.get(organisation, []),
        }
        if include_names:
            row["names"] = sorted(names)
        rows.append(row)
    return {"people": len(people), "organisations": rows}


def _appendix_row(
    card: Card,
    *,
    groups_by_id: dict[int, str],
    labels: dict[str, str],
    votes: dict[int, int],
    themes: dict[int, str],
    author: Any,
    include_names: bool,
) -> View:
    return {
        "group": groups_by_id.get(card.group_id, ""),
        "kind": labels.get(card.kind, card.kind),
        "text": card.text,
        "votes": votes.get(card.id, 0),
        "theme": themes.get(card.theme_id) if card.theme_id is not None else None,
        "author": (author.name or "Anonymous") if include_names and author else None,
    }


def _position(groups: list[Any], group_id: int) -> int:
    return next((i for i, g in enumerate(groups) if g.id == group_id), len(groups))
